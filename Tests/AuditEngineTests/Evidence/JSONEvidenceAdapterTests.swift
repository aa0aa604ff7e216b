import AuditModel
import CalendarDates
import Foundation
import LibXML
import Testing

import AuditEngine
@testable import AuditEvidence

@Suite("JSON adapter")
struct JSONEvidenceAdapterTests {
    static let item = EvidenceItem(
        id: "J", type: "capa", file: "capa.json", format: .json, date: nil, periodStart: nil, periodEnd: nil, owner: nil,
        process: nil, site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: 4))

    static func view(_ text: String) throws -> EvidenceDocument {
        try JSONEvidenceAdapter().document(from: Data(text.utf8), item: item, contract: nil)
    }

    static func evaluate(_ document: EvidenceDocument, _ expression: String) throws -> XPathValue {
        try XPathContext(document: document.document, environment: XPathEnvironment(asOf: .init(daysSinceEpoch: 0)))
            .evaluate(expression)
    }

    static let sample = """
        {
          "exported": "2026-11-20",
          "actions": [
            {"id": "CAPA-1", "closed": true, "cost": 12.5, "Root Cause": null},
            {
              "id": "CAPA-2",
              "tags": ["a", "b"]
            }
          ]
        }
        """

    @Test("objects become elements, arrays repeat their key, scalars become text")
    func mapping() throws {
        let document = try Self.view(Self.sample)
        #expect(try Self.evaluate(document, "count(/json/actions)").number == 2)
        #expect(try Self.evaluate(document, "string(/json/actions[1]/closed)").string == "true")
        #expect(try Self.evaluate(document, "string(/json/actions[1]/cost)").string == "12.5")
        #expect(try Self.evaluate(document, "string(/json/actions[1]/root-cause/@key)").string == "Root Cause")
        #expect(try Self.evaluate(document, "string(/json/actions[1]/root-cause/@null)").string == "true")
        #expect(try Self.evaluate(document, "count(/json/actions[2]/tags)").number == 2)
        #expect(try Self.evaluate(document, "name(/json/*[1])").string == "exported")
    }

    @Test("records carry the line where they start and their JSON Pointer")
    func positions() throws {
        let document = try Self.view(Self.sample)
        let actions = try Self.evaluate(document, "/json/actions").nodes
        #expect(actions.map { document.origin(of: $0).line } == [4, 5])
        #expect(actions.map { document.origin(of: $0).nativeLocator } == ["/actions/0", "/actions/1"])
        let tag = try #require(try Self.evaluate(document, "/json/actions[2]/tags[2]").nodes.first)
        #expect(document.origin(of: tag).nativeLocator == "/actions/1/tags/1")
        #expect(document.origin(of: tag).line == 7)
    }

    @Test("a top-level array becomes item elements")
    func topLevelArray() throws {
        let document = try Self.view(#"[{"a": 1}, {"a": 2}]"#)
        #expect(try Self.evaluate(document, "sum(/json/item/a)").number == 3)
    }

    @Test("truncated JSON is refused with a line")
    func truncated() throws {
        let error = try #require(throws: EvidenceError.self) { try Self.view("{\n  \"a\": [1, 2,\n") }
        #expect(error.diagnostics.first?.message.contains("not valid JSON") == true)
        #expect(error.diagnostics.first?.location.line != nil)
    }

    // libxml2 takes strings up to their first NUL: "open\u0000 closed" would have become "open".
    @Test("a string holding \\u0000 is refused with its line, not cut short in the view")
    func escapedNUL() throws {
        let error = try #require(throws: EvidenceError.self) { try Self.view("{\n  \"id\": \"C-1\",\n  \"status\": \"open\\u0000 closed\"\n}") }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.message.contains("\\u0000, a NUL character"))
        #expect(diagnostic.location.line == 3)
        #expect(diagnostic.location.file == "capa.json")
    }

    @Test("an escaped backslash before u0000, and other escapes, are kept as they are")
    func otherEscapes() throws {
        let document = try Self.view(#"{"path": "C:\\u0000", "tab": "a\tb", "e": "\u00e9"}"#)
        #expect(try Self.evaluate(document, "string(/json/path)").string == #"C:\u0000"#)
        #expect(try Self.evaluate(document, "string(/json/tab)").string == "a\tb")
        #expect(try Self.evaluate(document, "string(/json/e)").string == "é")
    }

    @Test("deeply nested JSON is refused before parsing")
    func deepNesting() throws {
        let text = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let error = try #require(throws: EvidenceError.self) { try Self.view(text) }
        #expect(error.diagnostics.first?.message.contains("nested deeper than 200") == true)
    }

    @Test("a JSON file whose view would not fit in half the memory is refused with the line where it passes the budget")
    func memoryBudget() throws {
        let options = EvidenceReadOptions(budget: ViewMemoryBudget(memory: ProcessMemory(bytes: 1_400_000, source: .setting)))
        let text = "[\n" + (1...2000).map { #"  {"id": "C-\#($0)", "days": \#($0 % 30)}"# }.joined(separator: ",\n") + "\n]\n"
        let error = try #require(throws: EvidenceError.self) {
            try JSONEvidenceAdapter().document(from: Data(text.utf8), item: Self.item, contract: nil, options: options)
        }
        // 700,000 bytes hold 1,000 values: the array, then an object and two values a line.
        #expect(error.diagnostics.first?.location.line == 335)
        #expect(
            error.diagnostics.first?.message
                == "the file holds more than 1000 JSON values: its XML view would take more than 700 kB (about 700 bytes for each), half of the 1.4 MB CXAUDIT_MEMORY gives; this is refused as a memory guard. Split the file (e.g. by period), or give cxaudit more memory (CXAUDIT_MEMORY, see docs/evidence.md)"
        )
    }
}
