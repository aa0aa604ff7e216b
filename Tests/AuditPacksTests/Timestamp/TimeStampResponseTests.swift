@testable import AuditPacks
import Foundation
import Testing
import X509

/// RFC 3161 requests as openssl reads them, and openssl's responses as cxaudit checks them.
@Suite("TimeStampRequest and TimeStampResponse, against openssl ts")
struct TimeStampResponseTests {
    static let verdict = Data(#"{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[]}"#.utf8)

    @Test("a request is version 1, a SHA-256 imprint, the nonce and certReq, as openssl ts -query reads it")
    func requestAsOpenSSLReadsIt() throws {
        let folder = try PythonTool.scratch("tsq")
        defer { try? FileManager.default.removeItem(at: folder) }
        let request = TimeStampRequest(imprint: MessageImprint(of: Self.verdict), nonce: 0x1234_5678_9ABC_DEF0)
        try request.encoded().write(to: folder.appendingPathComponent("request.tsq"))
        let text = try OpenSSLTimestamps.run("openssl", ["ts", "-query", "-in", "request.tsq", "-text"], in: folder)
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains("Version: 1"))
        #expect(text.output.contains("Hash Algorithm: sha256"))
        #expect(text.output.contains("Nonce: 0x123456789ABCDEF0"))
        #expect(text.output.contains("Certificate required: yes"))
        #expect(text.output.contains("Policy OID: unspecified"))
    }

    @Test("openssl's granted response is a valid token for the verdict's imprint and the request's nonce")
    func grantedResponse() throws {
        let tsa = try OpenSSLTimestamps()
        defer { tsa.remove() }
        let request = TimeStampRequest(imprint: MessageImprint(of: Self.verdict))
        let response = try TimeStampResponse(derEncoded: tsa.reply(to: request.encoded()))
        #expect(response.isGranted)
        let token = try response.token(answering: request, for: Self.verdict)
        #expect(token.info.imprint.matches(Self.verdict))
        #expect(abs(token.info.genTime.timeIntervalSinceNow) < 600)
        let certificate = try token.validate()
        #expect("\(certificate.subject)" == "CN=cxaudit Test TSA,O=cxaudit tests")
        let trust = try TSATrust(contentsOf: tsa.caCertificate)
        #expect(token.chains(certificate, to: trust.certificates))
        #expect(!token.chains(certificate, to: []))
    }

    @Test("another request's nonce, or other bytes, are refused")
    func otherRequest() throws {
        let tsa = try OpenSSLTimestamps()
        defer { tsa.remove() }
        // A nonce with its top bit set: DER gives it a leading zero byte, which must not be taken for a sign.
        let request = TimeStampRequest(imprint: MessageImprint(of: Self.verdict), nonce: 0xF234_5678_9ABC_DEF0)
        let response = try TimeStampResponse(derEncoded: tsa.reply(to: request.encoded()))
        #expect(try response.token(answering: request, for: Self.verdict).info.nonce == 0xF234_5678_9ABC_DEF0)
        let replayed = TimeStampRequest(imprint: request.imprint, nonce: 43)
        #expect(throws: TimestampError.Reason("the token's nonce is not the request's: it answers another request (a replayed response)")) {
            try response.token(answering: replayed, for: Self.verdict)
        }
        #expect(throws: TimestampError.Reason("the token is for other bytes than the verdict (its message imprint differs)")) {
            try response.token(answering: request, for: Self.verdict + Data(" ".utf8))
        }
    }

    @Test("a changed byte in the signed content or the signature is caught")
    func tampering() throws {
        let tsa = try OpenSSLTimestamps()
        defer { tsa.remove() }
        let request = TimeStampRequest(imprint: MessageImprint(of: Self.verdict))
        let bytes = try tsa.reply(to: request.encoded())
        var signature = bytes
        signature[signature.count - 1] ^= 0x01
        #expect(throws: TimestampError.Reason.self) { try TimeStampResponse(derEncoded: signature).token?.validate() }
        // The TSTInfo's hash byte: the imprint's last byte, found by its value in the response.
        let imprint = request.imprint.hashedMessage
        let start = try #require(bytes.firstRange(of: Data(imprint)))
        var content = bytes
        content[start.upperBound - 1] ^= 0x01
        let error = try #require(throws: TimestampError.Reason.self) { try TimeStampResponse(derEncoded: content).token?.validate() }
        #expect(error.description.contains("the signed message digest is not the SHA-256 of the time-stamp content"))
    }

    @Test("a rejection is parsed with its status and text; garbage is not a response")
    func rejection() throws {
        // TimeStampResp { PKIStatusInfo { rejection, "bad" } }, DER by hand.
        let rejection = Data([0x30, 0x0C, 0x30, 0x0A, 0x02, 0x01, 0x02, 0x30, 0x05, 0x0C, 0x03] + Array("bad".utf8))
        let response = try TimeStampResponse(derEncoded: rejection)
        #expect(response.status == 2)
        #expect(!response.isGranted)
        #expect(response.statusText == "bad")
        #expect(response.token == nil)
        #expect(throws: TimestampError.Reason.self) { try TimeStampResponse(derEncoded: Data("<html>".utf8)) }
    }
}
