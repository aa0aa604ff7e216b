public import Foundation
public import SwiftASN1

/// What a time-stamp vouches for: the hash of the stamped bytes and the algorithm that
/// made it (RFC 3161 §2.4.1). Only the hash is sent to a TSA, never the bytes.
public struct MessageImprint: DERParseable, DERSerializable, Hashable, Sendable {
    /// The algorithm, by OID (a token may name one cxaudit does not accept: it then does not match).
    public var algorithm: ASN1ObjectIdentifier
    /// The hash of the stamped bytes.
    public var hashedMessage: [UInt8]

    /// The imprint of `data` under `digest`.
    public init(of data: Data, digest: TimestampDigest = .sha256) {
        algorithm = digest.oid
        hashedMessage = digest.hash(data)
    }

    public init(derEncoded node: ASN1Node) throws {
        (algorithm, hashedMessage) = try DER.sequence(node, identifier: .sequence) { nodes in
            guard let algorithmNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "MessageImprint without hashAlgorithm") }
            let algorithm = try AlgorithmIdentifierNode(derEncoded: algorithmNode).algorithm
            let hashed = try ASN1OctetString(derEncoded: &nodes)
            return (algorithm, Array(hashed.bytes))
        }
    }

    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(AlgorithmIdentifierNode(algorithm: algorithm))
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(hashedMessage)))
        }
    }

    /// Whether this is the imprint of `data`, under an algorithm cxaudit accepts.
    public func matches(_ data: Data) -> Bool {
        guard let digest = TimestampDigest(oid: algorithm) else { return false }
        return digest.hash(data) == hashedMessage
    }
}
