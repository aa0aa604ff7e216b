import ArgumentParser
import AuditPacks
import Foundation

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing evidence packs.",
        discussion: "Writes PREFIX.key (private, mode 0600) and PREFIX.pub (public, give it to the auditor). Exit 2 when a file exists or cannot be written."
    )

    @Option(help: "File name prefix: writes PREFIX.key and PREFIX.pub.")
    var output: String

    func run() throws {
        let (privateKey, publicKey) = PackKeys.generate()
        let privateURL = URL(fileURLWithPath: output + ".key")
        let publicURL = URL(fileURLWithPath: output + ".pub")
        for url in [privateURL, publicURL] where FileManager.default.fileExists(atPath: url.path) {
            Console.error("\(url.path): error: already exists; keys are never overwritten. Choose another --output.")
            throw ExitStatus.incomplete
        }
        guard FileManager.default.createFile(atPath: privateURL.path, contents: Data(privateKey.utf8), attributes: [.posixPermissions: 0o600]),
            FileManager.default.createFile(atPath: publicURL.path, contents: Data(publicKey.utf8), attributes: [.posixPermissions: 0o644])
        else {
            Console.error("\(output): error: cannot write the key files; check the folder exists and is writable.")
            throw ExitStatus.incomplete
        }
        print("Wrote \(privateURL.path) (keep it secret) and \(publicURL.path) (give it to the auditor).")
    }
}
