import Foundation
import Testing

/// `cxaudit rules`, run as the real binary.
@Suite("cxaudit rules, end to end")
struct RulesCommandTests {
    @Test("lists a ruleset's rules with clause, grade, check kind, evidence and title")
    func listing() throws {
        let outcome = try CheckCommandTests.run(["rules", "--ruleset", "Rulesets/cx-starter.xml"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("cx-starter 1.2.1"))
        #expect(outcome.stdout.contains("CLAUSE  RULE"))
        let line = try #require(outcome.stdout.split(separator: "\n").first { $0.contains("CX-10.2-02") })
        #expect(line.contains("10.2"))
        #expect(line.contains("minor"))
        #expect(line.contains("cross-reference"))
        #expect(line.contains("complaints-log, corrective-actions"))
        #expect(line.contains("Complaints escalated to corrective action point to a real CAPA record"))
        #expect(outcome.stdout.contains("12 rules in 1 ruleset"))
    }

    @Test("--clause takes subclauses, --grade and --kind narrow further")
    func filters() throws {
        let outcome = try CheckCommandTests.run(["rules", "--ruleset", "Rulesets/cx-starter.xml", "--clause", "9.1", "--grade", "minor"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("CX-9.1.2-02"))
        #expect(outcome.stdout.contains("CX-9.1.3-01"))
        #expect(!outcome.stdout.contains("CX-9.1.2-01"))
        #expect(outcome.stdout.contains("2 rules in 1 ruleset"))
        let trends = try CheckCommandTests.run(["rules", "--ruleset", "Rulesets/cx-starter.xml", "--kind", "trend"])
        #expect(trends.stdout.contains("2 rules in 1 ruleset"))
        let none = try CheckCommandTests.run(["rules", "--ruleset", "Rulesets/cx-starter.xml", "--clause", "4.4"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("no rule matches"))
    }

    @Test("by default every shipped ruleset is listed")
    func everyShippedRuleset() throws {
        let outcome = try CheckCommandTests.run(["rules", "--grade", "major"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("cx-starter 1.2.1"))
        #expect(outcome.stdout.contains("iso9001-2015-customer-improvement"))
    }

    @Test("--edition 2026 shows each clause's 2026 number from the crosswalk, starred as provisional with its source")
    func edition2026() throws {
        let outcome = try CheckCommandTests.run([
            "rules", "--ruleset", "Rulesets/iso9001-2015-customer-improvement.xml", "--edition", "2026", "--clause", "8.2.1",
        ])
        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  CLAUSE  IN 2026  RULE") })
        #expect(lines.contains { $0.hasPrefix("  8.2.1   8.2*     ISO9001-8.2.1-01") })
        #expect(outcome.stdout.contains("Edition 2026: ISO 9001:2026, from the ruleset's crosswalk."))
        let flat = outcome.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("* provisional: taken from a draft, to be checked against the published text. Source (iso9001-2026-draft): ISO/DIS 9001:2025"))
        let confirmed = try CheckCommandTests.run([
            "rules", "--ruleset", "Rulesets/iso9001-2015-customer-improvement.xml", "--edition", "2026", "--clause", "9.3",
        ])
        #expect(confirmed.stdout.split(separator: "\n").contains { $0.hasPrefix("  9.3     9.3*     ISO9001-9.3-01") })
        let older = try CheckCommandTests.run(["rules", "--ruleset", "Rulesets/cx-starter.xml", "--edition", "ISO 9001:2008", "--clause", "9.3"])
        #expect(older.stdout.split(separator: "\n").contains { $0.hasPrefix("  9.3     5.6      CX-9.3-01") })
        #expect(older.stdout.contains("Edition 2008: ISO 9001:2008, from the ruleset's crosswalk."))
        #expect(!older.stdout.contains("provisional"))
        let own = try CheckCommandTests.run(["rules", "--ruleset", "Rulesets/cx-starter.xml", "--edition", "2015", "--clause", "9.3"])
        #expect(own.stdout.contains("Edition 2015: the ruleset's own clauses."))
        #expect(own.stdout.split(separator: "\n").contains { $0.hasPrefix("  9.3     9.3      CX-9.3-01") })
    }

    @Test("a ruleset that does not load exits 2 after listing the others; a bad value is a usage error")
    func errors() throws {
        let broken = CheckCommandTests.fixtures.appendingPathComponent("broken-ruleset.xml").path
        let outcome = try CheckCommandTests.run(["rules", "--ruleset", broken, "--ruleset", "Rulesets/cx-starter.xml"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("broken-ruleset.xml:8:7: error:"))
        #expect(outcome.stdout.contains("12 rules in 1 ruleset"))
        let usage = try CheckCommandTests.run(["rules", "--grade", "critical"])
        #expect(usage.status == 2)
        #expect(try CheckCommandTests.run(["rules", "--help"]).stdout.contains("Exit status"))
    }
}
