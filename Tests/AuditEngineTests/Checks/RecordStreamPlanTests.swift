@testable import AuditEngine
import AuditModel
import CalendarDates
import LibXML
import Testing

@Suite("Record stream plan")
struct RecordStreamPlanTests {
    static let item = EvidenceItem(
        id: "CL", type: "complaints-log", file: "log.xml", format: .xml, date: nil, periodStart: nil, periodEnd: nil, owner: nil,
        process: nil, site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: 3))

    /// The rule contexts of a ruleset holding `rules` (rule elements).
    static func contexts(_ rules: String...) throws -> [RuleContext] {
        let folder = try TemporaryFolder()
        let ruleset = try loadRuleset(
            rulesetXML(namespaces: #"<namespace prefix="x" uri="urn:x"/>"#, rules.joined(separator: "\n")), in: folder)
        return ruleset.clauses.flatMap { clause in
            clause.rules.map { rule in
                RuleContext(
                    ruleset: ruleset, clause: clause, rule: rule, parameters: ParameterBindings(ruleset: ruleset),
                    environment: XPathEnvironment(asOf: CalendarDate(year: 2026, month: 6, day: 30)!))
            }
        }
    }

    static func records(_ id: String = "R-1", select: String = "/log/complaint", key: String = "@id", body: String) -> String {
        ruleXML(id, #"<records evidence="complaints-log" select="\#(select)" key="\#(key)">\#(body)</records>"#)
    }

    static let assertion = #"<assert test="status = 'open'">Complaint {@id} is {status}.</assert>"#

    @Test("records checks on one plain path, with presence on the same type, are streamed")
    func streamed() throws {
        let rules = try Self.contexts(
            Self.records(body: Self.assertion),
            Self.records("R-2", select: "/log/complaint[status = 'closed']", key: "normalize-space(ref)", body: #"<let name="d" value="number(days)"/><assert test="$d &lt; 3">{$d}</assert>"#),
            ruleXML("R-3", #"<presence evidence="complaints-log" min="1"/>"#))
        let plan = try #require(RecordStreamPlan(item: Self.item, rules: rules, contract: nil))
        #expect(plan.path == ["log", "complaint"])
        #expect(plan.checks.map(\.predicate) == [nil, "status = 'closed'"])
        #expect(plan.registerOnly.map(\.rule.id) == ["R-3"])
    }

    @Test("a check that may look past the record, or a rule that needs the whole file, keeps the whole-document read", arguments: [
        records(select: "//complaint", body: assertion),
        records(select: "/log/x:complaint", body: assertion),
        records(select: "/log/complaint[1][@id]", body: assertion),
        records(select: "/log/complaint[position() &gt; 1]", body: assertion),
        records(body: #"<assert test="status = ../@default">late</assert>"#),
        records(body: #"<assert test="status = 'open'">Site {/log/@site}</assert>"#),
        records(key: "preceding-sibling::complaint[1]/@id", body: assertion),
        records(body: #"<let name="n" value="count(//complaint)"/><assert test="$n &gt; 1">n</assert>"#),
        ruleXML("R-1", #"<aggregate evidence="complaints-log"><let name="n" value="count(/log/complaint)"/><expect test="$n &gt; 0">none</expect></aggregate>"#),
    ])
    func wholeDocument(rule: String) throws {
        #expect(RecordStreamPlan(item: Self.item, rules: try Self.contexts(rule), contract: nil) == nil)
    }

    @Test("two records checks selecting different paths keep the whole-document read")
    func differentPaths() throws {
        let rules = try Self.contexts(Self.records(body: Self.assertion), Self.records("R-2", select: "/log/batch/complaint", body: Self.assertion))
        #expect(RecordStreamPlan(item: Self.item, rules: rules, contract: nil) == nil)
    }

    static let tableContract = EvidenceContract(recordSets: [
        EvidenceContract.RecordSet(location: .table, fields: [EvidenceContract.Field(name: "status", type: .enum)])
    ])

    @Test("XML with a contract keeps the whole-document read; CSV streams at /table/record only, with or without its table's contract")
    func otherSources() throws {
        #expect(RecordStreamPlan(item: Self.item, rules: try Self.contexts(Self.records(body: Self.assertion)), contract: Self.tableContract) == nil)
        var csv = Self.item
        csv.format = .csv
        let tableRules = try Self.contexts(Self.records(select: "/table/record", body: Self.assertion))
        #expect(RecordStreamPlan(item: csv, rules: tableRules, contract: nil)?.path == ["table", "record"])
        #expect(RecordStreamPlan(item: csv, rules: tableRules, contract: Self.tableContract) != nil)
        #expect(RecordStreamPlan(item: csv, rules: try Self.contexts(Self.records(body: Self.assertion)), contract: nil) == nil)
        var json = Self.item
        json.format = .json
        #expect(RecordStreamPlan(item: json, rules: tableRules, contract: nil) == nil)
    }

    @Test(
        "XLSX and ODS stream at /table/record with a tabular contract; without one every sheet is kept, so they are read whole",
        arguments: [EvidenceFormat.xlsx, .ods])
    func workbooks(format: EvidenceFormat) throws {
        var workbook = Self.item
        workbook.format = format
        let tableRules = try Self.contexts(Self.records(select: "/table/record", body: Self.assertion))
        #expect(RecordStreamPlan(item: workbook, rules: tableRules, contract: Self.tableContract)?.path == ["table", "record"])
        #expect(RecordStreamPlan(item: workbook, rules: tableRules, contract: nil) == nil)
    }

    @Test("plain paths are read as names and the last step's predicate", arguments: [
        ("/log/complaint", ["log", "complaint"], nil),
        (" /table/record[resolved != ''] ", ["table", "record"], "resolved != ''"),
        ("/log/c[note = 'a]b' and x[1]]", ["log", "c"], "note = 'a]b' and x[1]"),
        ("/log", ["log"], nil),
    ] as [(String, [String], String?)])
    func plainPaths(expression: String, names: [String], predicate: String?) throws {
        let path = try #require(RecordStreamPlan.plainPath(expression))
        #expect(path.names == names)
        #expect(path.predicate == predicate)
    }

    @Test("other selections are not plain paths", arguments: [
        "log/complaint", "//complaint", "/log//complaint", "/log/*", "/log/x:c", "/log/c[1]/d", "/log/c[a][b]", "/log/c[", "/", "/log/@id",
        "/log/text()", "(/log/c)[1]",
    ])
    func notPlain(expression: String) {
        #expect(RecordStreamPlan.plainPath(expression) == nil)
    }
}
