import Foundation
import SafeZip
import Testing
import ZIPFoundation

@Suite("SafeArchive: hostile archives are refused before they expand")
struct SafeArchiveTests {
    static func zip(_ entries: [(String, Data)], method: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) {
                (position: Int64, size: Int) in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    /// A one-entry stored archive (`a.txt`: `hello`) written byte by byte, so that its
    /// central directory can declare what a hostile archive declares.
    static func handmade(
        flags: UInt16 = 0, method: UInt16 = 0, compressedSize: UInt32 = 5, uncompressedSize: UInt32 = 5,
        localOffset: UInt32 = 0, extra: [UInt8] = [], directoryOffset: UInt32? = nil,
        localMethod: UInt16 = 0, content: [UInt8] = Array("hello".utf8)
    ) -> Data {
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
        let name = Array("a.txt".utf8)
        let crc: UInt32 = 0x3610_A686  // CRC-32 of "hello"
        var bytes = le32(0x0403_4B50) + le16(20) + le16(0) + le16(localMethod) + le16(0) + le16(0) + le32(crc)
        bytes += le32(UInt32(content.count)) + le32(5) + le16(UInt16(name.count)) + le16(0) + name + content
        let directory = UInt32(bytes.count)
        bytes += le32(0x0201_4B50) + le16(20) + le16(20) + le16(flags) + le16(method) + le16(0) + le16(0) + le32(crc)
        bytes += le32(compressedSize) + le32(uncompressedSize) + le16(UInt16(name.count)) + le16(UInt16(extra.count))
        bytes += le16(0) + le16(0) + le16(0) + le32(0) + le32(localOffset) + name + extra
        let directorySize = UInt32(bytes.count) - directory
        bytes += le32(0x0605_4B50) + le16(0) + le16(0) + le16(1) + le16(1) + le32(directorySize) + le32(directoryOffset ?? directory) + le16(0)
        return Data(bytes)
    }

    static func refusal(_ data: Data, limits: SafeArchive.Limits = .standard) -> SafeArchive.Refusal? {
        do {
            _ = try SafeArchive(data: data, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test("a well-formed archive is read in memory, entry by entry")
    func reads() throws {
        var archive = try SafeArchive(data: try Self.zip([("a/b.txt", Data("hello".utf8)), ("c.txt", Data())]))
        #expect(archive.paths == ["a/b.txt", "c.txt"])
        #expect(archive.contains("a/b.txt") && !archive.contains("b.txt"))
        #expect(try archive.read("a/b.txt") == Data("hello".utf8))
        #expect(try archive.read("c.txt") == Data())
        #expect(throws: SafeArchive.Refusal.self) { try archive.read("nope") }
    }

    @Test("names that could escape a folder are unsafe", arguments: [
        ("a.txt", true), ("a/b/c.txt", true), ("a..b.txt", true), ("..", false), ("../a", false), ("a/../../b", false),
        ("/etc/passwd", false), ("a\\..\\b", false), ("C:/x", false), ("c:x", false), ("a\u{0}b", false), ("a\nb", false), ("", false),
    ])
    func safeNames(path: String, safe: Bool) {
        #expect(SafeArchive.isSafe(path) == safe)
    }

    @Test("zip-slip, absolute and backslash names are refused", arguments: ["../../evil.sh", "/etc/cron.d/evil", "..\\evil.bat"])
    func zipSlip(name: String) throws {
        let refusal = Self.refusal(try Self.zip([("ok.txt", Data("x".utf8)), (name, Data("x".utf8))]))
        #expect(refusal?.reason == .unsafeName)
        #expect(refusal?.entry == name)
    }

    @Test("a symbolic link is refused")
    func symlink() throws {
        let archive = try Archive(accessMode: .create)
        let target = Data("../../etc/passwd".utf8)
        try archive.addEntry(with: "link", type: .symlink, uncompressedSize: Int64(target.count)) { (position: Int64, size: Int) in
            target.subdata(in: Int(position)..<Int(position) + size)
        }
        #expect(Self.refusal(try #require(archive.data))?.reason == .symbolicLink)
    }

    @Test("a duplicated name is refused")
    func duplicate() throws {
        #expect(Self.refusal(try Self.zip([("a.txt", Data("1".utf8)), ("a.txt", Data("2".utf8))]))?.reason == .duplicateName)
    }

    @Test("over-compressed, oversized and too many entries are refused before expanding")
    func bombs() throws {
        let zeros = try Self.zip([("zeros", Data(count: 20 << 20))])
        #expect(zeros.count < 100_000)
        #expect(Self.refusal(zeros)?.reason == .overCompressed)
        let big = try Self.zip([("big", Data(count: 3000))], method: .none)
        #expect(Self.refusal(big, limits: SafeArchive.Limits(maxEntryBytes: 2000))?.reason == .oversized)
        let many = try Self.zip((1...5).map { ("f\($0)", Data("x".utf8)) })
        #expect(Self.refusal(many, limits: SafeArchive.Limits(maxEntries: 4))?.reason == .tooManyEntries)
        let total = try Self.zip([("a", Data(count: 1500)), ("b", Data(count: 1500))], method: .none)
        #expect(Self.refusal(total, limits: SafeArchive.Limits(maxTotalBytes: 2000))?.reason == .oversized)
    }

    /// A one-entry archive whose headers declare the entry 10 bytes long, whatever it holds:
    /// the local header at offset 22, the central directory entry at offset 24.
    static func declaringTenBytes(_ archive: Data) throws -> Data {
        var data = archive
        let central = try #require(data.range(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
        for offset in [22, central + 24] {
            data.replaceSubrange(offset..<offset + 4, with: [10, 0, 0, 0])
        }
        return data
    }

    @Test("an entry whose declared size lies is stopped while it expands")
    func lyingSize() throws {
        let data = try Self.declaringTenBytes(try Self.zip([("liar", Data(repeating: 0x41, count: 5000))]))
        var archive = try SafeArchive(data: data, limits: SafeArchive.Limits(maxEntryBytes: 1000))
        #expect(throws: SafeArchive.Refusal.self) { try archive.read("liar") }
        #expect(performing: { try archive.read("liar") }, throws: { ($0 as? SafeArchive.Refusal)?.reason == .outgrowsDeclaredSize })
    }

    /// Every chunk of `path` streamed, and the refusal that stopped the stream, if any.
    static func streamed(_ archive: inout SafeArchive, _ path: String) -> (chunks: [Data], refusal: SafeArchive.Refusal?) {
        var chunks: [Data] = []
        do throws(SafeArchive.Refusal) {
            let stream = try archive.stream(path)
            while let chunk = try stream.next() { chunks.append(chunk) }
            return (chunks, nil)
        } catch {
            return (chunks, error)
        }
    }

    @Test("an entry streamed chunk by chunk is the entry read whole, deflated or stored")
    func streams() throws {
        // Varied enough that DEFLATE cannot fold it into a few bytes: many chunks of output.
        let large = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
        for method in [CompressionMethod.deflate, .none] {
            var archive = try SafeArchive(data: try Self.zip([("large.xml", large), ("empty", Data())], method: method))
            let (chunks, refusal) = Self.streamed(&archive, "large.xml")
            #expect(refusal == nil)
            #expect(chunks.reduce(Data(), +) == large)
            #expect(method == .none || chunks.count > 1, "a deflated entry comes in pieces")
            #expect(!chunks.contains(Data()))
            #expect(Self.streamed(&archive, "empty").chunks.isEmpty)
            #expect(Self.streamed(&archive, "nope").refusal?.reason == .noSuchEntry)
        }
    }

    @Test("a streamed entry is checked as it comes: a lying size stops it; damage is found at the latest with the last byte")
    func streamChecked() throws {
        var archive = try SafeArchive(data: try Self.declaringTenBytes(try Self.zip([("liar", Data(repeating: 0x41, count: 200_000))])))
        let lying = Self.streamed(&archive, "liar")
        #expect(lying.refusal?.reason == .outgrowsDeclaredSize)
        #expect(lying.chunks.isEmpty, "the first chunk is already over the 10 bytes declared")
        // The same bytes under a wrong CRC-32 (local header offset 14, central directory offset 16).
        var wrongChecksum = try Self.zip([("a.xml", Data(repeating: 0x41, count: 200_000))])
        let directory = try #require(wrongChecksum.range(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
        for offset in [14, directory + 16] { wrongChecksum[offset] ^= 0xFF }
        archive = try SafeArchive(data: wrongChecksum)
        let damaged = Self.streamed(&archive, "a.xml")
        #expect(damaged.refusal?.reason == .damaged)
        #expect(damaged.chunks.reduce(0) { $0 + $1.count } == 200_000, "the bytes come before the check that they are right")
    }

    @Test("a cancelled stream gives no more chunks, from any thread, without a CRC-32 verdict")
    func cancelled() async throws {
        let large = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
        var archive = try SafeArchive(data: try Self.zip([("large.xml", large)]))
        let stream = try archive.stream("large.xml")
        #expect(try stream.next()?.isEmpty == false)
        await Task.detached { stream.cancel() }.value
        #expect(try stream.next() == nil)
        #expect(try stream.next() == nil)
    }

    @Test("an entry read twice counts once against the archive's total")
    func readTwice() throws {
        let data = Data(repeating: 0x41, count: 10_000)
        var archive = try SafeArchive(data: try Self.zip([("a", data), ("b", data)]), limits: SafeArchive.Limits(maxTotalBytes: 20_000))
        for _ in 0..<3 { #expect(try archive.read("a") == data) }
        #expect(try archive.read("b") == data)
    }

    @Test("data that is not a ZIP, and damaged entry data, are told apart")
    func damaged() throws {
        #expect(Self.refusal(Data("hello".utf8))?.reason == .notAnArchive)
        var data = try Self.zip([("a.txt", Data(repeating: 0x41, count: 5000))], method: .none)
        data[30 + 5 + 100] ^= 0xFF
        var archive = try SafeArchive(data: data)
        #expect(performing: { try archive.read("a.txt") }, throws: { ($0 as? SafeArchive.Refusal)?.reason == .damaged })
    }

    // Found by Fuzz/FuzzXLSXEvidence (docs/fuzzing.md): ZIPFoundation scanned megabytes that
    // are not a ZIP byte by byte (47 s for 8 MB in the fuzz build) and leaked them.
    @Test("a large file that is not a ZIP is refused at once")
    func largeNotAnArchive() throws {
        let data = Data(repeating: UInt8(ascii: "a"), count: 16 << 20)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(Self.refusal(data)?.reason == .notAnArchive)
        #expect(clock.now - start < .seconds(5))
    }

    // Found by every archive fuzz target (docs/fuzzing.md): ZIPFoundation seeks to the offsets
    // an archive declares, and trapped reading its in-memory archive past the end (or
    // converting a ZIP64 offset of 2^63 or more); `cxaudit verify` and the office adapters
    // crashed. Stored data running past the end did not trap, but is refused the same way.
    @Test("offsets and sizes that point past the end are refused before ZIPFoundation follows them", arguments: [
        ("central directory", handmade(directoryOffset: 0x7FFF_FFFF)),
        ("local header", handmade(localOffset: 0x7FFF_FFFF)),
        ("stored data", handmade(compressedSize: 5_000, uncompressedSize: 5_000)),
        ("data descriptor", handmade(flags: 1 << 3, method: 8, compressedSize: 0xFFFF_FF00)),
        ("ZIP64 local header", handmade(localOffset: .max, extra: [1, 0, 8, 0, 5, 0, 0, 0, 0, 0, 0, 0x80])),
    ])
    func pastTheEnd(what: String, data: Data) throws {
        let refusal = try #require(Self.refusal(data), "\(what)")
        #expect(refusal.reason == .notAnArchive)
        #expect(refusal.message.contains("past the end"))
    }

    // Found by Fuzz/FuzzPackVerify: ZIPFoundation inflates past an entry's compressed bytes
    // and, on Linux, loops forever when the stream has not ended by the end of the archive.
    @Test("a deflated entry whose stream does not end with its bytes is damaged, not a hang", .timeLimit(.minutes(1)))
    func unendingStream() throws {
        // A stored block (not the last) of 65,535 bytes, of which 5 are there.
        let stream: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00] + Array("hello".utf8)
        var archive = try SafeArchive(
            data: Self.handmade(method: 8, compressedSize: UInt32(stream.count), localMethod: 8, content: stream))
        #expect(performing: { try archive.read("a.txt") }, throws: { ($0 as? SafeArchive.Refusal)?.reason == .damaged })
    }

    @Test("a deflated entry is inflated from its own bytes")
    func deflated() throws {
        let text = Data(String(repeating: "customer complaint ", count: 500).utf8)
        var archive = try SafeArchive(data: try Self.zip([("a.txt", text), ("b.txt", Data("second".utf8))]))
        #expect(try archive.read("a.txt") == text)
        #expect(try archive.read("b.txt") == Data("second".utf8))
    }

    @Test("the handmade archive those lies start from is read as it is")
    func handmadeArchive() throws {
        var archive = try SafeArchive(data: Self.handmade())
        #expect(try archive.read("a.txt") == Data("hello".utf8))
    }

    @Test("an end record far from the end, or whose comment runs past the end, is refused")
    func misplacedEndRecord() throws {
        let archive = try Self.zip([("a.txt", Data("hello".utf8))])
        #expect(Self.refusal(archive + Data(count: 70_000))?.reason == .notAnArchive)
        var longComment = archive
        longComment[longComment.count - 2] = 0xFF
        #expect(Self.refusal(longComment)?.reason == .notAnArchive)
        var shortComment = archive + Data("note".utf8)
        shortComment[archive.count - 2] = 4
        #expect(Self.refusal(shortComment) == nil)
    }
}
