import Crypto
import Foundation
public import SwiftASN1
public import X509

/// An RFC 3161 time-stamp token: a CMS `SignedData` (RFC 5652) whose content is a
/// `TSTInfo`, signed by the TSA, usually with the TSA's certificate inside.
///
/// Checking one means: the content is a `TSTInfo`; the signed attributes name that
/// content type and carry its digest; the TSA's certificate is the one the signer
/// names, the signed attributes bind it (ESS signing-certificate), it may sign time-stamps
/// (critical extended key usage `timeStamping`), and its key made the signature over the signed
/// attributes. Whether that certificate is one to trust is a separate question
/// (`chains(to:)`): the token carries its own certificate, so anyone can make a token
/// that is valid in itself.
public struct TimeStampToken: Sendable {
    /// `id-signedData` (RFC 5652 §5.1).
    static let signedDataType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]

    /// What the TSA signed.
    public let info: TSTInfo
    /// The certificates the token carries: the TSA's, sometimes its chain.
    public let certificates: [Certificate]
    /// The DER of each certificate in `certificates`, for the ESS certificate hash.
    private let certificateDER: [ArraySlice<UInt8>]
    private let contentType: ASN1ObjectIdentifier
    /// The encapsulated content, the DER of `info`, as signed.
    private let content: ArraySlice<UInt8>
    private let signer: SignerInfo

    /// Parses a token (a CMS `ContentInfo`).
    ///
    /// - Throws: An `ASN1Error` when it is not a DER `ContentInfo` holding `SignedData`
    ///   with one signer and a `TSTInfo`.
    public init(derEncoded node: ASN1Node) throws {
        let signedData = try DER.sequence(node, identifier: .sequence) { nodes in
            let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard type == Self.signedDataType else { throw ASN1Error.invalidASN1Object(reason: "ContentInfo of type \(type), not signedData") }
            return try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { $0 }
        }
        var parsed:
            (type: ASN1ObjectIdentifier, content: ArraySlice<UInt8>, certificates: [ASN1Node], signers: [ASN1Node])
        parsed = try DER.sequence(signedData, identifier: .sequence) { nodes in
            _ = try Int(derEncoded: &nodes)
            guard let digests = nodes.next(), digests.identifier == .set else { throw ASN1Error.invalidASN1Object(reason: "SignedData without digestAlgorithms") }
            guard let encapsulated = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SignedData without encapContentInfo") }
            let (type, content) = try DER.sequence(encapsulated, identifier: .sequence) { fields in
                let type = try ASN1ObjectIdentifier(derEncoded: &fields)
                let content = try DER.explicitlyTagged(&fields, tagNumber: 0, tagClass: .contextSpecific) { try ASN1OctetString(derEncoded: $0) }
                return (type, content.bytes)
            }
            var certificates: [ASN1Node] = []
            var signers: [ASN1Node] = []
            while let field = nodes.next() {
                switch field.identifier {
                case ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific):
                    guard case .constructed(let set) = field.content else { throw ASN1Error.invalidASN1Object(reason: "malformed certificates") }
                    // Only X.509 certificates (SEQUENCE); attribute and other certificate forms are skipped.
                    certificates = set.filter { $0.identifier == .sequence }
                case .set:
                    guard case .constructed(let set) = field.content else { throw ASN1Error.invalidASN1Object(reason: "malformed signerInfos") }
                    signers = Array(set)
                default:
                    continue  // crls [1]
                }
            }
            return (type, content, certificates, signers)
        }
        guard parsed.signers.count == 1, let signerNode = parsed.signers.first else {
            throw ASN1Error.invalidASN1Object(reason: "a time-stamp token has exactly one signer, this one has \(parsed.signers.count)")
        }
        contentType = parsed.type
        content = parsed.content
        info = try TSTInfo(derEncoded: try DER.parse(parsed.content))
        certificateDER = parsed.certificates.map(\.encodedBytes)
        certificates = try parsed.certificates.map { try Certificate(derEncoded: $0) }
        signer = try SignerInfo(derEncoded: signerNode)
    }

    /// The certificate the signer names, from the token or from `extra`.
    public func signerCertificate(among extra: [Certificate] = []) -> Certificate? {
        (certificates + extra).first { signer.isSigned(by: $0) }
    }

    /// Checks the token in itself (not whether its TSA is trusted: see `chains(to:)`).
    ///
    /// - Parameter extra: Certificates to look for the TSA's in when the token does not carry it.
    /// - Returns: The TSA's certificate.
    /// - Throws: The first check that failed, in words.
    public func validate(among extra: [Certificate] = []) throws(TimestampError.Reason) -> Certificate {
        guard contentType == TSTInfo.contentType else {
            throw TimestampError.Reason("the signed content is of type \(contentType), not id-ct-TSTInfo")
        }
        guard let typeNode = signer.attribute(SignerInfo.contentTypeAttribute),
            (try? ASN1ObjectIdentifier(derEncoded: typeNode)) == TSTInfo.contentType
        else {
            throw TimestampError.Reason("the signed attributes do not name the content type id-ct-TSTInfo")
        }
        guard let digest = TimestampDigest(oid: signer.digestAlgorithm) else {
            throw TimestampError.Reason("the TSA signed a digest of type \(signer.digestAlgorithm), which cxaudit does not accept (SHA-256, SHA-384, SHA-512)")
        }
        guard let digestNode = signer.attribute(SignerInfo.messageDigestAttribute),
            let signedDigest = try? ASN1OctetString(derEncoded: digestNode), Array(signedDigest.bytes) == digest.hash(content)
        else {
            throw TimestampError.Reason("the signed message digest is not the \(digest.displayName) of the time-stamp content: the content was altered")
        }
        guard let certificate = signerCertificate(among: extra) else {
            throw TimestampError.Reason("the token does not carry the certificate of the TSA that signed it")
        }
        guard let algorithm = signer.certificateSignatureAlgorithm else {
            throw TimestampError.Reason("signed with algorithm \(signer.signatureAlgorithm), which cxaudit does not check (RSA PKCS#1 v1.5, ECDSA, Ed25519)")
        }
        guard certificate.publicKey.isValidSignature(signer.signature, for: signer.signedAttributesDER, signatureAlgorithm: algorithm) else {
            throw TimestampError.Reason("the signature is not valid for the TSA's key (\(certificate.subject)): the token was altered")
        }
        try checkSigningCertificateBinding(certificate)
        // RFC 3161 §2.3: the TSA's certificate has exactly this usage, and marks it critical.
        guard let usage = try? certificate.extensions.extendedKeyUsage, usage.contains(.timeStamping),
            certificate.extensions[oid: .X509ExtensionID.extendedKeyUsage]?.critical == true
        else {
            throw TimestampError.Reason("the signer's certificate (\(certificate.subject)) is not for time-stamping (no critical extended key usage timeStamping)")
        }
        return certificate
    }

    /// Whether `certificate` (the TSA's) is one of `anchors` or was issued, through the
    /// token's certificates, by one of them, each certificate valid at the stamped time.
    public func chains(_ certificate: Certificate, to anchors: [Certificate]) -> Bool {
        var current = certificate
        let time = info.genTime
        for _ in 0..<8 {
            guard current.notValidBefore <= time, time <= current.notValidAfter else { return false }
            if anchors.contains(current) { return true }
            guard let issuer = (anchors + certificates).first(where: {
                $0.subject == current.issuer && $0 != current && $0.publicKey.isValidSignature(current.signature, for: current)
            }) else { return false }
            current = issuer
        }
        return false
    }

    /// The ESS signing-certificate attribute, which RFC 3161 §2.4.1 requires, binds the
    /// signature to the TSA's certificate: another certificate with the same key cannot be
    /// substituted.
    private func checkSigningCertificateBinding(_ certificate: Certificate) throws(TimestampError.Reason) {
        let der = certificates.firstIndex(of: certificate).map { certificateDER[$0] } ?? serialized(certificate)
        let hashes: [(digest: ASN1ObjectIdentifier?, hash: ArraySlice<UInt8>)]
        do {
            if let node = signer.attribute(SignerInfo.signingCertificateV2Attribute) {
                hashes = try Self.essHashes(node, version: 2)
            } else if let node = signer.attribute(SignerInfo.signingCertificateAttribute) {
                hashes = try Self.essHashes(node, version: 1)
            } else {
                throw TimestampError.Reason("the signed attributes do not name the TSA's certificate (no ESS signing-certificate attribute)")
            }
        } catch let reason as TimestampError.Reason {
            throw reason
        } catch {
            throw TimestampError.Reason("the ESS signing-certificate attribute is malformed: \(error)")
        }
        guard let first = hashes.first else {
            throw TimestampError.Reason("the ESS signing-certificate attribute names no certificate")
        }
        let actual: [UInt8]
        switch first.digest {
        case nil: actual = Array(Insecure.SHA1.hash(data: der))
        case let oid?:
            guard let digest = TimestampDigest(oid: oid) else {
                throw TimestampError.Reason("the ESS signing-certificate attribute uses hash \(oid), which cxaudit does not accept")
            }
            actual = digest.hash(der)
        }
        guard Array(first.hash) == actual else {
            throw TimestampError.Reason("the ESS signing-certificate attribute names another certificate than \(certificate.subject)")
        }
    }

    private func serialized(_ certificate: Certificate) -> ArraySlice<UInt8> {
        var coder = DER.Serializer()
        guard (try? coder.serialize(certificate)) != nil else { return [] }
        return ArraySlice(coder.serializedBytes)
    }

    /// The certificate hashes of a `SigningCertificate` (v1: SHA-1, algorithm nil) or
    /// `SigningCertificateV2` (SHA-256 unless named).
    private static func essHashes(_ node: ASN1Node, version: Int) throws -> [(digest: ASN1ObjectIdentifier?, hash: ArraySlice<UInt8>)] {
        try DER.sequence(node, identifier: .sequence) { fields in
            guard let certs = fields.next(), case .constructed(let ids) = certs.content else {
                throw ASN1Error.invalidASN1Object(reason: "no certs")
            }
            while fields.next() != nil {}  // policies
            return try ids.map { id in
                try DER.sequence(id, identifier: .sequence) { parts in
                    var digest: ASN1ObjectIdentifier? = version == 2 ? TimestampDigest.sha256.oid : nil
                    guard var next = parts.next() else { throw ASN1Error.invalidASN1Object(reason: "empty ESSCertID") }
                    if version == 2, next.identifier == .sequence {
                        digest = try AlgorithmIdentifierNode(derEncoded: next).algorithm
                        guard let hash = parts.next() else { throw ASN1Error.invalidASN1Object(reason: "ESSCertIDv2 without certHash") }
                        next = hash
                    }
                    let hash = try ASN1OctetString(derEncoded: next).bytes
                    while parts.next() != nil {}  // issuerSerial
                    return (digest, hash)
                }
            }
        }
    }
}
