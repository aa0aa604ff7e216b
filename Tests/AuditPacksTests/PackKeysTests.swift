import AuditPacks
import Foundation
import Testing

@Suite("Pack keys: generated, written 0600, read back, refused when wrong")
struct PackKeysTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a key pair is written as PREFIX.key (0600) and PREFIX.pub (0644) and reads back")
    func roundTrip() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = PackSigningKey.generate()
        let files = try key.writeKeyPair(prefix: folder.appendingPathComponent("qm").path)
        #expect(files.privateKey.lastPathComponent == "qm.key" && files.publicKey.lastPathComponent == "qm.pub")
        let privateMode = try FileManager.default.attributesOfItem(atPath: files.privateKey.path)[.posixPermissions] as? Int
        #expect(privateMode == 0o600)
        #expect(try PackSigningKey(contentsOf: files.privateKey) == key)
        #expect(try PackVerifyingKey(contentsOf: files.publicKey) == key.publicKey)
        let text = try String(contentsOf: files.publicKey, encoding: .utf8)
        #expect(text.hasPrefix("cxaudit-ed25519-public-key-1\n") && text.hasSuffix("=\n") && text.split(separator: "\n").count == 2)
    }

    @Test("existing key files are never overwritten")
    func noOverwrite() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("qm").path
        let first = PackSigningKey.generate()
        _ = try first.writeKeyPair(prefix: prefix)
        let error = #expect(throws: PackKeyError.self) { try PackSigningKey.generate().writeKeyPair(prefix: prefix) }
        #expect(error?.reason.contains("never overwritten") == true)
        #expect(try PackSigningKey(contentsOf: URL(fileURLWithPath: prefix + ".key")) == first)

        try Data("x".utf8).write(to: folder.appendingPathComponent("other.pub"))
        #expect(throws: PackKeyError.self) { try PackSigningKey.generate().writeKeyPair(prefix: folder.appendingPathComponent("other").path) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("other.key").path), "nothing is left behind")
    }

    @Test("a public key given as the private key, a damaged key and a missing file are refused with advice")
    func refused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try PackSigningKey.generate().writeKeyPair(prefix: folder.appendingPathComponent("qm").path)
        let swapped = #expect(throws: PackKeyError.self) { try PackSigningKey(contentsOf: files.publicKey) }
        #expect(swapped?.reason.contains("it is the public key of the pair") == true)
        #expect(throws: PackKeyError.self) { try PackVerifyingKey(contentsOf: files.privateKey) }

        let damaged = folder.appendingPathComponent("damaged.pub")
        try "cxaudit-ed25519-public-key-1\nAAAA\n".write(to: damaged, atomically: true, encoding: .utf8)
        let short = #expect(throws: PackKeyError.self) { try PackVerifyingKey(contentsOf: damaged) }
        #expect(short?.errorDescription?.hasPrefix(damaged.path + ": error:") == true)
        #expect(throws: PackKeyError.self) { try PackVerifyingKey(contentsOf: folder.appendingPathComponent("none.pub")) }
    }

    @Test("the fingerprint is eight groups of four hex digits, the same for the pair")
    func fingerprint() {
        let key = PackSigningKey.generate()
        #expect(key.publicKey.fingerprint.split(separator: ":").map(\.count) == Array(repeating: 4, count: 8))
        #expect(key.publicKey.fingerprint != PackSigningKey.generate().publicKey.fingerprint)
    }

    @Test("the key id is the one securesystemslib computes for an Ed25519 key")
    func keyID() throws {
        // The public key of the private key 0x01…0x20; hex and key id as securesystemslib 1.6 gives them
        // (SSlibKey.from_crypto(...).keyval["public"], .keyid).
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("known.pub")
        try "cxaudit-ed25519-public-key-1\nebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=\n".write(to: file, atomically: true, encoding: .utf8)
        let key = try PackVerifyingKey(contentsOf: file)
        #expect(key.hex == "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664")
        #expect(key.keyID == "748a031656dcf38688f8cf7c6ff1fd44beb20ff14a4885cc904f25c1e08f56c4")
    }
}
