import AuditEngine
import AuditEvidence
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("Auditor")
struct AuditorTests {
    static func sampleRun(
        parallelism: Int, evidence: URL = resources.defaultEvidence, ruleset file: URL = resources.starterRuleset
    ) async throws -> AuditRun {
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(file, displayName: file.lastPathComponent)
        var options = AuditOptions(asOf: CalendarDate(year: 2026, month: 11, day: 30)!, parallelism: parallelism)
        options.knownEvidenceTypes = resources.shippedEvidenceTypes
        let auditor = Auditor(options: options)
        return try await auditor.run(
            rulesets: [ruleset], folder: EvidenceFolder(root: evidence),
            registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
    }

    @Test("without the shipped rulesets' types known, the sample's items no selected rule reads are each named")
    func unreadItemsNamed() async throws {
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(resources.starterRuleset, displayName: "cx-starter.xml")
        let run = try await Auditor(options: AuditOptions(asOf: CalendarDate(year: 2026, month: 11, day: 30)!)).run(
            rulesets: [ruleset], folder: EvidenceFolder(root: resources.defaultEvidence),
            registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
        #expect(run.diagnostics.allSatisfy { $0.severity == .warning && $0.message.contains("is not examined") })
        #expect(run.diagnostics.contains { $0.message.contains("item SAL-2026") && $0.message.contains("did you mean 'corrective-actions'") })
    }

    @Test("the sample run shows passes and every grade of finding, and no errors")
    func sampleCoversEveryGrade() async throws {
        let run = try await Self.sampleRun(parallelism: 2)
        #expect(Set(run.findings.map(\.grade)) == Set(Grade.allCases))
        #expect(run.results.contains { $0.status == .pass })
        #expect(run.results.contains { $0.status == .notapplicable })
        #expect(!run.isIncomplete)
        #expect(run.diagnostics.isEmpty)
        #expect(run.clauses.first { $0.number == "9.3" }?.verdict == .majorNonconformity)
        #expect(run.clauses.first { $0.number == "8.3" }?.verdict == .notApplicable)
    }

    @Test("progress counts every item and every byte read, never going back, and ends complete", arguments: [1, 4])
    func progress(parallelism: Int) async throws {
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(resources.defaultRuleset, displayName: "iso9001.xml")
        var options = AuditOptions(asOf: CalendarDate(year: 2026, month: 11, day: 30)!, parallelism: parallelism)
        let states = ProgressStates()
        options.progress = { states.append($0) }
        let run = try await Auditor(options: options).run(
            rulesets: [ruleset], folder: EvidenceFolder(root: resources.defaultEvidence),
            registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
        let seen = states.all
        let items = run.evidence.items.count
        let bytes = run.evidence.items.compactMap(\.bytes).reduce(0, +)
        #expect(seen.last == AuditProgress(itemsDone: items, itemsTotal: items, bytesDone: bytes, bytesTotal: bytes))
        #expect(seen.count >= items)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.itemsDone <= $1.itemsDone && $0.bytesDone <= $1.bytesDone })
        #expect(Set(seen.map(\.itemsDone)).isSuperset(of: 1...items), "every item finishing is told")
    }

    @Test("parallel evaluation gives exactly the serial results")
    func parallelEqualsSerial() async throws {
        let serial = try await Self.sampleRun(parallelism: 1, ruleset: resources.defaultRuleset)
        let parallel = try await Self.sampleRun(parallelism: 4, ruleset: resources.defaultRuleset)
        #expect(serial == parallel)
        #expect(serial.results.count > 70)
    }

    @Test("one large log split between threads gives exactly the serial results")
    func splitRecordsEqualSerial() async throws {
        let workspace = try TemporaryFolder()
        var log = "<complaints>\n"
        for number in 1...20_000 {
            let late = number % 97 == 0
            let badDate = number % 211 == 0
            log += "<complaint id=\"C-\(String(format: "%07d", number))\"><received>\(badDate ? "2026-02-30" : "2026-03-01")</received>"
                + "<ack-days>\(late ? 5 : 1)</ack-days><status>closed</status><root-cause>Cause.</root-cause></complaint>\n"
        }
        try Data((log + "</complaints>\n").utf8).write(to: workspace.url.appendingPathComponent("log.xml"))
        try Data(
            """
            <evidence-register version="1"><organization name="Split Ltd"/>
              <item id="CL-1" type="complaints-log" file="log.xml" format="xml" date="2026-11-20"/>
            </evidence-register>
            """.utf8
        ).write(to: workspace.url.appendingPathComponent("evidence-register.xml"))
        let ruleset = repositoryRoot.appendingPathComponent("Benchmarks/benchmark-ruleset.xml")
        let serial = try await Self.sampleRun(parallelism: 1, evidence: workspace.url, ruleset: ruleset)
        let split = try await Self.sampleRun(parallelism: 3, evidence: workspace.url, ruleset: ruleset)
        #expect(serial == split)
        let expected = 20_000 / 97 + 20_000 / 211
        #expect(serial.findings.count == expected)
    }

    @Test("fingerprints survive re-runs and edits to unrelated records")
    func stableFingerprints() async throws {
        let first = try await Self.sampleRun(parallelism: 2)
        let workspace = try TemporaryFolder()
        let copy = workspace.url.appendingPathComponent("northwind")
        try FileManager.default.copyItem(at: resources.defaultEvidence, to: copy)
        // Insert a new, conforming complaint at the top: every later record moves down one line.
        let log = copy.appendingPathComponent("complaints/complaints-log-2026.csv")
        var lines = try String(contentsOf: log, encoding: .utf8).components(separatedBy: "\r\n")
        lines.insert(
            "C-2025-9999,2025-12-01,email,New Customer,leeds,billing,medium,Double charge.,2025-12-01,2025-12-21,2025-12-05,closed,Gateway retry.,2025-12-05,no,",
            at: 1)
        try lines.joined(separator: "\r\n").write(to: log, atomically: true, encoding: .utf8)
        let second = try await Self.sampleRun(parallelism: 2, evidence: copy)
        let byRule = { (run: AuditRun) in Set(run.findings.filter { $0.ruleId == "CX-8.2.1-01" }.map(\.id)) }
        #expect(byRule(first) == byRule(second))
        #expect(first.findings.filter { $0.ruleId == "CX-8.2.1-01" }.map(\.evidence.line)
            != second.findings.filter { $0.ruleId == "CX-8.2.1-01" }.map(\.evidence.line))
    }

    @Test("a rule whose condition does not hold is not applicable, and applies when it does")
    func applicability() async throws {
        let ruleset = rulesetXML(
            ruleXML(
                "DESIGN", grade: "major",
                appliesIf: #"<applies-if test="/evidence-register/organization/scope/activity = 'design'">Design is in scope.</applies-if>"#,
                #"<presence evidence="design-review"/>"#))
        let excluded = try await audit(ruleset: ruleset, files: [:], items: [])
        #expect(excluded.results.map(\.status) == [.notapplicable])
        #expect(excluded.findings.isEmpty)
        let included = try await audit(ruleset: ruleset, files: [:], items: [], scope: ["design"])
        #expect(included.results.map(\.status) == [.fail])
        #expect(included.findings.first?.grade == .major)
    }

    @Test("an item whose file is missing is a diagnostic and an error result, not a crash")
    func missingFile() async throws {
        let ruleset = rulesetXML(ruleXML("R", #"<records evidence="log" select="/x"><assert test="true()">x</assert></records>"#))
        let run = try await audit(ruleset: ruleset, files: [:], items: [TestItem(id: "L", type: "log", file: "gone.xml", format: "xml")])
        #expect(run.results.map(\.status) == [.error])
        #expect(run.diagnostics.first?.message.contains("does not exist") == true)
    }

    @Test("items dated after the audit date are left out of every check")
    func futureItemsLeftOut() async throws {
        let ruleset = rulesetXML(ruleXML("R", #"<records evidence="log" select="/log/e"><assert test="@ok = 'yes'">Bad entry.</assert></records>"#))
        let run = try await audit(
            ruleset: ruleset, files: ["now.xml": "<log><e ok='yes'/></log>", "later.xml": "<log><e ok='no'/></log>"],
            items: [
                TestItem(id: "NOW", type: "log", file: "now.xml", format: "xml", date: "2026-06-01"),
                TestItem(id: "LATER", type: "log", file: "later.xml", format: "xml", date: "2026-07-01"),
            ])
        #expect(run.results.map(\.itemId) == ["NOW"])
        #expect(run.findings.isEmpty)
    }
}

/// States passed to `AuditOptions.progress`, in the order they came.
final class ProgressStates: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [AuditProgress] = []

    func append(_ state: AuditProgress) {
        lock.lock()
        states.append(state)
        lock.unlock()
    }

    var all: [AuditProgress] {
        lock.lock()
        defer { lock.unlock() }
        return states
    }
}
