import AuditEngine
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("Waivers")
struct WaiverApplicationTests {
    static let ruleset = rulesetXML(
        ruleXML("ACK", #"<records evidence="log" select="/table/record" key="id"><assert test="ok = 'yes'">Record {id} is not ok.</assert></records>"#),
        ruleXML("GOOD", #"<records evidence="log" select="/table/record"><assert test="true()">never</assert></records>"#))
    static let files = ["log.csv": "id,ok\nC-1,no\nC-2,no\nC-3,yes\n"]
    static let items = [TestItem(id: "LOG", type: "log", file: "log.csv", format: "csv", date: "2026-05-01", extra: #" site="york""#)]

    static func waiver(
        _ id: String, rule: String = "ACK", item: String? = nil, site: String? = nil, record: String? = nil, expires: String = "2026-12-31"
    ) -> Waiver {
        Waiver(
            id: id, rulesetId: nil, ruleId: rule, itemId: item, site: site, recordKey: record, justification: "Agreed with the auditor.",
            approver: "Q. Manager", approved: nil, expires: CalendarDate(iso: expires)!, location: SourceLocation(file: "waivers.xml", line: 3))
    }

    static func run(_ waivers: [Waiver]) async throws -> AuditRun {
        WaiverApplication.apply(waivers, to: try await audit(ruleset: ruleset, files: files, items: items))
    }

    @Test("a waiver for one record covers that finding only; the result stays failed")
    func recordWaiver() async throws {
        let run = try await Self.run([Self.waiver("W1", record: "C-1")])
        #expect(run.findings.first { $0.evidence.recordKey == "C-1" }?.waiver?.id == "W1")
        #expect(run.findings.first { $0.evidence.recordKey == "C-2" }?.waiver == nil)
        #expect(run.results(for: "ACK").first?.status == .fail)
        #expect(run.findings(atLeast: .ofi).map(\.evidence.recordKey) == ["C-2"])
    }

    @Test("a waiver covering every finding of a result makes it waived, and the clause conforming")
    func ruleWaiver() async throws {
        let run = try await Self.run([Self.waiver("W1", site: "york")])
        #expect(run.results(for: "ACK").first?.status == .waived)
        #expect(run.findings.count == 2, "waived findings stay in the run")
        #expect(run.findings(atLeast: .ofi).isEmpty)
        #expect(run.clauses.first?.verdict == .conforming)
        #expect(run.diagnostics.isEmpty)
    }

    @Test("an expired waiver applies to nothing and the run says so")
    func expired() async throws {
        let run = try await Self.run([Self.waiver("W1", expires: "2026-06-29")])
        #expect(run.results(for: "ACK").first?.status == .fail)
        #expect(run.findings.allSatisfy { $0.waiver == nil })
        let warning = try #require(run.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("waiver W1 expired on 2026-06-29; its 2 finding(s) for ACK count again"))
    }

    @Test("a waiver on its expiry day still applies")
    func expiryDayInclusive() async throws {
        let run = try await Self.run([Self.waiver("W1", expires: "2026-06-30")])
        #expect(run.results(for: "ACK").first?.status == .waived)
    }

    @Test("waivers that match nothing, or only a passing result, are flagged")
    func unmatched() async throws {
        let run = try await Self.run([Self.waiver("W1", site: "hull"), Self.waiver("W2", rule: "GOOD")])
        let messages = run.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("waiver W1 matches no finding of ACK") })
        #expect(messages.contains { $0.contains("waiver W2 covers GOOD, which passes; remove the waiver") })
    }
}
