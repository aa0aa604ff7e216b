public import Foundation

/// `MANIFEST.sig`: the Ed25519 signature of the exact bytes of `MANIFEST`, in
/// standard base64 on one line ending in a line feed.
///
/// Signing the manifest, not the archive, means one signature covers every entry
/// (through its SHA-256) and survives re-zipping, and anyone can check it with any
/// Ed25519 implementation (docs/evidence-packs.md shows Python).
public enum PackSignature {
    /// The signature's entry name.
    public static let fileName = "MANIFEST.sig"

    /// The signature file for `manifest`.
    ///
    /// - Throws: an error from swift-crypto when the key cannot sign (not expected for a key read or generated here).
    public static func file(signing manifest: Data, with key: PackSigningKey) throws -> Data {
        Data((try key.signature(for: manifest).base64EncodedString() + "\n").utf8)
    }

    /// Whether `file` holds `key`'s valid signature of `manifest`.
    public static func isValid(_ file: Data, for manifest: Data, key: PackVerifyingKey) -> Bool {
        guard let text = String(data: file, encoding: .utf8),
            let signature = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), signature.count == 64
        else { return false }
        return key.isValidSignature(signature, for: manifest)
    }
}
