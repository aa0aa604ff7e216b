import Foundation
import Testing

/// `cxaudit explain`, run as the real binary.
@Suite("cxaudit explain, end to end")
struct ExplainCommandTests {
    @Test("explains clause, intent, evidence, the check in words, parameters and how to pass")
    func explanation() throws {
        let outcome = try CheckCommandTests.run(["explain", "CX-8.2.1-01"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let text = outcome.stdout
        // Paragraphs are wrapped; phrases are compared with line breaks and indentation collapsed.
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.hasPrefix("CX-8.2.1-01  Every complaint is acknowledged within the target time"))
        #expect(text.contains("Clause 8.2.1 Customer communication"))
        #expect(text.contains("What the clause asks (our paraphrase)\n  The organization talks with customers"))
        #expect(text.contains("Graded minor: minor nonconformity."))
        #expect(flat.contains("- complaints-log: Every complaint received"))
        #expect(flat.contains("For each record selected by `/table/record` in every `complaints-log` item, identified by"))
        #expect(flat.contains("$ack-days = 2 (integer, default): Days within which a complaint must be acknowledged."))
        #expect(text.contains("How to pass"))
        #expect(flat.contains("Remediation given by the ruleset: Acknowledge each complaint"))
        #expect(text.contains("- ISO 10002:2018 8.3"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 || !$0.contains(" ") }, "wrapped at 80 columns")
    }

    @Test("names the clause in the other editions: published 2008, provisional 2026 with its note and source")
    func otherEditions() throws {
        let outcome = try CheckCommandTests.run(["explain", "ISO9001-9.1.2-01", "--ruleset", "Rulesets/iso9001-2015-customer-improvement.xml"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let flat = outcome.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(outcome.stdout.contains("In other editions\n  - ISO 9001:2008: 8.2.1, published.\n  - ISO 9001:2026: 9.1, provisional."))
        #expect(flat.contains("Mapped to the parent clause: the public summaries of the draft do not confirm this sub-clause's number."))
        #expect(flat.contains("Source (iso9001-2026-draft): ISO/DIS 9001:2025"))
    }

    @Test("--profile shows the profile's values and deselections")
    func profile() throws {
        let profile = "Rulesets/profiles/iso9001-small-organization.xml"
        let values = try CheckCommandTests.run(["explain", "ISO9001-9.1.2-02", "--profile", profile])
        #expect(values.status == 0, "\(values.stderr)")
        let flat = values.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("$min-responses = 15 (integer, set by profile small-organization; default 30)"))
        let deselected = try CheckCommandTests.run(["explain", "ISO9001-9.2-03", "--profile", profile])
        #expect(deselected.stdout.contains("Deselected by profile small-organization"))
    }

    @Test("an unknown rule id exits 2 and suggests near misses")
    func unknownRule() throws {
        let outcome = try CheckCommandTests.run(["explain", "CX-9.3-0"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("no rule 'CX-9.3-0'"))
        #expect(outcome.stderr.contains("Did you mean CX-9.3-01, CX-9.3-02, CXO-3-01?"), "the closest first")
        let typo = try CheckCommandTests.run(["explain", "ISO9001-9.3-1"])
        #expect(typo.stderr.contains("Did you mean ISO9001-9.3-01,"), "not the first rules of the ruleset: \(typo.stderr)")
        #expect(try CheckCommandTests.run(["explain"]).status == 2, "the rule id is required")
    }

    @Test("--help documents the exit codes")
    func help() throws {
        let outcome = try CheckCommandTests.run(["explain", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("2  no selected ruleset has the rule"))
    }
}
