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

    @Test("an entry whose declared size lies is stopped while it expands")
    func lyingSize() throws {
        var data = try Self.zip([("liar", Data(repeating: 0x41, count: 5000))])
        // Declare 10 bytes in the local header (offset 22) and the central directory entry (offset 24).
        let central = try #require(data.range(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
        for offset in [22, central + 24] {
            data.replaceSubrange(offset..<offset + 4, with: [10, 0, 0, 0])
        }
        var archive = try SafeArchive(data: data, limits: SafeArchive.Limits(maxEntryBytes: 1000))
        #expect(throws: SafeArchive.Refusal.self) { try archive.read("liar") }
        #expect(performing: { try archive.read("liar") }, throws: { ($0 as? SafeArchive.Refusal)?.reason == .oversized })
    }

    @Test("data that is not a ZIP, and damaged entry data, are told apart")
    func damaged() throws {
        #expect(Self.refusal(Data("hello".utf8))?.reason == .notAnArchive)
        var data = try Self.zip([("a.txt", Data(repeating: 0x41, count: 5000))], method: .none)
        data[30 + 5 + 100] ^= 0xFF
        var archive = try SafeArchive(data: data)
        #expect(performing: { try archive.read("a.txt") }, throws: { ($0 as? SafeArchive.Refusal)?.reason == .damaged })
    }
}
