import Foundation

/// The structure of a ZIP archive, walked the way ZIPFoundation (0.9.20) walks it when it
/// reads an archive from memory, to refuse the archives it would trip over.
///
/// ZIPFoundation trusts the offsets and sizes an archive declares: reading its in-memory
/// archive at an offset past the end traps (`Archive.MemoryFile.readData`), and so does an
/// offset or size of 2⁶³ or more from a ZIP64 field once it becomes an `off_t` or `Int64`.
/// It also finds the end record by reading back from the end byte by byte through a
/// buffered stream (minutes for a few megabytes that are not a ZIP), and leaks the archive
/// when there is none. So every offset and size it will use — the end record, where the
/// central directory starts, each entry's local header, data and data descriptor — is
/// computed here as `Archive.makeIterator`, `Entry` and `Archive.extract` compute them, and
/// an archive in which one lies outside the data is refused first. The walk stops where
/// ZIPFoundation's does: at a header that is cut short or has the wrong signature.
/// Found by fuzzing (docs/fuzzing.md).
struct ZIPStructure {
    /// Where one entry's data lies, in central directory order (ZIPFoundation's order).
    struct Entry: Equatable {
        /// The data's range in the archive: from the end of the local header, as long as
        /// the central directory says the stored or compressed data is.
        let data: Range<Int>
        /// Whether the local header says the data is deflated.
        let isDeflated: Bool
    }

    /// Why ZIPFoundation cannot safely read an archive.
    struct Problem: Error {
        let message: String
    }

    /// The entries ZIPFoundation will list, as far as its walk goes.
    let entries: [Entry]

    /// Walks `data`.
    ///
    /// - Throws: `Problem` when ZIPFoundation would find no end record, or would follow an
    ///   offset or size past the end of the data.
    init(_ data: Data) throws(Problem) {
        switch Walk(bytes: data).entries() {
        case let .success(entries): self.entries = entries
        case let .failure(problem): throw problem
        }
    }

    private struct Walk {
        let bytes: Data

        private var count: UInt64 { UInt64(bytes.count) }

        func entries() -> Result<[Entry], Problem> {
            var walked: [Entry] = []
            func problem(_ message: String) -> Result<[Entry], Problem> { .failure(Problem(message: message)) }
            guard let end = endRecord() else { return problem("no end of central directory record at its end") }
            var entries = UInt64(u16(end + 10))
            var directory = UInt64(u32(end + 16))
            // ZIPFoundation takes the ZIP64 end record whenever its locator and the record
            // before the locator parse, whatever the classic record says.
            if end > 20, end - 20 > 56, u32(end - 20) == 0x0706_4B50 {
                let record = end - 20 - 56
                if u32(record) == 0x0606_4B50, u16(record + 14) >= 45 {
                    entries = u64(record + 32)
                    directory = u64(record + 48)
                }
            }
            guard directory <= count else { return problem("its central directory would start at byte \(directory), past the end") }
            var index: UInt64 = 0
            while index < entries {
                guard fits(directory, 46), u32(directory) == 0x0201_4B50 else { break }
                let nameLength = UInt64(u16(directory + 28))
                let extraLength = UInt64(u16(directory + 30))
                let headerLength = 46 + nameLength + extraLength + UInt64(u16(directory + 32))
                guard fits(directory, headerLength) else { break }
                let compressed32 = u32(directory + 20)
                let uncompressed32 = u32(directory + 24)
                let offset32 = u32(directory + 42)
                let zip64 = zip64Information(
                    at: directory + 46 + nameLength, length: Int(extraLength), uncompressed: uncompressed32 == .max,
                    compressed: compressed32 == .max, offset: offset32 == .max, disk: u16(directory + 34) == .max)
                let isZIP64 = UInt8(truncatingIfNeeded: u16(directory + 6)) >= 45 || zip64 != nil
                func effective(_ value: UInt32, _ wide: UInt64?) -> UInt64 {
                    if isZIP64, let wide, wide > 0 { return wide }
                    return UInt64(value)
                }
                let compressed = effective(compressed32, zip64?.compressed)
                let uncompressed = effective(uncompressed32, zip64?.uncompressed)
                let local = effective(offset32, zip64?.offset)
                let entry = index + 1
                guard local <= count else { return problem("entry \(entry)'s local header would be at byte \(local), past the end") }
                guard fits(local, 30), u32(local) == 0x0403_4B50 else { break }
                let localLength = 30 + UInt64(u16(local + 26)) + UInt64(u16(local + 28))
                guard fits(local, localLength) else { break }
                let dataOffset = local + localLength
                // Extraction reads the central directory's size of the entry's data, from the local header on.
                let extracted: UInt64? = switch u16(local + 8) {
                case 0: uncompressed
                case 8: compressed
                default: nil
                }
                if let extracted, !fits(dataOffset, extracted) {
                    return problem("entry \(entry)'s data would run \(extracted) bytes from byte \(dataOffset), past the end")
                }
                if u16(directory + 8) & (1 << 3) != 0 {
                    let size = u16(directory + 10) != 0 ? compressed : uncompressed
                    guard fits(dataOffset, size) else { return problem("entry \(entry)'s data descriptor would be past the end") }
                }
                let length = extracted ?? 0
                walked.append(Entry(data: Int(dataOffset)..<Int(dataOffset + length), isDeflated: u16(local + 8) == 8))
                directory += headerLength
                index += 1
            }
            return .success(walked)
        }

