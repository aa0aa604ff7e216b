import Crypto
public import Foundation

/// SHA-256 as lower-case hex, the form every result, manifest and fingerprint uses.
public enum SHA256Digest {
    public static func hex(of data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    public static func hex(of text: String) -> String {
        hex(of: Data(text.utf8))
    }
}
