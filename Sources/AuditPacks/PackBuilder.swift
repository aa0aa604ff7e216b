import Crypto
public import Foundation
import ZIPFoundation

/// Writes an evidence pack: the given entries plus `MANIFEST` (and `MANIFEST.sig`
/// when a signing key is given), as a deterministic ZIP — sorted entries, one fixed
/// modification date, fixed permissions — so the same inputs give the same bytes.
public struct PackBuilder {
    /// Why a pack could not be written.
    public enum BuildError: Error, LocalizedError, Sendable {
        case invalidEntry(path: String)
        case zip(reason: String)

        public var errorDescription: String? {
            switch self {
            case let .invalidEntry(path): return "error: cannot put '\(path)' in a pack: entry paths must be relative, without '..'"
            case let .zip(reason): return "error: cannot write the pack: \(reason)"
            }
        }
    }

    /// One file of the pack.
    public struct Entry: Sendable {
        public var path: String
        public var data: Data

        public init(path: String, data: Data) {
            self.path = path
            self.data = data
        }
    }

    public var entries: [Entry] = []
    /// The modification date stamped on every entry (from SOURCE_DATE_EPOCH in the CLI).
    public var date: Date

    public init(date: Date) {
        self.date = date
    }

    /// Adds an entry; a later entry with the same path replaces an earlier one.
    public mutating func add(_ path: String, _ data: Data) {
        entries.removeAll { $0.path == path }
        entries.append(Entry(path: path, data: data))
    }

    /// The pack's bytes.
    ///
    /// - Parameter signingKey: A private key file from `cxaudit keygen`; signs `MANIFEST` with Ed25519.
    public func build(signingKeyAt signingKey: URL? = nil) throws -> Data {
        for entry in entries where entry.path.hasPrefix("/") || entry.path.split(separator: "/").contains("..") || entry.path.isEmpty {
            throw BuildError.invalidEntry(path: entry.path)
        }
        let manifest = PackManifest(entries: entries.map { ($0.path, $0.data) })
        var files = entries.map { ($0.path, $0.data) }
        let manifestData = Data(manifest.text.utf8)
        files.append((PackManifest.fileName, manifestData))
        if let signingKey {
            let key = try PackKeys.signingKey(at: signingKey)
            let signature = try key.signature(for: manifestData)
            files.append((PackManifest.signatureName, Data((signature.base64EncodedString() + "\n").utf8)))
        }
        files.sort { $0.0 < $1.0 }
        do {
            let archive = try Archive(accessMode: .create)
            for (path, data) in files {
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date, permissions: 0o644,
                    compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else { throw BuildError.zip(reason: "the in-memory archive is empty") }
            return bytes
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError.zip(reason: "\(error)")
        }
    }
}
