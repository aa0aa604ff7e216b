import CalendarDates
import Foundation
import LibXML
import Testing

@testable import AuditEvidence

@Suite("Text document view")
struct TextDocumentViewTests {
    static let document = TextDocument(blocks: [
        .paragraph(text: "Management review", style: "Heading1", headingLevel: 1),
        .paragraph(text: "  ", style: nil, headingLevel: nil),
        .paragraph(text: "Chair: Elena", style: nil, headingLevel: nil),
        .table(rows: [["Topic", "Summary", "Topic"], ["Complaints", "Down 12%", "x", "extra"], ["Surveys", "Up", "y"]]),
        .table(rows: [["Only", "Header"]]),
    ])

    func evaluate(_ expression: String) throws -> XPathValue {
        try XPathContext(document: Self.document.view(file: "minutes.docx"), environment: XPathEnvironment(asOf: .init(daysSinceEpoch: 0)))
            .evaluate(expression)
    }

    @Test("paragraphs are numbered in body order, empty ones counted but left out, with style, heading level and reference")
    func paragraphs() throws {
        #expect(try evaluate("count(/document/paragraph)").number == 2)
        #expect(try evaluate("string(/document/paragraph[1]/@style)").string == "Heading1")
        #expect(try evaluate("string(/document/paragraph[1]/@heading)").string == "1")
        #expect(try evaluate("string(/document/paragraph[2]/@number)").string == "3")
        #expect(try evaluate("string(/document/paragraph[2]/@ref)").string == "paragraph 3")
        #expect(try evaluate("count(/document/paragraph[2]/@heading | /document/paragraph[2]/@style)").number == 0)
    }

    @Test("a table's first row names its fields; each later row is a record citing its table and row")
    func tables() throws {
        #expect(try evaluate("count(/document/table)").number == 2)
        #expect(try evaluate("string(/document/table[1]/@ref)").string == "table 1")
        #expect(try evaluate("count(/document/table[1]/record)").number == 2)
        #expect(try evaluate("string(/document/table[1]/record[1]/@ref)").string == "table 1, row 2")
        #expect(try evaluate("string(/document/table[1]/record[2]/@row)").string == "3")
        #expect(try evaluate("string(/document/table[1]/record[1]/summary)").string == "Down 12%")
        #expect(try evaluate("string(/document/table[1]/record[1]/topic-2)").string == "x", "a repeated header is numbered as in a CSV")
        #expect(try evaluate("string(/document/table[1]/record[1]/column-4)").string == "extra")
        #expect(try evaluate("count(/document/table[2]/record)").number == 0, "a header row alone holds no records")
    }
}
