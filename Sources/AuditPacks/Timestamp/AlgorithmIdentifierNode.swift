import SwiftASN1

/// An X.509 `AlgorithmIdentifier` (RFC 5280 §4.1.1.2) as time-stamp tokens carry it:
/// the algorithm's OID, parameters ignored (NULL or absent for every algorithm
/// cxaudit accepts).
///
/// swift-certificates has its own, but keeps it internal.
struct AlgorithmIdentifierNode: DERParseable, DERSerializable, Hashable, Sendable {
    var algorithm: ASN1ObjectIdentifier

    init(algorithm: ASN1ObjectIdentifier) {
        self.algorithm = algorithm
    }

    init(derEncoded node: ASN1Node) throws {
        algorithm = try DER.sequence(node, identifier: .sequence) { nodes in
            let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
            // Parameters: NULL, absent, or (for algorithms cxaudit does not accept anyway) anything.
            _ = nodes.next()
            return algorithm
        }
    }

    /// Serialized with absent parameters, as RFC 5754 §2 asks for the SHA-2 family.
    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(algorithm)
        }
    }
}
