import ArgumentParser
import AuditPacks
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an evidence pack against its MANIFEST and signature.",
        discussion: """
            Reads the pack in memory (nothing is extracted), refuses unsafe entry names, symbolic links and \\
            ZIP bombs, compares every entry's SHA-256 and size with MANIFEST, reports extra, missing and \\
            modified entries by name, and checks the Ed25519 signature when --public-key is given.

            Exit status: 0 intact (and signature verified when a key was given); 1 a mismatch or a bad
            signature; 2 not a usable pack (unreadable, not a pack, hostile archive, unusable key).
            """
    )

    @Argument(help: "The pack (ZIP) to verify.")
    var pack: String

    @Option(help: "The signer's public key from `cxaudit keygen`.")
    var publicKey: String?

    func run() throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: pack))
        } catch {
            Console.error("\(pack): error: cannot read the pack: \(error.localizedDescription)")
            throw ExitStatus.incomplete
        }
        let report = try Console.loadOrExit { () throws(PackVerifier.UnusablePack) in
            try PackVerifier.verify(data, name: pack, publicKey: publicKey.map { URL(fileURLWithPath: $0) })
        }
        for problem in report.problems {
            print("✗ \(problem)")
        }
        let signature: String
        switch report.signature {
        case .verified: signature = "signature verified"
        case .notChecked: signature = "signed, but the signature was not checked (pass --public-key)"
        case .unsigned: signature = "not signed"
        case .invalid: signature = "signature INVALID"
        }
        if report.isIntact {
            print("✓ \(pack): all \(report.entries) entries match MANIFEST; \(signature).")
        } else {
            print("\(pack): \(report.problems.count) problem(s) in \(report.entries) listed entries; \(signature).")
            throw ExitStatus.findings
        }
    }
}
