@testable import AuditEngine
import AuditModel
import Testing

@Suite("Linting rules against evidence contracts")
struct ContractLintTests {
    typealias Field = EvidenceContract.Field
    static let here = SourceLocation(file: "rs.xml", line: 4)

    static let contract = EvidenceContract(recordSets: [
        .init(location: .table, fields: [
            Field(name: "complaint-id", type: .id, isRequired: true),
            Field(name: "resolved", type: .date, isRequired: true),
            Field(name: "root-cause", type: .text),
            Field(name: "channel", type: .text, isRequired: true, isAttribute: true),
        ])
    ])

    func lint(_ expressions: [String], reportUnused: Bool = true) -> [LintDiagnostic] {
        let measures = expressions.enumerated().map { Binding(name: "m\($0.offset)", value: XPathText($0.element, location: SourceLocation(file: "rs.xml", line: 20))) }
        let rule = Rule(
            id: "R", title: "R", grade: .minor, rationale: "", remediation: "", references: [], applicability: nil,
            check: .aggregate(AggregateCheck(evidenceType: "complaints-log", measures: measures, expectations: [])), clause: "1",
            location: SourceLocation(file: "rs.xml", line: 19), checkLocation: SourceLocation(file: "rs.xml", line: 20))
        let declaration = EvidenceTypeDeclaration(id: "complaints-log", description: "", contract: Self.contract, location: Self.here)
        return ContractLint(ruleset: ModelFixture.ruleset(rules: [rule], evidenceTypes: [declaration])).diagnostics(reportUnused: reportUnused)
    }

    @Test("a rule reading every required field, by name and by @attribute, draws nothing")
    func clean() {
        #expect(lint(["count(/table/record[normalize-space(resolved) = ''])", "count(//record[@channel = 'web']/complaint-id)"]).isEmpty)
    }

    @Test("a field the contract does not declare is a warning at the rule's check, naming the contract's line")
    func undeclaredField() throws {
        let found = lint(["count(/table/record[resolvd = ''])", "count(//record/complaint-id[@channel])", "count(//record[@origin])"], reportUnused: false)
        #expect(found.map(\.check) == [.undeclaredField, .undeclaredField])
        let first = try #require(found.first)
        #expect(first.diagnostic.location.line == 20)
        #expect(first.diagnostic.severity == .warning)
        #expect(first.diagnostic.message.hasPrefix("rule R reads 'resolvd' of evidence type 'complaints-log', which its contract (line 4) does not declare"))
        #expect(found.last?.diagnostic.message.hasPrefix("rule R reads '@origin'") == true)
    }

    @Test("the view's own structure, its locator attributes and other vocabularies' names are not fields")
    func notFields() {
        #expect(lint(["count(/table/record[@line > 3][@number][@ref])", "count(//ex:other)", "count(/table/record/complaint-id | //resolved | //@channel)"], reportUnused: false).isEmpty)
    }

    @Test("a required field no rule reads is reported at the declaration, unless asked not to")
    func unusedField() throws {
        let found = lint(["count(//complaint-id)"])
        #expect(found.map(\.check) == [.unusedField, .unusedField])
        #expect(found.map(\.diagnostic.location) == [Self.here, Self.here])
        #expect(found.first?.diagnostic.message.hasPrefix("evidence type 'complaints-log': field 'resolved' is required but no rule of this ruleset reads it") == true)
        #expect(found.last?.diagnostic.message.contains("field 'channel'") == true)
        #expect(lint(["count(//complaint-id)"], reportUnused: false).isEmpty)
    }

    @Test("a wildcard may read any field, so nothing of its type is called unused")
    func wildcard() {
        #expect(lint(["count(/table/record/*)"]).isEmpty)
        #expect(lint(["count(//*[local-name() = 'resolved'])"]).isEmpty)
    }

    @Test("a declaration without a contract is not linted")
    func noContract() {
        let rule = ModelFixture.rule(check: .aggregate(AggregateCheck(evidenceType: "log", measures: [Binding(name: "n", value: XPathText("count(//anything)", location: Self.here))], expectations: [])))
        let ruleset = ModelFixture.ruleset(rules: [rule], evidenceTypes: [EvidenceTypeDeclaration(id: "log", description: "A log.", location: Self.here)])
        #expect(ContractLint(ruleset: ruleset).diagnostics(reportUnused: true).isEmpty)
    }
}
