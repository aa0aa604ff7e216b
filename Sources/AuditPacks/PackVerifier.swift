public import Foundation
public import SafeZip

/// Checks an evidence pack entry by entry against its `MANIFEST`, and the manifest
/// against its signature.
///
/// The pack is read in memory through `SafeArchive` only: nothing is extracted, so a
/// hostile archive has nowhere to write, and zip-slip names, symbolic links, duplicate
/// names and ZIP bombs are refused before any entry is decompressed.
public enum PackVerifier {
    /// Limits a pack is read with: evidence files may be large (up to the 1 GiB cxaudit
    /// reads), but nothing may expand without bound.
    public static let limits = SafeArchive.Limits(
        maxEntries: 100_000, maxEntryBytes: 1 << 30, maxTotalBytes: 4 << 30, maxCompressionRatio: 200, ratioThresholdBytes: 1 << 20)

    /// One thing wrong with the pack, naming the entry.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// What went wrong, so scripts can tell a changed entry from a bad signature.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// The entry's bytes differ from what `MANIFEST` lists.
            case modified
            /// The entry's SHA-256 matches but `MANIFEST` gives another size: the manifest was edited.
            case size
            /// Listed in `MANIFEST`, absent from the pack.
            case missing
            /// In the pack, not listed in `MANIFEST`.
            case extra
            /// Listed under one name, present under another with the same bytes.
            case renamed
            /// The entry cannot be decompressed (its CRC-32 or compressed data is wrong).
            case damaged
            /// `MANIFEST` itself does not follow its format.
            case manifest
            /// The signature is missing, invalid, or from another key.
            case signature
        }

        public let kind: Kind
        /// The entry concerned, as `MANIFEST` names it (for `renamed`, its listed name).
        public let path: String
        public let message: String

        /// `kind: path: message`.
        public var description: String { "\(kind.rawValue): \(path): \(message)" }
    }

    /// What verification found.
    public struct Report: Sendable, Hashable {
        /// The state of the signature.
        public enum Signature: Sendable, Hashable {
            /// Valid for the given key, identified by its fingerprint.
            case verified(fingerprint: String)
            /// The pack is signed, but no public key was given, so the signature was not checked.
            case notChecked
            /// The pack carries no signature.
            case unsigned
            /// The signature does not hold for the given key (a `signature` problem says why).
            case invalid
        }

        /// Entries `MANIFEST` lists.
        public let listed: Int
        /// Every problem, sorted by path.
        public let problems: [Problem]
        public let signature: Signature

        /// True when every entry matches `MANIFEST` and the signature, if a key was given, holds.
        public var isIntact: Bool { problems.isEmpty }
    }

    /// Why a file cannot be verified at all: not readable as a ZIP, not a pack, or hostile.
    public struct UnusablePack: Error, LocalizedError, Sendable, Hashable {
        public let path: String
        public let reason: String
        /// Why `SafeArchive` refused the archive, when it did.
        public let refusal: SafeArchive.Refusal.Reason?

        public var errorDescription: String? {
            "\(path): error: cannot verify: \(reason)"
        }
    }

    /// Verifies a pack.
    ///
    /// - Parameters:
    ///   - data: The pack's bytes.
    ///   - name: How to name the pack in errors (its path).
    ///   - publicKey: The signer's key; without it a signature is reported as not checked.
    /// - Returns: The problems found; an empty list means the pack is intact.
    /// - Throws: `UnusablePack` when the data is not a ZIP archive, has no `MANIFEST`, or
    ///   is refused as hostile (unsafe names, symbolic links, duplicate names, ZIP bombs).
    public static func verify(_ data: Data, name: String, publicKey: PackVerifyingKey? = nil) throws(UnusablePack) -> Report {
        var archive: SafeArchive
        do {
            archive = try SafeArchive(data: data, limits: limits)
        } catch {
            throw UnusablePack(path: name, reason: error.message, refusal: error.reason)
        }
        guard archive.contains(PackManifest.fileName) else {
            throw UnusablePack(path: name, reason: "it has no MANIFEST, so it is not a cxaudit evidence pack", refusal: nil)
        }
        var problems: [Problem] = []

        /// An entry's bytes; nil (with a `damaged` problem) when it cannot be decompressed.
        func read(_ path: String) throws(UnusablePack) -> Data? {
            do {
                return try archive.read(path)
            } catch where error.reason == .damaged || error.reason == .outgrowsDeclaredSize {
                // An altered deflate stream may fail its CRC or expand past its size: damage either way.
                problems.append(Problem(kind: .damaged, path: path, message: "cannot be decompressed: its bytes were altered or damaged"))
                return nil
            } catch {
                throw UnusablePack(path: name, reason: error.message, refusal: error.reason)
            }
        }

        let manifestData = try read(PackManifest.fileName)
        var manifest: PackManifest?
        if let manifestData {
            do {
                manifest = try PackManifest(parsing: manifestData)
            } catch {
                problems.append(
                    Problem(kind: .manifest, path: PackManifest.fileName, message: "\(error.errorDescription ?? "malformed"); it was altered or damaged, so no entry can be trusted"))
            }
        }

        if let manifest {
            var missing: [PackManifest.Line] = []
            let listed = Set(manifest.lines.map(\.path))
            for line in manifest.lines {
                guard archive.contains(line.path) else {
                    missing.append(line)
                    continue
                }
                guard let bytes = try read(line.path) else { continue }
                let actual = PackManifest.Line(path: line.path, data: bytes)
                if actual.sha256 != line.sha256 {
                    problems.append(
                        Problem(
                            kind: .modified, path: line.path,
                            message: "SHA-256 is \(actual.sha256) (\(actual.size) bytes); MANIFEST lists \(line.sha256) (\(line.size) bytes)"))
                } else if actual.size != line.size {
                    problems.append(Problem(kind: .size, path: line.path, message: "\(actual.size) bytes; MANIFEST says \(line.size): MANIFEST was altered"))
                }
            }
            var extras: [PackManifest.Line] = []
            for path in archive.paths where !listed.contains(path) && path != PackManifest.fileName && path != PackSignature.fileName {
                guard let bytes = try read(path) else { continue }
                extras.append(PackManifest.Line(path: path, data: bytes))
            }
            // An entry that vanished under one name and appeared with the same bytes under another was renamed.
            for line in missing {
                if let index = extras.firstIndex(where: { $0.sha256 == line.sha256 && $0.size == line.size }) {
                    problems.append(Problem(kind: .renamed, path: line.path, message: "listed in MANIFEST, but in the pack as '\(extras[index].path)'"))
                    extras.remove(at: index)
                } else {
                    problems.append(Problem(kind: .missing, path: line.path, message: "listed in MANIFEST, but not in the pack"))
                }
            }
            for extra in extras {
                problems.append(Problem(kind: .extra, path: extra.path, message: "in the pack, but not listed in MANIFEST"))
            }
        }

        var signature: Report.Signature = archive.contains(PackSignature.fileName) ? .notChecked : .unsigned
        if let publicKey, let manifestData {
            if signature == .unsigned {
                problems.append(
                    Problem(
                        kind: .signature, path: PackSignature.fileName,
                        message: "the pack is not signed, but a public key was given: the signature was removed, or the pack was made without --sign-key"))
            } else if let file = try read(PackSignature.fileName), PackSignature.isValid(file, for: manifestData, key: publicKey) {
                signature = .verified(fingerprint: publicKey.fingerprint)
            } else {
                signature = .invalid
                problems.append(
                    Problem(
                        kind: .signature, path: PackSignature.fileName,
                        message: "not a valid signature of MANIFEST by the key \(publicKey.fingerprint): MANIFEST or the signature was altered, or another key signed it"))
            }
        } else if publicKey != nil {
            signature = .invalid
        }
        let sorted = problems.sorted { lhs, rhs in
            lhs.path == rhs.path ? lhs.kind.rawValue < rhs.kind.rawValue : lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
        }
        return Report(listed: manifest?.lines.count ?? 0, problems: sorted, signature: signature)
    }
}
