import Foundation
import Testing

@testable import LibXML

@Suite("Counting attributes before libxml2 does")
struct AttributeCountGuardTests {
    func line(_ bytes: [UInt8], limit: Int = 3) -> Int? {
        bytes.withUnsafeBytes { AttributeCountGuard.lineOfCrowdedStartTag(in: $0, limit: limit) }
    }

    func line(_ text: String, limit: Int = 3) -> Int? {
        line(Array(text.utf8), limit: limit)
    }

    @Test("the first start tag with more attributes than the limit is found at its line")
    func crowded() {
        #expect(line("<a>\n<b x='1' y='2' z='3'/>\n<c p='1' q='2' r='3' s='4'/>\n</a>") == 3)
        #expect(line("<a x='1' y='2' z='3'/>") == nil, "the limit itself is allowed")
        #expect(line("<a xmlns='u' xmlns:p='v' p:x='1' y='2'/>") == 1, "namespace declarations count")
    }

    @Test("an = in quoted values, text, comments, CDATA, processing instructions and end tags is no attribute")
    func skipped() {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <a note="a=b=c=d=e">x = y = z = w
            <!-- <b p=1 q=2 r=3 s=4> -->
            <![CDATA[ <b p=1 q=2 r=3 s=4> ]]>
            <?pi a=1 b=2 c=3 d=4?>
            </a>
            """
        #expect(line(text) == nil)
    }

    @Test("UTF-16 documents are scanned by code unit, either byte order")
    func utf16() {
        let text = "<a>\n<b p='1' q='2' r='3' s='4'/></a>"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(line(little) == 2)
        #expect(line(big) == 2)
    }

    @Test("empty data, and a document cut short inside a construct, are not judged here")
    func incomplete() {
        #expect(line([]) == nil)
        #expect(line("<a note='never closed p=1 q=2 r=3 s=4") == nil)
        #expect(line("<!-- never closed <b p=1 q=2 r=3 s=4>") == nil)
    }

    /// The chunked scan's answer for `text` cut into pieces at `cuts` (byte offsets).
    func chunkedLine(_ text: String, cuts: [Int], limit: Int = 3) -> Int? {
        let bytes = Array(text.utf8)
        var scan = AttributeCountGuard.Chunked(limit: limit)
        let bounds = [0] + cuts.filter { $0 > 0 && $0 < bytes.count } + [bytes.count]
        for (start, end) in zip(bounds, bounds.dropFirst()) {
            if let line = bytes[start..<end].withUnsafeBytes({ scan.scan($0) }) { return line }
        }
        return nil
    }

    @Test("the chunked scan finds what the whole scan finds, wherever the document is cut", arguments: [
        "<a>\n<b x='1' y='2' z='3'/>\n<c p='1' q='2' r='3' s='4'/>\n</a>",
        "<a x='1' y='2' z='3'/>",
        "<a xmlns='u' xmlns:p='v' p:x='1' y='2'/>",
        "<?xml version=\"1.0\"?>\n<a note=\"a=b=c=d=e\">x = y\n<!-- <b p=1 q=2 r=3 s=4> -->\n<![CDATA[ <b p=1 q=2 r=3 s=4> ]]>\n<?pi a=1 b=2 c=3 d=4?>\n</a>",
        "<!---- a=1 b=2 c=3 d=4 --->\n<![CDATA[]]]]>\n<b\np='>'\nq=\"<\" r=1 s=2/>",
        "<!DOCTYPE a [<!ENTITY e 'x'>]>\n<a p=1 q=2 r=3 s=4/>",
        "<a note='never closed p=1 q=2 r=3 s=4",
        "<!-- never closed <b p=1 q=2 r=3 s=4>",
    ])
    func chunked(text: String) {
        let whole = line(text)
        let length = text.utf8.count
        for size in 1...7 {
            #expect(chunkedLine(text, cuts: Array(stride(from: size, to: length, by: size))) == whole, "chunks of \(size)")
        }
        for cut in 0...length {
            #expect(chunkedLine(text, cuts: [cut]) == whole, "cut at \(cut)")
        }
    }

    @Test("the chunked scan reads 8-bit documents; UTF-16 and UTF-32 are left to the whole scan")
    func byteOriented() {
        #expect(AttributeCountGuard.Chunked.isByteOriented(Array("<?xml version='1.0'?><a/>".utf8)))
        #expect(AttributeCountGuard.Chunked.isByteOriented([0xEF, 0xBB, 0xBF, 0x3C]), "UTF-8 with a byte-order mark")
        #expect(AttributeCountGuard.Chunked.isByteOriented([UInt8]()))
        for wide: [UInt8] in [[0xFF, 0xFE, 0x3C, 0x00], [0xFE, 0xFF, 0x00, 0x3C], [0x3C, 0x00, 0x61, 0x00], [0x00, 0x00, 0x00, 0x3C]] {
            #expect(!AttributeCountGuard.Chunked.isByteOriented(wide))
        }
    }

    @Test("a parsed document with a crowded start tag is refused with its line")
    func parsing() throws {
        let attributes = (1...(XMLParseLimits.maxAttributes + 1)).map { "a\($0)='x'" }.joined(separator: " ")
        let data = Data("<root>\n<item \(attributes)/>\n</root>".utf8)
        let error = try #require(throws: XMLError.self) { try XMLDocument.parse(data: data, file: "crowded.xml") }
        #expect(error == .tooManyAttributes(file: "crowded.xml", line: 2, limit: XMLParseLimits.maxAttributes))
    }
}
