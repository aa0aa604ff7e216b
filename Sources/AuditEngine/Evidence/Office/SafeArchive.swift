public import Foundation
import ZIPFoundation

/// A ZIP archive read defensively: office files and evidence packs come from
/// others, so entry names, sizes, compression ratios and entry counts are bounded
/// before and while anything is decompressed. Nothing is ever written to disk.
public struct SafeArchive {
    /// Limits on what one archive may expand to.
    public struct Limits: Sendable {
        public var maxEntries = 10_000
        public var maxEntryBytes = 256 << 20
        public var maxTotalBytes = 512 << 20
        /// Uncompressed ÷ compressed size above which an entry larger than 1 MB counts as a bomb.
        public var maxCompressionRatio = 200.0

        public static let standard = Limits()

        public init() {}
    }

    /// Why an archive was refused; the message names the entry.
    public struct Refusal: Error {
        public let message: String
    }

    private let archive: Archive
    private let limits: Limits
    private var expanded = 0
    /// Entry paths, in archive order.
    public let paths: [String]

    public init(data: Data, limits: Limits = .standard) throws(Refusal) {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Refusal(message: "not a ZIP archive, or a damaged one (\(error)); office files are ZIP archives: re-save the file")
        }
        var paths: [String] = []
        for entry in archive {
            guard paths.count < limits.maxEntries else {
                throw Refusal(message: "the archive has more than \(limits.maxEntries) entries; refused as a possible ZIP bomb")
            }
            let path = entry.path
            guard entry.type != .symlink else { throw Refusal(message: "entry '\(path)' is a symbolic link; refused") }
            guard !path.hasPrefix("/"), !path.split(separator: "/").contains(".."), !path.contains("\\") else {
                throw Refusal(message: "entry '\(path)' has an unsafe name (absolute or with '..'); refused")
            }
            guard entry.uncompressedSize <= UInt64(limits.maxEntryBytes) else {
                throw Refusal(message: "entry '\(path)' expands to \(entry.uncompressedSize) bytes, over the \(limits.maxEntryBytes)-byte limit; refused as a possible ZIP bomb")
            }
            if entry.uncompressedSize > 1 << 20,
                Double(entry.uncompressedSize) / Double(max(entry.compressedSize, 1)) > limits.maxCompressionRatio
            {
                throw Refusal(message: "entry '\(path)' is compressed more than \(Int(limits.maxCompressionRatio)):1; refused as a possible ZIP bomb")
            }
            paths.append(path)
        }
        self.archive = archive
        self.limits = limits
        self.paths = paths
    }

    public func contains(_ path: String) -> Bool {
        archive[path] != nil
    }

    /// The bytes of one entry, stopping as soon as a limit is passed (declared sizes can lie).
    public mutating func read(_ path: String) throws(Refusal) -> Data {
        guard let entry = archive[path] else { throw Refusal(message: "the archive has no entry '\(path)'") }
        var data = Data()
        let entryLimit = limits.maxEntryBytes
        let remaining = limits.maxTotalBytes - expanded
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > entryLimit || data.count > remaining {
                    throw Refusal(message: "entry '\(path)' expands beyond the size limit; refused as a possible ZIP bomb")
                }
            }
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw Refusal(message: "entry '\(path)' cannot be decompressed (\(error)); the file is damaged")
        }
        expanded += data.count
        return data
    }
}
