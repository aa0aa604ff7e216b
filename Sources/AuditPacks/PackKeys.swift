import Crypto
public import Foundation

/// Ed25519 keys for signing pack manifests, in a small text format:
/// a header line naming the kind of key, then the raw key in base64.
public enum PackKeys {
    static let privateHeader = "cxaudit-ed25519-private-key-1"
    static let publicHeader = "cxaudit-ed25519-public-key-1"

    /// Why a key file cannot be used.
    public enum KeyError: Error, LocalizedError, Sendable, Equatable {
        case unreadable(path: String, reason: String)

        public var errorDescription: String? {
            guard case let .unreadable(path, reason) = self else { return nil }
            return "\(path): error: not a usable key: \(reason). Make a key pair with `cxaudit keygen`."
        }
    }

    /// A new key pair as the texts of the private and the public key file.
    public static func generate() -> (privateKey: String, publicKey: String) {
        let key = Curve25519.Signing.PrivateKey()
        return (
            "\(privateHeader)\n\(key.rawRepresentation.base64EncodedString())\n",
            "\(publicHeader)\n\(key.publicKey.rawRepresentation.base64EncodedString())\n"
        )
    }

    static func signingKey(at url: URL) throws(KeyError) -> Curve25519.Signing.PrivateKey {
        let raw = try body(of: url, header: privateHeader)
        do {
            return try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        } catch {
            throw .unreadable(path: url.path, reason: "the key bytes are not an Ed25519 private key")
        }
    }

    static func verifyingKey(at url: URL) throws(KeyError) -> Curve25519.Signing.PublicKey {
        let raw = try body(of: url, header: publicHeader)
        do {
            return try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        } catch {
            throw .unreadable(path: url.path, reason: "the key bytes are not an Ed25519 public key")
        }
    }

    private static func body(of url: URL, header: String) throws(KeyError) -> Data {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.first == header else { throw .unreadable(path: url.path, reason: "it does not start with '\(header)'") }
        guard lines.count >= 2, let raw = Data(base64Encoded: lines[1]) else {
            throw .unreadable(path: url.path, reason: "the second line is not base64")
        }
        return raw
    }
}
