public import Foundation
import ZIPFoundation

/// A ZIP archive read defensively, in memory.
///
/// Office files and evidence packs come from others, so entry names, types, sizes,
/// compression ratios and entry counts are checked before anything is decompressed,
/// and sizes are enforced again while decompressing (declared sizes can lie).
/// Nothing is ever written to disk: there is no extraction to escape from.
public struct SafeArchive {
    /// Limits on what one archive may hold and expand to.
    public struct Limits: Sendable, Hashable {
        /// Most entries an archive may have.
        public var maxEntries: Int
        /// Largest uncompressed size of one entry, in bytes.
        public var maxEntryBytes: Int
        /// Largest uncompressed size of all entries together, in bytes.
        public var maxTotalBytes: Int
        /// Uncompressed ÷ compressed size above which an entry counts as a bomb,
        /// once it is larger than `ratioThresholdBytes`.
        public var maxCompressionRatio: Double
        /// Entries up to this size are never refused for their ratio: small
        /// repetitive XML parts compress very well and are harmless.
        public var ratioThresholdBytes: Int

        /// The limits office evidence and evidence packs are read with.
        public static let standard = Limits()

        /// Limits; the defaults are `standard`, sized for office files.
        public init(
            maxEntries: Int = 10_000, maxEntryBytes: Int = 256 << 20, maxTotalBytes: Int = 512 << 20,
            maxCompressionRatio: Double = 200, ratioThresholdBytes: Int = 1 << 20
        ) {
            self.maxEntries = maxEntries
            self.maxEntryBytes = maxEntryBytes
            self.maxTotalBytes = maxTotalBytes
            self.maxCompressionRatio = maxCompressionRatio
            self.ratioThresholdBytes = ratioThresholdBytes
        }
    }

    /// Why an archive, or one of its entries, was refused.
    public struct Refusal: Error, LocalizedError, Sendable, Hashable {
        /// What kind of problem it is, so callers can tell a hostile archive from a damaged one.
        public enum Reason: String, Sendable, Hashable {
            case notAnArchive
            case tooManyEntries
            case symbolicLink
            case unsafeName
            case duplicateName
            case oversized
            /// An entry expanded past the size it declares. Reading stopped there, so memory
            /// stayed bounded; the entry is a lie or damage, and which cannot be told.
            case outgrowsDeclaredSize
            case overCompressed
            case damaged
            case noSuchEntry
        }

        public let reason: Reason
        /// The entry concerned, when the problem is one entry's.
        public let entry: String?
        /// What was refused and why, naming the entry.
        public let message: String

        public var errorDescription: String? { message }

        init(_ reason: Reason, entry: String? = nil, _ message: String) {
            self.reason = reason
            self.entry = entry
            self.message = message
        }
    }

    /// One entry as the central directory declares it.
    public struct EntryInfo: Sendable, Hashable {
        public let path: String
        public let isDirectory: Bool
        /// Declared uncompressed size; `read(_:)` enforces the real one.
        public let declaredSize: UInt64
        public let compressedSize: UInt64
    }

    private let archive: Archive
    private let data: Data
    /// Where each entry's data lies, as `ZIPStructure` found it.
    private let locations: [String: ZIPStructure.Entry]
    private let entriesByPath: [String: Entry]
    private let limits: Limits
    /// The declared sizes of the entries read so far, and which they are.
    private var expanded = 0
    private var expandedEntries: Set<String> = []
    /// Every entry, in archive order.
    public let entries: [EntryInfo]

    /// Entry paths, in archive order.
    public var paths: [String] { entries.map(\.path) }

