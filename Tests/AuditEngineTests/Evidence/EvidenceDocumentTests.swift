import AuditModel
import Foundation
import LibXML
import Testing

@testable import AuditEvidence

@Suite("Evidence documents")
struct EvidenceDocumentTests {
    static func item(_ format: EvidenceFormat) -> EvidenceItem {
        EvidenceItem(
            id: "I", type: "t", file: "file.\(format.rawValue)", format: format, date: nil, periodStart: nil, periodEnd: nil, owner: nil,
            process: nil, site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: 3))
    }

    func node(_ document: EvidenceDocument, _ expression: String) throws -> XMLNode {
        try #require(try document.evaluate(expression).nodes.first)
    }

    @Test("XML evidence is its own view: a node's line is the file's and it has no other locator")
    func xmlOrigin() throws {
        let document = try EvidenceDocument.read(Data("<log>\n  <entry>\n    <id>E-1</id>\n  </entry>\n</log>".utf8), item: Self.item(.xml))
        #expect(document.positions == .parsedLines)
        #expect(document.origin(of: try node(document, "/log/entry/id")) == (3, nil))
        #expect(document.format == .xml)
    }

    @Test("a CSV value is placed at its record's line and number")
    func csvOrigin() throws {
        let document = try EvidenceDocument.read(Data("id,days\nC-1,5\n\"C-2\nsplit\",12\nC-3,1\n".utf8), item: Self.item(.csv))
        #expect(document.positions == .recorded)
        #expect(document.origin(of: try node(document, "/table/record[3]/days")) == (5, "record 3"))
        #expect(document.origin(of: try node(document, "/table/record[2]/days/text()")) == (3, "record 2"), "text is placed by its element")
        #expect(document.origin(of: try node(document, "/table")) == (nil, nil), "the table is not in the file")
    }

    @Test("a JSON value is placed at the line and JSON Pointer of the value itself")
    func jsonOrigin() throws {
        let document = try EvidenceDocument.read(Data("{\"actions\": [\n  {\"id\": 1},\n  {\"id\": 2}\n]}".utf8), item: Self.item(.json))
        let origin = document.origin(of: try node(document, "/json/actions[2]/id"))
        #expect(origin.line == 3)
        #expect(origin.nativeLocator == "/actions/1/id")
    }

    @Test("without a contract nothing is checked; with one the item's conformance is found while it is read")
    func conformance() throws {
        let data = Data("id,days\nC-1,5\n".utf8)
        let plain = try EvidenceDocument.read(data, item: Self.item(.csv))
        #expect(plain.conformance == ContractConformance())
        #expect(plain.conformance.recordsHeld == nil)
        let contract = EvidenceContract(recordSets: [
            .init(location: .table, fields: [.init(name: "id", type: .id, isRequired: true), .init(name: "owner", type: .text, isRequired: true)])
        ])
        let checked = try EvidenceDocument.read(data, item: Self.item(.csv), contract: contract)
        #expect(checked.conformance.recordsHeld == 1)
        #expect(checked.conformance.missingFields.map(\.field) == ["owner"])
    }

    @Test("bytes that are not what the registered format says are refused as malformed, naming the file")
    func malformed() throws {
        let error = try #require(throws: EvidenceError.self) { try EvidenceDocument.read(Data("id,days\n".utf8), item: Self.item(.xml)) }
        guard case let .malformed(item, path, _) = error else {
            Issue.record("expected .malformed, got \(error)")
            return
        }
        #expect(item == "I" && path == "file.xml")
    }
}
