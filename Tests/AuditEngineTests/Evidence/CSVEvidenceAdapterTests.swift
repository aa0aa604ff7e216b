import AuditModel
import CalendarDates
import Foundation
import LibXML
import Testing

import AuditEngine
@testable import AuditEvidence

@Suite("CSV adapter")
struct CSVEvidenceAdapterTests {
    static func item(delimiter: String? = nil) -> EvidenceItem {
        EvidenceItem(
            id: "CSV", type: "log", file: "log.csv", format: .csv, date: nil, periodStart: nil, periodEnd: nil, owner: nil,
            process: nil, site: nil, title: nil, delimiter: delimiter, location: SourceLocation(file: "evidence-register.xml", line: 3))
    }

    static func view(_ data: Data, delimiter: String? = nil) throws -> EvidenceDocument {
        try CSVEvidenceAdapter().document(from: data, item: item(delimiter: delimiter), contract: nil)
    }

    static func records(_ document: EvidenceDocument) throws -> [XMLNode] {
        let context = XPathContext(document: document.document, environment: XPathEnvironment(asOf: .init(daysSinceEpoch: 0)))
        return try context.evaluate("/table/record").nodes
    }

    @Test("quoted fields, embedded newlines, escaped quotes and a BOM keep each record's line")
    func quotingAndLines() throws {
        let csv = "\u{FEFF}Complaint ID,Description,Date received\r\nC-1,\"Broken, twice\",2026-01-02\r\nC-2,\"Line one\nline two said \"\"late\"\"\",2026-01-03\r\n\r\nC-3,plain,2026-01-04\r\n"
        let document = try Self.view(Data(csv.utf8))
        let records = try Self.records(document)
        #expect(records.count == 3)
        #expect(records.map { $0.childElements.map(\.localName) }.first == ["complaint-id", "description", "date-received"])
        #expect(records[0].childElements[1].stringValue == "Broken, twice")
        #expect(records[1].childElements[1].stringValue == "Line one\nline two said \"late\"")
        #expect(records.map { document.origin(of: $0).line } == [2, 3, 6])
        #expect(records.map { document.origin(of: $0).nativeLocator } == ["record 1", "record 2", "record 3"])
        #expect(document.origin(of: records[2].childElements[0]).line == 6)
    }

    @Test("semicolon-delimited exports and repeated headers")
    func semicolonAndDuplicateHeaders() throws {
        let document = try Self.view(Data("id;note;note\nA;x;y\n".utf8), delimiter: ";")
        let record = try #require(try Self.records(document).first)
        #expect(record.childElements.map(\.localName) == ["id", "note", "note-2"])
        #expect(record.childElements.map(\.stringValue) == ["A", "x", "y"])
    }

    @Test("an unbalanced quote is an error naming the line where it opened")
    func unbalancedQuote() throws {
        let error = try #require(throws: EvidenceError.self) { try Self.view(Data("id,text\nA,ok\nB,\"never closed\nC,x\n".utf8)) }
        #expect(error.diagnostics.first?.location.line == 3)
        #expect(error.diagnostics.first?.message.contains("never closed") == true)
    }

    @Test("ragged rows are kept and reported as warnings with their line")
    func raggedRows() throws {
        let document = try Self.view(Data("a,b\n1,2,3\n4\n".utf8))
        #expect(document.warnings.map(\.location.line) == [2, 3])
        #expect(try Self.records(document)[0].childElements.map(\.localName) == ["a", "b", "column-3"])
    }

    @Test("UTF-16 with a byte-order mark is read")
    func utf16() throws {
        var data = Data([0xFF, 0xFE])
        data.append("id,name\nA,Zoë\n".data(using: .utf16LittleEndian)!)
        let record = try #require(try Self.records(try Self.view(data)).first)
        #expect(record.childElements[1].stringValue == "Zoë")
    }

    @Test("invalid UTF-8 is refused with the line of the first bad byte")
    func invalidUTF8() throws {
        var data = Data("id,name\nA,ok\nB,".utf8)
        data.append(contentsOf: [0xC3, 0x28])
        let error = try #require(throws: EvidenceError.self) { try Self.view(data) }
        #expect(error.diagnostics.first?.location.line == 3)
        #expect(error.diagnostics.first?.message.contains("not valid UTF-8") == true)
    }

    @Test("an empty file is an error")
    func empty() throws {
        #expect(throws: EvidenceError.self) { try Self.view(Data()) }
    }
}
