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

    static func budget(gigabytes: Int) -> ViewMemoryBudget {
        ViewMemoryBudget(memory: ProcessMemory(bytes: gigabytes << 30, source: .physical))
    }

    /// Issue #19: a complaints log of more than 2,000,000 fields, as dense as real exports, was
    /// refused by a fixed limit whatever the machine. Counted without building the view.
    @Test("more than 2,000,000 fields as dense as a real export are read on a machine with the memory")
    func manyRealFields() throws {
        let text = "id,days\n" + String(repeating: "C-12,345\n", count: 1_100_000)
        let allowance = Self.budget(gigabytes: 16).allowance(.csvField, inputBytes: text.utf8.count)
        let starts = try CSVEvidenceAdapter.recordStarts(text, delimiter: ",", item: Self.item(), allowance: allowance)
        #expect(starts.count == 1_100_001)
        #expect(starts[2] == CSVEvidenceAdapter.RecordStart(line: 3, offset: 17))
    }

    @Test("record starts are the same read as bytes (an ASCII delimiter) or as scalars (a delimiter beyond it)")
    func startsByBytesAndScalars() throws {
        let text = "id,note\r\nC-1,\"café, \"\"crème\"\"\nsecond line\"\r\nC-2,ü\rC-3,\"\"\n\"C-4\",日本"
        let allowance = Self.budget(gigabytes: 1).allowance(.csvField, inputBytes: text.utf8.count)
        let byBytes = try CSVEvidenceAdapter.recordStarts(text, delimiter: ",", item: Self.item(), allowance: allowance)
        let other = text.replacingOccurrences(of: ",", with: "§")
        let byScalars = try CSVEvidenceAdapter.recordStarts(other, delimiter: "§", item: Self.item(), allowance: allowance)
        #expect(byBytes.map(\.line) == [1, 2, 4, 5, 6])
        #expect(byScalars.map(\.line) == byBytes.map(\.line))
        let firstFields = byBytes.map { String(decoding: Array(text.utf8)[$0.offset...].prefix(4), as: UTF8.self) }
        #expect(firstFields == ["id,n", "C-1,", "C-2,", "C-3,", "\"C-4"])
    }

    @Test("millions of empty fields in a small file are refused at the line where the budget is passed, whatever the memory")
    func emptyFields() throws {
        let data = Data(("id,name,check\n" + String(repeating: ",,\n", count: 700_000)).utf8)
        let options = EvidenceReadOptions(budget: Self.budget(gigabytes: 1024))
        let error = try #require(throws: EvidenceError.self) {
            try CSVEvidenceAdapter().document(from: data, item: Self.item(), contract: nil, options: options)
        }
        #expect(error.diagnostics.first?.location.line == 666_667)
        #expect(
            error.diagnostics.first?.message
                == "the file holds more than 2000000 fields in only 2.1 MB (more than one in every 4 bytes, far denser than real exports), so its XML view would take hundreds of times the file's size; this is refused as a memory guard. Check that the file is the export it should be, or split it (e.g. by period)"
        )
    }

    @Test("a file whose view would not fit in half the memory is refused, naming the memory")
    func beyondMemory() throws {
        let memory = ProcessMemory(bytes: 2_000_000, source: .resourceLimit)
        let options = EvidenceReadOptions(budget: ViewMemoryBudget(memory: memory))
        let data = Data(("id,days\n" + (1...3000).map { "C-\($0),12\n" }.joined()).utf8)
        let error = try #require(throws: EvidenceError.self) {
            try CSVEvidenceAdapter().document(from: data, item: Self.item(), contract: nil, options: options)
        }
        let allowed = 1_000_000 / ViewMemoryBudget.Unit.csvField.bytesInView
        #expect(error.diagnostics.first?.location.line == allowed / 2 + 1)
        #expect(
            error.diagnostics.first?.message
                == "the file holds more than \(allowed) fields: its XML view would take more than 1.0 MB (about 360 bytes for each), half of the 2.0 MB its ulimit allows; this is refused as a memory guard. Split the file (e.g. by period), or give cxaudit more memory (CXAUDIT_MEMORY, see docs/evidence.md)"
        )
    }

    @Test("a large file tells how far its parsing has got, megabyte by megabyte, before it is done")
    func progress() throws {
        let data = Data(("id,days\n" + (1...400_000).map { "C-\($0),\($0 % 30)\n" }.joined()).utf8)
        let reported = Reported()
        let options = EvidenceReadOptions(progress: { reported.append($0) })
        let document = try CSVEvidenceAdapter().document(from: data, item: Self.item(), contract: nil, options: options)
        #expect(try Self.records(document).count == 400_000)
        let values = reported.values
        #expect(values.count == 4, "4.3 MiB, told about every MiB")
        #expect(values == values.sorted() && values.allSatisfy { $0 < data.count })
    }

    @Test("a file refused after its fields began to be parsed on a second thread is refused as on one, and the thread stops")
    func refusedWhileParsingConcurrently() throws {
        let data = Data((" , \n" + String(repeating: "C-1,2\n", count: 5_000)).utf8)
        for concurrently in [false, true] {
            let error = try #require(throws: EvidenceError.self) {
                try CSVEvidenceAdapter.streamRecords(data, item: Self.item(), contract: nil, options: EvidenceReadOptions(), concurrently: concurrently) {
                    _, _ in Issue.record("no record is handed over")
                }
            }
            #expect(error.diagnostics.map(\.message) == ["the first row must name the fields, but it is empty"])
            #expect(error.diagnostics.first?.location.line == 1)
        }
    }
}

/// Progress reports, collected from the callback.
final class Reported: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Int] = []

    func append(_ value: Int) {
        lock.lock()
        collected.append(value)
        lock.unlock()
    }

    var values: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
