import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("Rule descriptions")
struct RuleDescriptionTests {
    static let here = SourceLocation(file: "rs.xml")

    static func rule(_ id: String, clause: String, check: RuleCheck) -> Rule {
        Rule(
            id: id, title: "Title \(id)", grade: .major, rationale: "Why \(id).", remediation: "Fix \(id).", references: ["ISO 9001 \(clause)"],
            applicability: nil, check: check, clause: clause, location: here)
    }

    static func ruleset(_ id: String, _ clauses: [(String, [Rule])]) -> Ruleset {
        Ruleset(
            id: id, version: "1.0.0", title: id, description: "", file: "\(id).xml", sha256: "a", standards: [], namespaces: [:], parameters: [],
            clauses: clauses.map { Clause(number: $0.0, title: $0.0, standard: nil, intent: "", crosswalk: [], notCoveredReason: nil, rules: $0.1, location: here) })
    }

    static let presence = RuleCheck.presence(PresenceCheck(evidenceType: "management-review", minimum: ValueReference("1"), within: nil, message: nil))
    static let freshness = RuleCheck.freshness(FreshnessCheck(evidenceType: "survey", maxAge: ValueReference("P1Y"), message: nil))

    @Test("a rule is described with its ruleset, clause, words and kind of check")
    func fromRule() {
        let description = RuleDescription(rule: Self.rule("R-1", clause: "9.3", check: Self.freshness), rulesetId: "rs")
        #expect(description == RuleDescription(
            rulesetId: "rs", id: "R-1", clause: "9.3", title: "Title R-1", grade: .major, rationale: "Why R-1.", remediation: "Fix R-1.",
            references: ["ISO 9001 9.3"], checkKind: .freshness))
    }

    @Test("the catalog lists every rule of every ruleset, in ruleset and document order")
    func catalog() {
        let first = Self.ruleset("a", [("9.3", [Self.rule("A-2", clause: "9.3", check: Self.presence)]), ("10.2", [Self.rule("A-1", clause: "10.2", check: Self.presence)])])
        let second = Self.ruleset("b", [("8.2.1", [Self.rule("B-1", clause: "8.2.1", check: Self.freshness)])])
        let catalog = RuleDescription.catalog(of: [first, second])
        #expect(catalog.map { "\($0.rulesetId)/\($0.id)" } == ["a/A-2", "a/A-1", "b/B-1"])
        #expect(RuleDescription.catalog(of: []).isEmpty)
    }

    @Test("descriptions survive JSON as the frozen fixtures store them")
    func codable() throws {
        let description = RuleDescription(rule: Self.rule("R-1", clause: "9.3", check: Self.presence), rulesetId: "rs")
        let data = try JSONEncoder().encode(description)
        #expect(try JSONDecoder().decode(RuleDescription.self, from: data) == description)
        #expect(NorthwindFixture.rules.allSatisfy { !$0.title.isEmpty }, "the frozen catalog decodes")
        #expect(String(decoding: data, as: UTF8.self).contains("\"checkKind\":\"presence\""))
    }
}
