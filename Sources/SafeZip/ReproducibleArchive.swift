public import Foundation
import ZIPFoundation

/// A ZIP archive built in memory whose bytes depend only on its entries and one date.
///
/// Entries are written in byte order of their UTF-8 paths, every entry carries the
/// same modification date and mode 0644, and all are deflated; no directory entries,
/// no extra fields with host times or owners. The same entries and date therefore give
/// the same bytes on any host, which is what lets an auditor rebuild and compare a
/// pack, and a build pipeline pin it with `SOURCE_DATE_EPOCH`.
public struct ReproducibleArchive: Sendable {
    /// 1980-01-01T00:00:00Z, the earliest moment a ZIP entry can carry: the date used
    /// when the caller pins none.
    public static let defaultModificationDate = Date(timeIntervalSince1970: 315_532_800)

    /// Why the archive could not be built.
    public enum WriteError: Error, LocalizedError, Sendable, Hashable {
        /// The path would be unsafe to extract (see `SafeArchive.isSafe(_:)`), or names a folder.
        case unsafeName(path: String)
        /// Two entries were given the same path.
        case duplicateName(path: String)
        /// ZIPFoundation could not write the archive.
        case zip(reason: String)

        public var errorDescription: String? {
            switch self {
            case let .unsafeName(path):
                return "cannot put '\(SafeArchive.printable(path))' in a ZIP archive: entry names must be relative file paths without '..', backslashes or control characters"
            case let .duplicateName(path):
                return "cannot put '\(path)' in a ZIP archive twice; give each entry its own path"
            case let .zip(reason):
                return "cannot write the ZIP archive: \(reason)"
            }
        }
    }

    /// The modification date every entry carries (UTC, two-second resolution in ZIP).
    public var modificationDate: Date
    private var files: [String: Data] = [:]

    /// An empty archive whose entries will carry `modificationDate`.
    public init(modificationDate: Date = Self.defaultModificationDate) {
        self.modificationDate = modificationDate
    }

    /// The entry paths, in the order they are written.
    public var paths: [String] { Self.sorted(Array(files.keys)) }

    /// Adds a file entry.
    ///
    /// - Throws: `WriteError.unsafeName` for a path that is not a safe relative file
    ///   path, `WriteError.duplicateName` when the path was already added.
    public mutating func add(_ path: String, _ data: Data) throws(WriteError) {
        guard SafeArchive.isSafe(path), !path.hasSuffix("/") else { throw .unsafeName(path: path) }
        guard files[path] == nil else { throw .duplicateName(path: path) }
        files[path] = data
    }

    /// The archive's bytes.
    ///
    /// - Throws: `WriteError.zip` when ZIPFoundation fails (not expected in memory).
    public func data() throws(WriteError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for path in paths {
                let data = files[path] ?? Data()
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modificationDate,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    let start = data.startIndex + Int(position)
                    return data.subdata(in: start..<start + size)
                }
            }
            guard let bytes = archive.data else { throw WriteError.zip(reason: "the in-memory archive has no data") }
            return bytes
        } catch let error as WriteError {
            throw error
        } catch {
            throw .zip(reason: "\(error)")
        }
    }

    /// Paths in byte order of their UTF-8 form, as `sort` orders them in the C locale.
    public static func sorted(_ paths: [String]) -> [String] {
        paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
