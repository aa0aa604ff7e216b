@testable import AuditEngine
import AuditModel
import Testing

@Suite("Findings and their fingerprints")
struct FindingFactoryTests {
    static let rule = ModelFixture.rule("R-1", grade: .minor, check: ModelFixture.presence("complaints-log"))
    static let factory = FindingFactory(ruleset: ModelFixture.ruleset("rs", rules: [rule]), rule: rule, clause: ModelFixture.clause([rule]))

    func evidence(item: String? = "CL", line: Int? = 12, recordKey: String? = "C-7", xpath: String? = "/table/record[11]") -> ObjectiveEvidence {
        ObjectiveEvidence(itemId: item, evidenceType: "complaints-log", file: "log.csv", line: line, recordKey: recordKey, xpath: xpath)
    }

    @Test("a fingerprint is 32 hex digits of ruleset, rule, item and record key, the same in every release")
    func pinned() {
        // SHA-256 of "cxaudit-finding-1␟rs␟R-1␟CL␟C-7␟", computed independently (Python hashlib):
        // baselines and the history store match findings by these values.
        #expect(Self.factory.fingerprint(itemId: "CL", recordKey: "C-7") == "1628fd284d1e24cbd22ff9a29ddc1a09")
        #expect(Self.factory.fingerprint(itemId: nil, recordKey: nil) == "c6a0a194b444f81821d6b051d8bd04b2")
    }

    @Test("a fingerprint changes with the item, the record key and the discriminator, and with nothing else")
    func distinguishes() {
        let base = Self.factory.fingerprint(itemId: "CL", recordKey: "C-7")
        #expect(Self.factory.fingerprint(itemId: "CL", recordKey: "C-7") == base)
        #expect(Self.factory.fingerprint(itemId: "CL-2", recordKey: "C-7") != base)
        #expect(Self.factory.fingerprint(itemId: "CL", recordKey: "C-8") != base)
        #expect(Self.factory.fingerprint(itemId: "CL", recordKey: "C-7", discriminator: "unreadable#received") != base)
        #expect(Self.factory.fingerprint(itemId: "CLC-7", recordKey: "") != base, "fields are separated, not concatenated")
    }

    @Test("the same check in another rule or ruleset gives another fingerprint")
    func rulesKeptApart() {
        let other = ModelFixture.rule("R-2", check: ModelFixture.presence("complaints-log"))
        let otherRule = FindingFactory(ruleset: ModelFixture.ruleset("rs", rules: [other]), rule: other, clause: ModelFixture.clause([other]))
        let otherRuleset = FindingFactory(ruleset: ModelFixture.ruleset("rs-2", rules: [Self.rule]), rule: Self.rule, clause: ModelFixture.clause([Self.rule]))
        let base = Self.factory.fingerprint(itemId: "CL", recordKey: "C-7")
        #expect(otherRule.fingerprint(itemId: "CL", recordKey: "C-7") != base)
        #expect(otherRuleset.fingerprint(itemId: "CL", recordKey: "C-7") != base)
    }

    @Test("a finding's id survives a move to another line, and falls back to the record's XPath without a key")
    func findingIds() {
        let here = Self.factory.finding(statement: "late", evidence: evidence(line: 12), measurements: [])
        let moved = Self.factory.finding(statement: "late", evidence: evidence(line: 40, xpath: "/table/record[39]"), measurements: [])
        #expect(here.id == moved.id)
        #expect(here.id == Self.factory.fingerprint(itemId: "CL", recordKey: "C-7"))
        let keyless = Self.factory.finding(statement: "late", evidence: evidence(recordKey: nil, xpath: "/table/record[3]"), measurements: [])
        #expect(keyless.id == Self.factory.fingerprint(itemId: "CL", recordKey: "/table/record[3]"))
    }

    @Test("a finding states the requirement from the clause's intent and the rule, with the rule's grade unless given another")
    func findingContent() {
        let finding = Self.factory.finding(statement: "Complaint C-7 was acknowledged late.", evidence: evidence(), measurements: [])
        #expect(finding.requirement == "9.1.2 Customer satisfaction: Know what customers think. Rule R-1: Rule R-1.")
        #expect(finding.grade == .minor)
        #expect(finding.rulesetId == "rs" && finding.clause == "9.1.2" && finding.clauseTitle == "Customer satisfaction")
        #expect(finding.remediation == "Fix it.")
        #expect(Self.factory.finding(grade: .major, statement: "s", evidence: evidence(), measurements: []).grade == .major)
    }

    @Test("a result carries the rule's evidence type and grade, and the ids of its findings")
    func result() {
        let findings = [
            Self.factory.finding(statement: "a", evidence: evidence(recordKey: "C-1"), measurements: []),
            Self.factory.finding(statement: "b", evidence: evidence(recordKey: "C-2"), measurements: []),
        ]
        let result = Self.factory.result(itemId: "CL", status: .fail, statement: "2 of 9", recordsChecked: 9, recordsFailed: 2, findings: findings)
        #expect(result.evidenceType == "complaints-log")
        #expect(result.grade == .minor)
        #expect(result.findingIds == findings.map(\.id))
        #expect(result.recordsChecked == 9 && result.recordsFailed == 2)
        #expect(Self.factory.result(itemId: nil, status: .pass, statement: "ok", grade: .ofi).grade == .ofi)
    }
}
