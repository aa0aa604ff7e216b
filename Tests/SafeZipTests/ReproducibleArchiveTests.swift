import Foundation
import SafeZip
import Testing
import ZIPFoundation

@Suite("ReproducibleArchive: the same entries give the same bytes")
struct ReproducibleArchiveTests {
    static let date = Date(timeIntervalSince1970: 1_796_025_600)

    static func archive(_ entries: [(String, String)], date: Date = date) throws -> Data {
        var archive = ReproducibleArchive(modificationDate: date)
        for (path, text) in entries { try archive.add(path, Data(text.utf8)) }
        return try archive.data()
    }

    @Test("entries added in any order give byte-identical archives")
    func orderIndependent() throws {
        let forward = try Self.archive([("b.txt", "two"), ("a/c.txt", "three"), ("a.txt", "one")])
        let backward = try Self.archive([("a.txt", "one"), ("a/c.txt", "three"), ("b.txt", "two")])
        #expect(forward == backward)
        #expect(try Self.archive([("a.txt", "one")], date: Self.date.addingTimeInterval(3600)) != Self.archive([("a.txt", "one")]))
    }

    @Test("entries are sorted by UTF-8 bytes, deflated, dated and mode 0644")
    func entryAttributes() throws {
        let data = try Self.archive([("é.txt", "accent"), ("Z.txt", "upper"), ("a.txt", String(repeating: "x", count: 10_000)), ("empty", "")])
        let archive = try Archive(data: data, accessMode: .read)
        let entries = Array(archive)
        #expect(entries.map(\.path) == ["Z.txt", "a.txt", "empty", "é.txt"])
        for entry in entries {
            #expect(entry.type == .file)
            #expect(entry.fileAttributes[.posixPermissions] as? Int == 0o644)
            #expect(entry.fileAttributes[.modificationDate] as? Date == Self.date)
        }
        let large = try #require(archive["a.txt"])
        #expect(large.isCompressed && large.compressedSize < 200)
        var text = Data()
        _ = try archive.extract(large) { text.append($0) }
        #expect(text.count == 10_000)
    }

    @Test("the default date is 1980-01-01, the earliest a ZIP entry can carry")
    func defaultDate() throws {
        var archive = ReproducibleArchive()
        try archive.add("a.txt", Data("one".utf8))
        let read = try Archive(data: try archive.data(), accessMode: .read)
        let entry = try #require(read["a.txt"])
        #expect(entry.fileAttributes[.modificationDate] as? Date == Date(timeIntervalSince1970: 315_532_800))
    }

    @Test("unsafe and duplicate names are refused", arguments: ["../x", "/etc/passwd", "a\\b", "a\nb", "C:/x", "dir/", ""])
    func unsafeNames(path: String) {
        var archive = ReproducibleArchive()
        #expect(throws: ReproducibleArchive.WriteError.unsafeName(path: path)) { try archive.add(path, Data()) }
    }

    @Test("a path added twice is refused")
    func duplicate() throws {
        var archive = ReproducibleArchive()
        try archive.add("a.txt", Data())
        #expect(throws: ReproducibleArchive.WriteError.duplicateName(path: "a.txt")) { try archive.add("a.txt", Data("x".utf8)) }
    }
}