    /// Opens an archive held in memory, checking every entry's name, type and declared size.
    ///
    /// - Throws: `Refusal` for data that is not a ZIP archive, and for any entry that is a
    ///   symbolic link, has an unsafe or duplicate name, or declares a size or compression
    ///   ratio over the limits.
    public init(data: Data, limits: Limits = .standard) throws(Refusal) {
        // ZIPFoundation trusts the offsets an archive declares; see ZIPStructure.
        let structure: ZIPStructure
        do {
            structure = try ZIPStructure(data)
        } catch {
            throw Refusal(.notAnArchive, "not a ZIP archive, or a damaged one (\(error.message))")
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Refusal(.notAnArchive, "not a ZIP archive, or a damaged one (\(error))")
        }
        var entries: [EntryInfo] = []
        var byPath: [String: Entry] = [:]
        var locations: [String: ZIPStructure.Entry] = [:]
        var declaredTotal: UInt64 = 0
        for entry in archive {
            guard entries.count < limits.maxEntries else {
                throw Refusal(.tooManyEntries, "the archive has more than \(limits.maxEntries) entries; refused as a possible ZIP bomb")
            }
            let path = entry.path
            guard entries.count < structure.entries.count else {
                throw Refusal(.notAnArchive, entry: path, "not a ZIP archive, or a damaged one (entry '\(path)' cannot be located)")
            }
            locations[path] = structure.entries[entries.count]
            guard entry.type != .symlink else {
                throw Refusal(.symbolicLink, entry: path, "entry '\(path)' is a symbolic link; refused")
            }
            guard Self.isSafe(path) else {
                throw Refusal(
                    .unsafeName, entry: path,
                    "entry '\(Self.printable(path))' has an unsafe name (absolute, with '..', a backslash or a control character); refused")
            }
            guard byPath[path] == nil else {
                // Tools disagree on which copy of a duplicated name they read: refuse rather than guess.
                throw Refusal(.duplicateName, entry: path, "entry '\(path)' appears more than once; refused")
            }
            guard entry.uncompressedSize <= UInt64(limits.maxEntryBytes) else {
                throw Refusal(
                    .oversized, entry: path,
                    "entry '\(path)' expands to \(entry.uncompressedSize) bytes, over the \(limits.maxEntryBytes)-byte limit; refused as a possible ZIP bomb")
            }
            if entry.uncompressedSize > UInt64(limits.ratioThresholdBytes),
                Double(entry.uncompressedSize) / Double(max(entry.compressedSize, 1)) > limits.maxCompressionRatio
            {
                throw Refusal(
                    .overCompressed, entry: path,
                    "entry '\(path)' is compressed more than \(Int(limits.maxCompressionRatio)):1; refused as a possible ZIP bomb")
            }
            declaredTotal += entry.uncompressedSize
            guard declaredTotal <= UInt64(limits.maxTotalBytes) else {
                throw Refusal(
                    .oversized, entry: path,
                    "the archive expands to more than \(limits.maxTotalBytes) bytes (reached at entry '\(path)'); refused as a possible ZIP bomb")
            }
            byPath[path] = entry
            entries.append(
                EntryInfo(
                    path: path, isDirectory: entry.type == .directory, declaredSize: entry.uncompressedSize,
                    compressedSize: entry.compressedSize))
        }
        self.archive = archive
        self.data = data
        self.locations = locations
        self.entriesByPath = byPath
        self.limits = limits
        self.entries = entries
    }

    /// Whether the archive has an entry with exactly this path.
    public func contains(_ path: String) -> Bool {
        entriesByPath[path] != nil
    }

    /// The bytes of one entry, checked against its CRC-32, stopping as soon as a
    /// limit is passed or the entry expands beyond the size it declares.
    ///
    /// - Throws: `Refusal` when there is no such entry, it expands beyond its declared
    ///   size or the entry or total limit, or it cannot be decompressed.
    public mutating func read(_ path: String) throws(Refusal) -> Data {
        let stream = try stream(path)
        var data = Data()
        // Room for what the entry declares (bounded by the limits): appending chunk by chunk
        // would otherwise copy it each time the capacity doubles, and hold both copies then.
        data.reserveCapacity(stream.declaredSize)
        while let chunk = try stream.next() { data.append(chunk) }
        return data
    }

    /// One entry's bytes as they are inflated, a chunk at a time, under the same checks as
    /// `read(_:)`: a large part (a worksheet) can be parsed without ever being whole in memory.
    ///
    /// The entry's declared size counts against the archive's total at once. A deflated
    /// entry is inflated from its own bytes (ZIPFoundation's inflation on Linux reads past
    /// them, and loops forever on a stream that has not ended by the end of the archive);
    /// any other is read whole here, its bytes being in the archive uncompressed anyway.
    ///
    /// - Throws: `Refusal` when there is no such entry, it would pass the total limit, or
    ///   (a stored entry) it cannot be read; the stream throws the rest as it goes.
    public mutating func stream(_ path: String) throws(Refusal) -> EntryStream {
        guard let entry = entriesByPath[path] else { throw Refusal(.noSuchEntry, entry: path, "the archive has no entry '\(path)'") }
        let declared = Int(entry.uncompressedSize)
        // An entry read again (a sheet scanned, then parsed) expands no more of the archive.
        if !expandedEntries.contains(path) {
            guard expanded + declared <= limits.maxTotalBytes else {
                throw Refusal(.oversized, entry: path, "entry '\(path)' expands beyond the archive's size limit; refused as a possible ZIP bomb")
            }
            expanded += declared
            expandedEntries.insert(path)
        }
        let check = EntryStream.Check(path: path, declaredSize: declared, maxBytes: limits.maxEntryBytes, checksum: entry.checksum)
        if entry.type == .file, let location = locations[path], location.isDeflated {
            let start = data.startIndex
            return try EntryStream(inflating: data[(start + location.data.lowerBound)..<(start + location.data.upperBound)], check: check)
        }
        var whole = Data()
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                whole.append(chunk)
                try check.size(whole.count)
            }
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw check.undecompressable(error)
        }
        try check.checksum(UInt32(checksum))
        return EntryStream(whole: whole, check: check)
    }

    /// A relative path whose every component stays inside the folder it would be
    /// extracted to, on any operating system: no leading `/`, no drive letter, no
    /// `..`, no backslash, no control character.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\") else { return false }
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        // `C:…` is a drive on Windows, absolute or drive-relative.
        if let first = components.first, first.count >= 2, first.first?.isLetter == true, first.dropFirst().first == ":" { return false }
        return !components.contains("..")
    }

    /// The path with control characters made visible, for messages.
    static func printable(_ path: String) -> String {
        path.unicodeScalars.map { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined()
    }
}
