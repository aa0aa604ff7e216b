import AuditModel
import Foundation
import Testing

@testable import AuditEvidence

@Suite("Decoding text evidence")
struct TextDecodingTests {
    static func item(_ format: EvidenceFormat = .csv) -> EvidenceItem {
        EvidenceItem(
            id: "CL", type: "complaints-log", file: "log.\(format.rawValue)", format: format, date: nil, periodStart: nil, periodEnd: nil,
            owner: nil, process: nil, site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: 4))
    }

    func decode(_ bytes: [UInt8], _ format: EvidenceFormat = .csv) throws(EvidenceError) -> String {
        try TextDecoding.decode(Data(bytes), item: Self.item(format))
    }

    /// The one diagnostic a refusal carries: its line and message.
    func refusal(_ bytes: [UInt8], _ format: EvidenceFormat = .csv) throws -> (line: Int?, message: String) {
        let error = try #require(throws: EvidenceError.self) { try decode(bytes, format) }
        guard case let .malformed(item, path, diagnostics) = error, let diagnostic = diagnostics.first else {
            Issue.record("expected .malformed, got \(error)")
            return (nil, "")
        }
        #expect(item == "CL")
        #expect(path == Self.item(format).file)
        return (diagnostic.location.line, diagnostic.message)
    }

    @Test("UTF-8 is read as it is, with or without a byte-order mark")
    func utf8() throws {
        #expect(try decode(Array("id,name\nC-1,Zoë\n".utf8)) == "id,name\nC-1,Zoë\n")
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array("id\n".utf8)) == "id\n")
        #expect(try decode([]) == "")
    }

    @Test("UTF-16 with a byte-order mark is read in either byte order")
    func utf16() throws {
        let text = "id,name\nC-1,Zoë 😀\n"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try decode(little) == text)
        #expect(try decode(big) == text)
    }

    @Test("invalid UTF-8 is refused at the line of the first bad byte, with advice for the format")
    func invalidUTF8() throws {
        let latin1: [UInt8] = Array("id,name\nC-1,ok\nC-2,Zo".utf8) + [0xEB] + Array("\n".utf8)
        let csv = try refusal(latin1)
        #expect(csv.line == 3)
        #expect(csv.message.hasPrefix("the file is not valid UTF-8 text"))
        #expect(csv.message.hasSuffix("re-export it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)"))
        #expect(try refusal(latin1, .json).message.hasSuffix("re-export it as UTF-8"))
    }

    @Test("a NUL character is refused at its line: text never holds one")
    func nul() throws {
        let found = try refusal(Array("id\nC-1\nC-".utf8) + [0] + Array("2\n".utf8))
        #expect(found.line == 3)
        #expect(found.message.hasPrefix("the file contains a NUL character"))
        let utf16Nul = try refusal([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x00, 0x00])
        #expect(utf16Nul.line == 2)
    }

    @Test("UTF-16 with an unpaired surrogate, or cut in half a character, is refused")
    func brokenUTF16() throws {
        let unpaired = try refusal([0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x61, 0x00])
        #expect(unpaired.message.contains("an unpaired surrogate"))
        let odd = try refusal([0xFF, 0xFE, 0x61, 0x00, 0x62])
        #expect(odd.message.contains("an odd number of bytes"))
    }
}
