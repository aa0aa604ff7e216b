import Crypto
public import Foundation
public import SwiftASN1

/// The hash algorithms a time-stamp token may use for its message imprint and for the
/// digest its signer signs (RFC 3161 §2.4.1, RFC 5652 §5.4).
///
/// cxaudit asks for SHA-256 imprints, but a TSA chooses the digest of its own signature,
/// and SHA-384 and SHA-512 are what the stronger TSAs use; SHA-1 and MD5 are refused, as
/// a collision in them would let one token vouch for two different verdicts.
public enum TimestampDigest: String, Sendable, Hashable, CaseIterable {
    case sha256
    case sha384
    case sha512

    /// The algorithm's object identifier (RFC 5758 §2).
    public var oid: ASN1ObjectIdentifier {
        switch self {
        case .sha256: return [2, 16, 840, 1, 101, 3, 4, 2, 1]
        case .sha384: return [2, 16, 840, 1, 101, 3, 4, 2, 2]
        case .sha512: return [2, 16, 840, 1, 101, 3, 4, 2, 3]
        }
    }

    /// The algorithm an object identifier names, or nil for one cxaudit does not accept.
    public init?(oid: ASN1ObjectIdentifier) {
        guard let digest = Self.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = digest
    }

    /// The digest of `bytes`.
    public func hash<Bytes: DataProtocol>(_ bytes: Bytes) -> [UInt8] {
        switch self {
        case .sha256: return Array(SHA256.hash(data: bytes))
        case .sha384: return Array(SHA384.hash(data: bytes))
        case .sha512: return Array(SHA512.hash(data: bytes))
        }
    }

    /// The name people write: `SHA-256`.
    public var displayName: String { "SHA-" + rawValue.dropFirst(3) }
}
