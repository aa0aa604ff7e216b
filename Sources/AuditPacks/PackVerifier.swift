import AuditEngine
import Crypto
public import Foundation

/// Checks a pack against its manifest, entry by entry, in memory only (nothing is
/// extracted), and its signature when a public key is given.
public enum PackVerifier {
    /// What is wrong with one entry, or with the signature.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable {
            case modified, missing, extra, sizeMismatch = "size", signature
        }

        public let kind: Kind
        public let path: String
        public let message: String

        public var description: String { "\(kind.rawValue): \(path): \(message)" }
    }

    /// The outcome of a verification.
    public struct Report: Sendable {
        public enum Signature: String, Sendable {
            case verified
            /// The pack is signed but no public key was given.
            case notChecked = "not checked"
            case unsigned
            case invalid
        }

        public let entries: Int
        public let problems: [Problem]
        public let signature: Signature

        /// True when every entry matches and the signature (if checked) holds.
        public var isIntact: Bool { problems.isEmpty }
    }

    /// Why a file cannot be verified at all (not a pack, or a hostile archive).
    public struct UnusablePack: Error, LocalizedError, Sendable {
        public let path: String
        public let reason: String

        public var errorDescription: String? { "\(path): error: cannot verify: \(reason)" }
    }

    public static func verify(_ data: Data, name: String, publicKey: URL? = nil) throws(UnusablePack) -> Report {
        var archive: SafeArchive
        do {
            archive = try SafeArchive(data: data)
        } catch {
            throw UnusablePack(path: name, reason: error.message)
        }
        func read(_ path: String) throws(UnusablePack) -> Data {
            do {
                return try archive.read(path)
            } catch {
                throw UnusablePack(path: name, reason: error.message)
            }
        }
        guard archive.contains(PackManifest.fileName) else {
            throw UnusablePack(path: name, reason: "it has no MANIFEST; it is not a cxaudit evidence pack")
        }
        let manifestData = try read(PackManifest.fileName)
        guard let manifest = PackManifest(text: String(decoding: manifestData, as: UTF8.self)) else {
            throw UnusablePack(path: name, reason: "its MANIFEST is malformed")
        }
        var problems: [Problem] = []
        let listed = Set(manifest.lines.map(\.path))
        for line in manifest.lines {
            guard archive.contains(line.path) else {
                problems.append(Problem(kind: .missing, path: line.path, message: "listed in MANIFEST but not in the pack"))
                continue
            }
            let bytes = try read(line.path)
            let digest = PackManifest.hex(SHA256.hash(data: bytes))
            if digest != line.sha256 {
                problems.append(Problem(kind: .modified, path: line.path, message: "SHA-256 \(digest) differs from MANIFEST's \(line.sha256)"))
            } else if bytes.count != line.size {
                problems.append(Problem(kind: .sizeMismatch, path: line.path, message: "\(bytes.count) bytes, MANIFEST says \(line.size)"))
            }
        }
        for path in archive.paths where !listed.contains(path) && path != PackManifest.fileName && path != PackManifest.signatureName {
            problems.append(Problem(kind: .extra, path: path, message: "in the pack but not listed in MANIFEST"))
        }
        let signed = archive.contains(PackManifest.signatureName)
        var signature: Report.Signature = signed ? .notChecked : .unsigned
        if let publicKey {
            let key: Curve25519.Signing.PublicKey
            do {
                key = try PackKeys.verifyingKey(at: publicKey)
            } catch {
                throw UnusablePack(path: publicKey.path, reason: error.errorDescription ?? "unusable public key")
            }
            if signed {
                let text = String(decoding: try read(PackManifest.signatureName), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if let bytes = Data(base64Encoded: text), key.isValidSignature(bytes, for: manifestData) {
                    signature = .verified
                } else {
                    signature = .invalid
                    problems.append(Problem(kind: .signature, path: PackManifest.signatureName, message: "the signature does not match MANIFEST and this public key"))
                }
            } else {
                signature = .invalid
                problems.append(Problem(kind: .signature, path: PackManifest.signatureName, message: "the pack is not signed, but a public key was given"))
            }
        }
        return Report(entries: manifest.lines.count, problems: problems.sorted { ($0.path, $0.kind.rawValue) < ($1.path, $1.kind.rawValue) }, signature: signature)
    }
}
