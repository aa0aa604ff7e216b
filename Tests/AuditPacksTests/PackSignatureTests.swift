import AuditPacks
import Foundation
import Testing

@Suite("PackSignature: Ed25519 over MANIFEST's bytes")
struct PackSignatureTests {
    static let manifest = PackManifest(entries: ["run.json": Data("{}".utf8)]).data

    @Test("a signature holds for its key and manifest only")
    func signAndVerify() throws {
        let key = PackSigningKey.generate()
        let file = try PackSignature.file(signing: Self.manifest, with: key)
        #expect(String(decoding: file, as: UTF8.self).hasSuffix("\n"))
        #expect(Data(base64Encoded: String(decoding: file.dropLast(), as: UTF8.self))?.count == 64)
        #expect(PackSignature.isValid(file, for: Self.manifest, key: key.publicKey))
        #expect(!PackSignature.isValid(file, for: Self.manifest + Data(" ".utf8), key: key.publicKey))
        #expect(!PackSignature.isValid(file, for: Self.manifest, key: PackSigningKey.generate().publicKey))
        #expect(!PackSignature.isValid(Data("garbage".utf8), for: Self.manifest, key: key.publicKey))
        #expect(!PackSignature.isValid(Data(), for: Self.manifest, key: key.publicKey))
    }
}
