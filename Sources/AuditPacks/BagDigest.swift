import Crypto
public import Foundation

/// The digest algorithms a pack's BagIt manifests use (RFC 8493 §2.4).
///
/// Two algorithms, because BagIt tools and archives differ in what they check by
/// default: `bagit.py` and most repositories check SHA-512 (its default), coreutils
/// users reach for `sha256sum`, and the signed verdict names subjects by SHA-256 as
/// in-toto tools expect. Every payload file is listed in both manifests.
public enum BagDigest: String, Sendable, Hashable, CaseIterable, Codable {
    case sha256
    case sha512

    /// Lower-case hex digest of `data`.
    public func hex(of data: Data) -> String {
        switch self {
        case .sha256: return Self.hex(SHA256.hash(data: data))
        case .sha512: return Self.hex(SHA512.hash(data: data))
        }
    }

    /// The name people write: `SHA-256`, `SHA-512`.
    public var displayName: String {
        switch self {
        case .sha256: return "SHA-256"
        case .sha512: return "SHA-512"
        }
    }

    /// How many hex digits a digest has.
    public var hexLength: Int {
        switch self {
        case .sha256: return 64
        case .sha512: return 128
        }
    }

    /// Lower-case hex of a digest's bytes.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
