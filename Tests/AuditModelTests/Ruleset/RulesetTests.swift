import AuditModel
import CalendarDates
import Testing

@Suite("Rulesets")
struct RulesetTests {
    static let here = SourceLocation(file: "rs.xml")

    func rule(_ id: String, clause: String) -> Rule {
        Rule(
            id: id, title: id, grade: .minor, rationale: "", remediation: "", references: [], applicability: nil,
            check: .presence(PresenceCheck(evidenceType: "x", minimum: ValueReference("1"), within: nil, message: nil)), clause: clause,
            location: Self.here)
    }

    func clause(_ number: String, _ rules: [Rule]) -> Clause {
        Clause(number: number, title: number, standard: nil, intent: "", crosswalk: [], notCoveredReason: nil, rules: rules, location: Self.here)
    }

    static let window = Parameter(
        name: "window", type: .duration, defaultValue: .duration(ISODuration(months: 12)), description: "Look-back.", location: here)

    var ruleset: Ruleset {
        Ruleset(
            id: "rs", version: "1.0.0", title: "RS", description: "", file: "rs.xml", sha256: "a", standards: [], namespaces: [:],
            parameters: [Self.window],
            clauses: [
                clause("8.2.1", [rule("R-2", clause: "8.2.1"), rule("R-1", clause: "8.2.1")]), clause("8.5.3", []),
                clause("9.3", [rule("R-3", clause: "9.3")]),
            ])
    }

    @Test("every rule, in document order across clauses")
    func rules() {
        #expect(ruleset.rules.map(\.id) == ["R-2", "R-1", "R-3"])
    }

    @Test("parameters are found by name")
    func parameterNamed() {
        #expect(ruleset.parameter(named: "window") == Self.window)
        #expect(ruleset.parameter(named: "Window") == nil)
        #expect(ruleset.parameter(named: "$window") == nil)
    }

    @Test("evidence types are declared without a contract unless one is given")
    func declarations() {
        #expect(EvidenceTypeDeclaration(id: "complaints-log", description: "", location: Self.here).contract == nil)
        #expect(ruleset.evidenceTypes.isEmpty)
    }
}
