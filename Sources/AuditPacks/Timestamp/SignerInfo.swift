import SwiftASN1
import X509

/// A CMS `SignerInfo` (RFC 5652 §5.3) as a time-stamp token carries it: who signed, with
/// which digest and signature algorithms, the signed attributes, and the signature.
///
/// Parsed by hand because swift-certificates' CMS support accepts only `id-data`
/// content, not `id-ct-TSTInfo`.
struct SignerInfo: DERParseable, Sendable {
    /// How the signer's certificate is named (RFC 5652 §5.3).
    enum Identifier: Sendable, Hashable {
        case issuerAndSerialNumber(issuer: DistinguishedName, serialNumber: ArraySlice<UInt8>)
        case subjectKeyIdentifier(ArraySlice<UInt8>)
    }

    /// One signed attribute: its type and its values.
    struct Attribute: Sendable, Hashable {
        var type: ASN1ObjectIdentifier
        var values: [ASN1Node]
    }

    /// `id-contentType` (RFC 5652 §11.1).
    static let contentTypeAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
    /// `id-messageDigest` (RFC 5652 §11.2).
    static let messageDigestAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
    /// `id-aa-signingCertificate` (RFC 2634 §5.4), ESSCertID with a SHA-1 hash.
    static let signingCertificateAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 12]
    /// `id-aa-signingCertificateV2` (RFC 5035 §3), ESSCertIDv2.
    static let signingCertificateV2Attribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 47]

    var signer: Identifier
    var digestAlgorithm: ASN1ObjectIdentifier
    var signedAttributes: [Attribute]
    /// The DER of the signed attributes as signed: the `[0] IMPLICIT` field re-tagged as the
    /// `SET OF` it stands for (RFC 5652 §5.4).
    var signedAttributesDER: [UInt8]
    var signatureAlgorithm: ASN1ObjectIdentifier
    var signature: ArraySlice<UInt8>

    init(derEncoded node: ASN1Node) throws {
        (signer, digestAlgorithm, signedAttributes, signedAttributesDER, signatureAlgorithm, signature) =
            try DER.sequence(node, identifier: .sequence) { nodes in
                _ = try Int(derEncoded: &nodes)
                guard let sid = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo without sid") }
                let signer: Identifier
                if sid.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                    guard case .primitive(let bytes) = sid.content else { throw ASN1Error.invalidASN1Object(reason: "malformed subjectKeyIdentifier") }
                    signer = .subjectKeyIdentifier(bytes)
                } else {
                    signer = try DER.sequence(sid, identifier: .sequence) { fields in
                        guard let issuer = fields.next() else { throw ASN1Error.invalidASN1Object(reason: "issuerAndSerialNumber without issuer") }
                        return .issuerAndSerialNumber(
                            issuer: try DistinguishedName(derEncoded: issuer), serialNumber: try ArraySlice<UInt8>(derEncoded: &fields))
                    }
                }
                guard let digestNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo without digestAlgorithm") }
                let digest = try AlgorithmIdentifierNode(derEncoded: digestNode).algorithm
                guard let attributesNode = nodes.next(), attributesNode.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                    case .constructed(let attributeNodes) = attributesNode.content
                else {
                    // RFC 3161 §2.4.1 requires signed attributes (the content type is not id-data).
                    throw ASN1Error.invalidASN1Object(reason: "SignerInfo without signed attributes")
                }
                let attributes = try attributeNodes.map { attribute in
                    try DER.sequence(attribute, identifier: .sequence) { fields in
                        let type = try ASN1ObjectIdentifier(derEncoded: &fields)
                        guard let valuesNode = fields.next(), valuesNode.identifier == .set, case .constructed(let values) = valuesNode.content else {
                            throw ASN1Error.invalidASN1Object(reason: "attribute \(type) without a SET of values")
                        }
                        return Attribute(type: type, values: Array(values))
                    }
                }
                var set = Array(attributesNode.encodedBytes)
                set[0] = 0x31  // [0] IMPLICIT, constructed (0xA0) → SET (0x31); the length and content stay.
                guard let algorithmNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo without signatureAlgorithm") }
                let algorithm = try AlgorithmIdentifierNode(derEncoded: algorithmNode).algorithm
                let signature = try ASN1OctetString(derEncoded: &nodes).bytes
                // unsignedAttrs [1] may follow; nothing cxaudit checks is in them.
                while nodes.next() != nil {}
                return (signer, digest, attributes, set, algorithm, signature)
            }
    }

    /// The single value of the signed attribute `type`, or nil when absent or repeated.
    func attribute(_ type: ASN1ObjectIdentifier) -> ASN1Node? {
        let matching = signedAttributes.filter { $0.type == type }
        guard matching.count == 1, let attribute = matching.first, attribute.values.count == 1 else { return nil }
        return attribute.values.first
    }

    /// Whether `certificate` is the one `signer` names.
    func isSigned(by certificate: Certificate) -> Bool {
        switch signer {
        case let .issuerAndSerialNumber(issuer, serialNumber):
            return certificate.issuer == issuer && certificate.serialNumber.bytes == serialNumber
        case let .subjectKeyIdentifier(identifier):
            return (try? certificate.extensions.subjectKeyIdentifier)??.keyIdentifier == identifier
        }
    }

    /// The signature algorithm as swift-certificates names it: CMS often gives the key type
    /// alone (`rsaEncryption`), leaving the hash to `digestAlgorithm` (RFC 3370 §3.2).
    var certificateSignatureAlgorithm: Certificate.SignatureAlgorithm? {
        let digest = TimestampDigest(oid: digestAlgorithm)
        switch (signatureAlgorithm, digest) {
        case ([1, 2, 840, 113549, 1, 1, 1], .sha256?), ([1, 2, 840, 113549, 1, 1, 11], _): return .sha256WithRSAEncryption
        case ([1, 2, 840, 113549, 1, 1, 1], .sha384?), ([1, 2, 840, 113549, 1, 1, 12], _): return .sha384WithRSAEncryption
        case ([1, 2, 840, 113549, 1, 1, 1], .sha512?), ([1, 2, 840, 113549, 1, 1, 13], _): return .sha512WithRSAEncryption
        case ([1, 2, 840, 10045, 4, 3, 2], _): return .ecdsaWithSHA256
        case ([1, 2, 840, 10045, 4, 3, 3], _): return .ecdsaWithSHA384
        case ([1, 2, 840, 10045, 4, 3, 4], _): return .ecdsaWithSHA512
        case ([1, 3, 101, 112], _): return .ed25519
        default: return nil
        }
    }
}
