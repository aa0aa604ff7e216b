import ArgumentParser
import AuditPacks
import Foundation

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing evidence packs.",
        discussion: """
            Writes PREFIX.key (the private key, created with mode 0600: keep it secret) and PREFIX.pub \
            (the public key: give it to the auditor through another channel than the pack). Existing \
            files are never overwritten.

            Exit status: 0 the keys were written; 2 a file exists or cannot be written.
            """
    )

    @Option(help: ArgumentHelp("File name prefix: writes PREFIX.key and PREFIX.pub.", valueName: "prefix"))
    var output: String

    func run() throws {
        let key = PackSigningKey.generate()
        let files = try Console.loadOrExit { () throws(PackKeyError) in try key.writeKeyPair(prefix: output) }
        print(
            "Wrote \(Console.displayPath(files.privateKey)) (private: keep it secret) and \(Console.displayPath(files.publicKey)) "
                + "(public: give it to the auditor). Key fingerprint \(key.publicKey.fingerprint).")
    }
}