        /// The last end-of-central-directory signature at least 22 bytes before the end and
        /// at most 65,557 (the record and the longest comment), when its comment fits.
        private func endRecord() -> UInt64? {
            guard count >= 22 else { return nil }
            var offset = count - 22
            let lowest = offset >= 0xFFFF ? offset - 0xFFFF : 0
            while true {
                if u32(offset) == 0x0605_4B50 {
                    return fits(offset, 22 + UInt64(u16(offset + 20))) ? offset : nil
                }
                guard offset > lowest else { return nil }
                offset -= 1
            }
        }

        /// ZIPFoundation's `scanForZIP64Field` and `ZIP64ExtendedInformation(data:fields:)`:
        /// the first ZIP64 extra field, holding exactly the values whose classic field is all ones.
        private func zip64Information(
            at start: UInt64, length: Int, uncompressed: Bool, compressed: Bool, offset: Bool, disk: Bool
        ) -> (uncompressed: UInt64, compressed: UInt64, offset: UInt64)? {
            var position = 0
            while position < length - 4 {
                let identifier = u16(start + UInt64(position))
                let size = Int(u16(start + UInt64(position) + 2))
                let next = position + 4 + size
                guard next <= length else { return nil }
                if identifier == 0x0001 {
                    let present = [uncompressed, compressed, offset]
                    guard size == present.filter({ $0 }).count * 8 + (disk ? 4 : 0) else { return nil }
                    var read = position + 4
                    let values = present.map { isPresent -> UInt64 in
                        guard isPresent, read + 8 <= next else { return 0 }
                        defer { read += 8 }
                        return u64(start + UInt64(read))
                    }
                    return (values[0], values[1], values[2])
                }
                position = next
            }
            return nil
        }

        /// Whether `length` bytes from `offset` lie inside the data.
        private func fits(_ offset: UInt64, _ length: UInt64) -> Bool {
            offset <= count && length <= count - offset
        }

        /// The little-endian integer at `offset`; 0 where the data ends first.
        private func integer<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, at offset: UInt64) -> T {
            let size = MemoryLayout<T>.size
            guard fits(offset, UInt64(size)) else { return 0 }
            let start = bytes.startIndex + Int(offset)
            var value: T = 0
            for byte in (0..<size).reversed() {
                value = value << 8 | T(bytes[start + byte])
            }
            return value
        }

        private func u16(_ offset: UInt64) -> UInt16 { integer(UInt16.self, at: offset) }
        private func u32(_ offset: UInt64) -> UInt32 { integer(UInt32.self, at: offset) }
        private func u64(_ offset: UInt64) -> UInt64 { integer(UInt64.self, at: offset) }
    }
}
