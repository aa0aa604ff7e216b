import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Filtering rule listings")
struct RuleFilterTests {
    static func starter() throws -> Ruleset {
        try RulesetLoader(schema: resources.rulesetSchema).load(resources.starterRuleset)
    }

    static func ids(_ entries: [RuleListingEntry]) -> [String] {
        entries.compactMap { entry in
            if case let .rule(rule) = entry { return rule.id }
            return nil
        }
    }

    @Test("no filter lists every rule in document order")
    func everything() throws {
        let ruleset = try Self.starter()
        #expect(Self.ids(ruleset.listing(matching: RuleFilter())) == ruleset.rules.map(\.id))
    }

    @Test("a clause filter takes the clause and its subclauses, not clauses that merely share a prefix")
    func clauses() throws {
        let ruleset = try Self.starter()
        #expect(Self.ids(ruleset.listing(matching: RuleFilter(clause: "9.1"))) == ["CX-9.1.2-01", "CX-9.1.2-02", "CX-9.1.2-03", "CX-9.1.3-01"])
        #expect(Self.ids(ruleset.listing(matching: RuleFilter(clause: "9.1.2"))).count == 3)
        #expect(Self.ids(ruleset.listing(matching: RuleFilter(clause: "10"))).allSatisfy { $0.hasPrefix("CX-10.") })
        #expect(Self.ids(ruleset.listing(matching: RuleFilter(clause: "9.1.23"))).isEmpty)
    }

    @Test("grade, kind and evidence type filters combine")
    func combined() throws {
        let ruleset = try Self.starter()
        #expect(Self.ids(ruleset.listing(matching: RuleFilter(grade: .major))) == ["CX-8.3-01", "CX-9.1.2-01", "CX-9.3-01"])
        #expect(Self.ids(ruleset.listing(matching: RuleFilter(kind: .trend))) == ["CX-9.1.2-03", "CX-10.3-01"])
        #expect(
            Self.ids(ruleset.listing(matching: RuleFilter(evidenceType: "corrective-actions"))) == ["CX-10.2-02", "CX-10.2-03"],
            "both sides of a cross-reference count")
        #expect(Self.ids(ruleset.listing(matching: RuleFilter(clause: "9.1", grade: .ofi))) == ["CX-9.1.2-03"])
    }

    @Test("not-covered clauses are listed when only the clause is filtered")
    func notCovered() throws {
        let folder = try TemporaryFolder()
        let xml = rulesetXML(ruleXML("R", #"<presence evidence="x"/>"#)).replacingOccurrences(
            of: "</ruleset>",
            with: """
                  <clause number="8.5.5" title="Post-delivery activities">
                    <intent>x</intent>
                    <not-covered>Needs warranty data we do not model yet.</not-covered>
                  </clause>
                </ruleset>
                """)
        let ruleset = try loadRuleset(xml, in: folder)
        let entries = ruleset.listing(matching: RuleFilter(clause: "8.5"))
        guard case let .notCovered(clause, reason)? = entries.first else {
            Issue.record("expected a not-covered entry, got \(entries)")
            return
        }
        #expect(clause.number == "8.5.5")
        #expect(reason == "Needs warranty data we do not model yet.")
        #expect(ruleset.listing(matching: RuleFilter(clause: "8.5", grade: .minor)).isEmpty)
    }
}
