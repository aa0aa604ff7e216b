import AuditPacks
import Foundation
import Testing

@Suite("DSSEEnvelope: PAE, Ed25519, and securesystemslib agrees")
struct DSSEEnvelopeTests {
    @Test("the pre-authentication encoding is DSSEv1, the type and body with their byte lengths")
    func pae() {
        // The DSSE protocol's own example (dsse/protocol.md).
        let encoded = DSSEEnvelope.preAuthenticationEncoding(type: "http://example.com/HelloWorld", body: Data("hello world".utf8))
        #expect(String(decoding: encoded, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
        #expect(DSSEEnvelope.preAuthenticationEncoding(type: "ü", body: Data()) == Data("DSSEv1 2 ü 0 ".utf8), "lengths in bytes")
    }

    @Test("an envelope holds for its key and payload only, and is one line of JSON")
    func signAndVerify() throws {
        let key = PackSigningKey.generate()
        let envelope = try DSSEEnvelope.signed(Data("{}".utf8), type: DSSEEnvelope.inTotoPayloadType, with: key)
        #expect(envelope.isSigned(by: key.publicKey))
        #expect(!envelope.isSigned(by: PackSigningKey.generate().publicKey))
        #expect(envelope.signatures.map(\.keyid) == [key.publicKey.keyID])
        var other = envelope
        other.payloadType = "application/json"
        #expect(!other.isSigned(by: key.publicKey), "the type is signed with the payload")
        other = envelope
        other.payload = Data("{ }".utf8).base64EncodedString()
        #expect(!other.isSigned(by: key.publicKey))
        let text = String(decoding: try envelope.encoded(), as: UTF8.self)
        #expect(text.hasSuffix("}\n") && text.filter { $0 == "\n" }.count == 1)
        #expect(text.contains(#""payloadType":"application/vnd.in-toto+json""#), "slashes unescaped")
        #expect(try DSSEEnvelope(parsing: try envelope.encoded(), file: "v") == envelope)
        #expect(throws: DSSEEnvelope.FormatError.self) { try DSSEEnvelope(parsing: Data("[]".utf8), file: "v") }
    }

    @Test("securesystemslib verifies the sample's verdict from the public key alone, and rejects a changed one")
    func securesystemslib() async throws {
        guard try PythonTool.require("securesystemslib", package: "securesystemslib cryptography") else { return }
        let verdict = try #require(try SamplePack.entry("verdict.intoto.jsonl", of: try await SamplePack.pack(signed: true)))
        let folder = try PythonTool.scratch("dsse")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("verdict.intoto.jsonl")
        try verdict.write(to: file)
        let publicKey = folder.appendingPathComponent("qm.pub")
        try SamplePack.signer.publicKey.fileText.write(to: publicKey, atomically: true, encoding: .utf8)
        let code = """
            import base64, json, sys
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
            from securesystemslib.dsse import Envelope
            from securesystemslib.signer import SSlibKey
            raw = base64.b64decode(open(sys.argv[2]).read().split("\\n")[1])
            key = SSlibKey.from_crypto(Ed25519PublicKey.from_public_bytes(raw))
            envelope = Envelope.from_dict(json.loads(open(sys.argv[1]).read()))
            envelope.verify([key], 1)
            statement = json.loads(envelope.payload)
            print(key.keyid, statement["_type"], statement["predicateType"], statement["predicate"]["verificationResult"])
            """
        let verified = try PythonTool.run(code, [file.path, publicKey.path])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(
            verified.output.trimmingCharacters(in: .newlines)
                == "\(SamplePack.signer.publicKey.keyID) https://in-toto.io/Statement/v1 https://cxaudit.dev/audit-verdict/v1 FAILED")

        var envelope = try DSSEEnvelope(parsing: verdict, file: "verdict.intoto.jsonl")
        let payload = String(decoding: try #require(envelope.payloadBytes), as: UTF8.self)
        envelope.payload = Data(payload.replacingOccurrences(of: "\"FAILED\"", with: "\"PASSED\"").utf8).base64EncodedString()
        try envelope.encoded().write(to: file)
        let forged = try PythonTool.run(code, [file.path, publicKey.path])
        #expect(forged.status != 0 && forged.output.contains("VerificationError"), "\(forged.output)")
    }
}
