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

            A pack made with --timestamp-url holds verdict.tsr, an RFC 3161 time-stamp of \
            verdict.intoto.jsonl: verify checks it is a time-stamp of the verdict's exact bytes, signed \
            validly by the time-stamping certificate inside it, and prints who stamped it and when. \
            --tsa-cert names the TSA's certificate or the CA that issued it (PEM): only then is the \
            time-stamp called trusted; with it, a pack without a time-stamp fails.

            Exit status: 0 intact (and the signature verified when a key was given, the time-stamp trusted \
            when a TSA certificate was given); 1 a mismatch, a bad or missing signature, or a bad, foreign, \
            untrusted or missing time-stamp; 2 not a usable pack (unreadable, not a ZIP or not a pack, hostile \
            archive) or an unusable key.
            """
    )

    @Argument(help: ArgumentHelp("The pack (ZIP) to verify.", valueName: "pack.zip"))
    var pack: String

    @Option(help: ArgumentHelp("The signer's public key (the .pub file from `cxaudit keygen`).", valueName: "key"))
    var publicKey: String?

    @Option(
        name: .customLong("tsa-cert"),
        help: ArgumentHelp("The time-stamping authority's certificate, or the CA that issued it (PEM): the time-stamp must chain to it.", valueName: "pem"))
    var tsaCert: String?

    func run() throws {
        let key = try publicKey.map { path in
            try Console.loadOrExit { () throws(PackKeyError) in try PackVerifyingKey(contentsOf: URL(fileURLWithPath: path)) }
        }
        let trust = try tsaCert.map { path in
            try Console.loadOrExit { () throws(PackKeyError) in try TSATrust(contentsOf: URL(fileURLWithPath: path)) }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: pack), options: .mappedIfSafe)
        } catch {
            Console.error("\(pack): error: cannot read the pack: \(FileErrorReason.describe(error, reading: URL(fileURLWithPath: pack)))")
            throw ExitStatus.incomplete
        }
        let report = try Console.loadOrExit { () throws(PackVerifier.UnusablePack) in
            try PackVerifier.verify(data, name: pack, publicKey: key, tsaTrust: trust)
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
        switch report.timestamp {
        case .absent:
            print("No timestamp (the pack was made without --timestamp-url).")
        case let .valid(authority, time, trusted):
            print("Timestamped by \(authority) at \(Self.utc(time)) UTC: "
                + (trusted ? "signature valid, TSA trusted (--tsa-cert)." : "present, signature valid, TSA not checked against a trusted certificate (pass --tsa-cert)."))
        case .invalid:
            print("Timestamp NOT valid (see above).")
        }
        if report.isIntact {
            print("✓ \(pack): all \(report.listed) files match the bag's manifests; \(signature).")
        } else {
            print("✗ \(pack): \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") (\(report.listed) files listed in the manifests); \(signature).")
            throw ExitStatus.findings
        }
    }

    /// `2026-12-07 11:29:37`: genTime to the second, as people read it.
    private static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0,
            parts.second ?? 0)
    }
}
