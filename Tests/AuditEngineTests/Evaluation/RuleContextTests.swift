@testable import AuditEngine
import AuditEvidence
import AuditModel
import CalendarDates
import Foundation
import LibXML
import Testing

@Suite("Rule context and loaded items")
struct RuleContextTests {
    static let rule = ModelFixture.rule(check: ModelFixture.presence("satisfaction-survey"))

    func context(namespaces: [String: String] = [:]) -> RuleContext {
        let ruleset = ModelFixture.ruleset(rules: [Self.rule], parameters: [ModelFixture.parameter("target", .integer, "4")], namespaces: namespaces)
        return RuleContext(
            ruleset: ruleset, clause: ModelFixture.clause([Self.rule]), rule: Self.rule, parameters: ParameterBindings(ruleset: ruleset),
            environment: XPathEnvironment(asOf: CalendarDate(year: 2026, month: 6, day: 30)!))
    }

    @Test("an XPath context has the ruleset's namespaces and parameters bound")
    func xpathContext() throws {
        let document = try XMLDocument.parse(data: Data(#"<s:survey xmlns:s="urn:survey"><s:score>5</s:score></s:survey>"#.utf8), file: "s.xml")
        let xpath = context(namespaces: ["s": "urn:survey"]).xpathContext(over: document)
        #expect(try xpath.evaluate("/s:survey/s:score > $target").boolean)
    }

    @Test("evidence about a type as a whole names the type and no item")
    func typeEvidence() {
        let evidence = context().typeEvidence()
        #expect(evidence.itemId == nil)
        #expect(evidence.evidenceType == "satisfaction-survey")
        #expect(context().typeEvidence("capa-log").evidenceType == "capa-log")
    }

    @Test("evidence about a record cites its item, line, native locator, key and XPath; an empty key is none")
    func recordEvidence() throws {
        let item = EvidenceItem(
            id: "CL", type: "complaints-log", file: "log.csv", format: .csv, date: nil, periodStart: nil, periodEnd: nil, owner: nil, process: nil,
            site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml"))
        let document = try EvidenceDocument.read(Data("id,days\nC-1,5\nC-2,12\n".utf8), item: item)
        let loaded = LoadedItem(item: item, document: document, sha256: "abc")
        let record = try #require(try XPathContext(document: document.document, environment: XPathEnvironment(asOf: CalendarDate(year: 2026, month: 6, day: 30)!))
            .evaluate("/table/record[2]").nodes.first)
        let evidence = loaded.recordEvidence(record, recordKey: "C-2")
        #expect(evidence.itemId == "CL")
        #expect(evidence.file == "log.csv")
        #expect(evidence.line == 3)
        #expect(evidence.nativeLocator == "record 2")
        #expect(evidence.recordKey == "C-2")
        #expect(evidence.xpath == "/table/record[2]")
        #expect(evidence.sha256 == "abc")
        #expect(loaded.recordEvidence(record, recordKey: "").recordKey == nil)
        #expect(loaded.itemEvidence == ObjectiveEvidence(itemId: "CL", evidenceType: "complaints-log", file: "log.csv", sha256: "abc"))
    }

    @Test("keys are compared with white space trimmed at both ends")
    func trimmedKey() {
        #expect("C-7".trimmedKey == "C-7")
        #expect("  C-7\t\n".trimmedKey == "C-7")
        #expect("\u{00A0}C 7\u{2003}".trimmedKey == "C 7", "Unicode spaces too, inner space kept")
        #expect("".trimmedKey == "")
        #expect("Zürich ".trimmedKey == "Zürich")
    }

    @Test("measured values are shown as numbers, single nodes as their text, node sets by their count")
    func measurements() throws {
        #expect(XPathValue.number(2.345).measurement(named: "avg") == Measurement(name: "avg", value: "2.35", number: 2.345))
        #expect(XPathValue.string("closed").measurement(named: "status") == Measurement(name: "status", value: "closed"))
        let document = try XMLDocument.parse(data: Data("<r><v>4.5</v><v>3</v></r>".utf8), file: "r.xml")
        let xpath = XPathContext(document: document, environment: XPathEnvironment(asOf: CalendarDate(year: 2026, month: 6, day: 30)!))
        #expect(try xpath.evaluate("/r/v[1]").measurement(named: "score") == Measurement(name: "score", value: "4.5", number: 4.5))
        #expect(try xpath.evaluate("/r/v").measurement(named: "scores") == Measurement(name: "scores", value: "2 nodes", number: 2))
    }
}
