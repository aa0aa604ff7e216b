import Foundation
import Testing
import ZIPFoundation

@testable import SafeZip

@Suite("ZIP structure as ZIPFoundation walks it")
struct ZIPStructureTests {
    @Test("each entry's data lies after its local header, as long as the central directory says")
    func entries() throws {
        let stored = try ZIPStructure(SafeArchiveTests.handmade())
        // 30-byte local header and the 5-byte name "a.txt", then "hello".
        #expect(stored.entries == [ZIPStructure.Entry(data: 35..<40, isDeflated: false)])
        let deflated = try ZIPStructure(SafeArchiveTests.handmade(method: 8, compressedSize: 7, localMethod: 8, content: [203, 72, 205, 201, 201, 7, 0]))
        #expect(deflated.entries == [ZIPStructure.Entry(data: 35..<42, isDeflated: true)])
    }

    @Test("entries are listed in central directory order")
    func order() throws {
        let archive = try SafeArchiveTests.zip([("b.txt", Data("second".utf8)), ("a.txt", Data("first".utf8))], method: .none)
        let structure = try ZIPStructure(archive)
        #expect(structure.entries.count == 2)
        #expect(structure.entries.map { String(decoding: archive[$0.data], as: UTF8.self) } == ["second", "first"])
    }

    @Test("data without an end record is refused")
    func noEndRecord() throws {
        let problem = try #require(throws: ZIPStructure.Problem.self) { try ZIPStructure(Data("id,name\n1,a\n".utf8)) }
        #expect(problem.message == "no end of central directory record at its end")
        #expect(throws: ZIPStructure.Problem.self) { try ZIPStructure(Data()) }
    }

    @Test("an offset or size past the end of the data is refused before anything follows it", arguments: [
        ("central directory", SafeArchiveTests.handmade(directoryOffset: 0x7FFF_FFFF)),
        ("local header", SafeArchiveTests.handmade(localOffset: 0x7FFF_FFFF)),
        ("stored data", SafeArchiveTests.handmade(compressedSize: 5_000, uncompressedSize: 5_000)),
    ])
    func pastTheEnd(what: String, data: Data) throws {
        let problem = try #require(throws: ZIPStructure.Problem.self, "\(what)") { try ZIPStructure(data) }
        #expect(problem.message.contains("past the end"))
    }
}
