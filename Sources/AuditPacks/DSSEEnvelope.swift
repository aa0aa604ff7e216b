public import Foundation

/// A DSSE envelope (Dead Simple Signing Envelope, github.com/secure-systems-lab/dsse):
/// a payload, its type, and signatures over the pre-authentication encoding of both.
///
/// DSSE, not a detached signature over a file, because it is what in-toto attestations
/// travel in: `securesystemslib`, in-toto and sigstore verify it as they are, and signing
/// the type with the payload means a signature over a verdict can never be replayed as a
/// signature over something else. Stored as one line of JSON (keys sorted, no escaped
/// slashes) and a line feed: the `.intoto.jsonl` form in-toto tools read.
public struct DSSEEnvelope: Sendable, Hashable, Codable {
    /// The payload type of an in-toto Statement.
    public static let inTotoPayloadType = "application/vnd.in-toto+json"

    /// One signature: the signer's key id (a hint for finding the key) and the signature in base64.
    public struct Signature: Sendable, Hashable, Codable {
        public var keyid: String
        public var sig: String
    }

    /// Why a file is not a DSSE envelope; names the file.
    public struct FormatError: Error, LocalizedError, Sendable, Hashable {
        public let file: String
        public let reason: String

        public var errorDescription: String? { "\(file): \(reason)" }
    }

    /// The payload in standard base64.
    public var payload: String
    public var payloadType: String
    public var signatures: [Signature]

    /// `DSSEv1 SP LEN(type) SP type SP LEN(body) SP body`, lengths in ASCII decimal bytes:
    /// what is signed.
    public static func preAuthenticationEncoding(type: String, body: Data) -> Data {
        Data("DSSEv1 \(type.utf8.count) \(type) \(body.count) ".utf8) + body
    }

    /// An envelope of `payload` signed with `key`, its signature marked with the key's
    /// securesystemslib key id.
    ///
    /// - Throws: an error from swift-crypto when the key cannot sign (not expected for a key read or generated here).
    public static func signed(_ payload: Data, type: String, with key: PackSigningKey) throws -> DSSEEnvelope {
        let signature = try key.signature(for: preAuthenticationEncoding(type: type, body: payload))
        return DSSEEnvelope(
            payload: payload.base64EncodedString(), payloadType: type,
            signatures: [Signature(keyid: key.publicKey.keyID, sig: signature.base64EncodedString())])
    }

    /// Reads an envelope.
    ///
    /// - Throws: `FormatError` when `data` is not an envelope's JSON or its payload is not base64.
    public init(parsing data: Data, file: String) throws(FormatError) {
        do {
            self = try JSONDecoder().decode(DSSEEnvelope.self, from: data)
        } catch {
            throw FormatError(file: file, reason: "is not a DSSE envelope (JSON with payload, payloadType and signatures)")
        }
        guard payloadBytes != nil else { throw FormatError(file: file, reason: "its payload is not base64") }
    }

    init(payload: String, payloadType: String, signatures: [Signature]) {
        self.payload = payload
        self.payloadType = payloadType
        self.signatures = signatures
    }

    /// The payload's bytes; nil when `payload` is not base64.
    public var payloadBytes: Data? { Data(base64Encoded: payload) }

    /// Whether one of the signatures is `key`'s valid Ed25519 signature of the payload and
    /// its type. Key ids are not trusted: every signature is tried with the key.
    public func isSigned(by key: PackVerifyingKey) -> Bool {
        guard let body = payloadBytes else { return false }
        let message = Self.preAuthenticationEncoding(type: payloadType, body: body)
        return signatures.contains { signature in
            guard let bytes = Data(base64Encoded: signature.sig), bytes.count == 64 else { return false }
            return key.isValidSignature(bytes, for: message)
        }
    }

    /// The envelope as the pack stores it: one line of JSON, keys sorted, and a line feed.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
