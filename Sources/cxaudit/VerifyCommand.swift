import ArgumentParser
import AuditModel
import AuditPacks
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an evidence pack against its BagIt manifests and its signed verdict.",
        discussion: """
            Reads the pack in memory (nothing is extracted), refuses unsafe entry names, symbolic links, \
            duplicate names and ZIP bombs, compares every entry with the bag's SHA-256 and SHA-512 \
            manifests and tag manifests and its Payload-Oxum, names each modified, missing, extra or \
            renamed entry, and checks the signed verdict (verdict.intoto.jsonl, DSSE, Ed25519) against \
            --public-key and every file against the digest it signs. Without --public-key a signed pack's \
            signature is not checked (it says so); with it, an unsigned pack fails.

            Exit status: 0 intact (and the signature verified when a key was given); 1 a mismatch or a bad \
            or missing signature; 2 not a usable pack (unreadable, not a ZIP or not a pack, hostile \
            archive) or an unusable key.
            """
    )

    @Argument(help: ArgumentHelp("The pack (ZIP) to verify.", valueName: "pack.zip"))
    var pack: String

    @Option(help: ArgumentHelp("The signer's public key (the .pub file from `cxaudit keygen`).", valueName: "key"))
    var publicKey: String?

    func run() throws {
        let key = try publicKey.map { path in
            try Console.loadOrExit { () throws(PackKeyError) in try PackVerifyingKey(contentsOf: URL(fileURLWithPath: path)) }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: pack), options: .mappedIfSafe)
        } catch {
            Console.error("\(pack): error: cannot read the pack: \(FileErrorReason.describe(error, reading: URL(fileURLWithPath: pack)))")
            throw ExitStatus.incomplete
        }
        let report = try Console.loadOrExit { () throws(PackVerifier.UnusablePack) in
            try PackVerifier.verify(data, name: pack, publicKey: key)
        }
        for problem in report.problems {
            print("✗ \(problem)")
        }
        let signature: String
        switch report.signature {
        case let .verified(fingerprint): signature = "signature verified (key \(fingerprint))"
        case .notChecked: signature = "signed, but the signature was NOT checked: pass --public-key with the signer's key"
        case .unsigned: signature = "not signed"
        case .invalid: signature = "signature NOT valid"
        }
        if let verdict = report.verdict {
            let findings = Grade.allCases.map { "\(verdict.findings[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
            print("Signed verdict: \(verdict.verificationResult) — \(verdict.organization), as of \(verdict.asOf): \(findings) (made \(verdict.timeVerified)).")
        }
        if report.isIntact {
            print("✓ \(pack): all \(report.listed) files match the bag's manifests; \(signature).")
        } else {
            print("✗ \(pack): \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") (\(report.listed) files listed in the manifests); \(signature).")
            throw ExitStatus.findings
        }
    }
}
