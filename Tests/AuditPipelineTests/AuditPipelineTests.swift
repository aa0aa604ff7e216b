import AuditEngine
import AuditModel
import AuditPipeline
import AuditReports
import CalendarDates
import Foundation
import Testing

/// `check`'s audit, run in process through its stages.
@Suite("AuditPipeline: load, evaluate, adjudicate, record, render")
struct AuditPipelineTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let locator = ResourceLocator(home: repository)
    static let asOf = CalendarDate(year: 2026, month: 11, day: 30)!

    static func request(_ configure: (inout AuditRequest) -> Void = { _ in }) -> AuditRequest {
        var request = AuditRequest(today: asOf, workingDirectory: repository)
        request.asOf = asOf
        configure(&request)
        return request
    }

    @Test("the sample audits to Northwind's known gaps: findings of every grade, the run complete, the default ruleset and sample")
    func sample() async throws {
        let loaded = try AuditPipeline(request: Self.request()).load(locator: Self.locator)
        #expect(loaded.rulesets.map(\.id) == ["iso9001-2015-customer-improvement"])
        #expect(loaded.evidenceFolder.lastPathComponent == "northwind")
        let adjudicated = try await loaded.evaluate().adjudicate()
        #expect(!adjudicated.run.isIncomplete)
        #expect(Set(adjudicated.run.findings.map(\.grade)) == Set(Grade.allCases))
        #expect(adjudicated.baseline == .none)
        #expect(adjudicated.historyStore == nil)
        #expect(adjudicated.failingFindings(threshold: .minor, onlyNew: false) > 0)
        #expect(adjudicated.failingFindings(threshold: nil, onlyNew: false) == 0)
    }

    @Test("a folder that does not exist, a missing resource home and a profile for a ruleset not loaded are typed errors")
    func errors() throws {
        let missing = Self.request { $0.evidenceFolder = URL(fileURLWithPath: "/nonexistent/evidence") }
        #expect(throws: PipelineError.self) { try AuditPipeline(request: missing).load(locator: Self.locator) }
        #expect(throws: PipelineError.self) { try AuditPipeline(request: Self.request()).load(locator: nil) }
        let profile = Self.request {
            $0.rulesets = [Self.repository.appendingPathComponent("Rulesets/cx-starter.xml")]
            $0.profiles = [Self.repository.appendingPathComponent("Rulesets/profiles/iso9001-small-organization.xml")]
        }
        do {
            _ = try AuditPipeline(request: profile).load(locator: Self.locator)
            Issue.record("a profile of a ruleset that is not loaded must stop the audit")
        } catch {
            guard case .criteria = error else {
                Issue.record("expected a criteria error, got \(error)")
                return
            }
        }
    }

    @Test("a ruleset given twice is left out and reported; the run says it is incomplete")
    func duplicateRuleset() async throws {
        let ruleset = Self.repository.appendingPathComponent("Rulesets/cx-starter.xml")
        let loaded = try AuditPipeline(request: Self.request { $0.rulesets = [ruleset, ruleset] }).load(locator: Self.locator)
        #expect(loaded.rulesets.count == 1)
        #expect(loaded.rulesetFailures.first?.message.contains("already loaded") == true)
        let run = try await loaded.evaluate().adjudicate().run
        #expect(run.isIncomplete)
    }

    @Test("a baseline of the run itself leaves every finding unchanged, and only-new findings decide nothing")
    func baseline() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try await AuditPipeline(request: Self.request()).load(locator: Self.locator).evaluate().adjudicate()
        let json = try first.render([.json], generatedAt: ReportTimestamp(secondsSinceEpoch: 0), colors: false)
        let baselineFile = folder.appendingPathComponent("baseline.json")
        try json[0].data.write(to: baselineFile)
        let second = try await AuditPipeline(request: Self.request { $0.baseline = baselineFile }).load(locator: Self.locator).evaluate()
            .adjudicate()
        #expect(second.baseline == .compared)
        #expect(second.run.findings.allSatisfy { $0.baseline == .unchanged })
        #expect(second.failingFindings(threshold: .ofi, onlyNew: true) == 0)
        #expect(second.failingFindings(threshold: .ofi, onlyNew: false) > 0)
    }

    /// The sample's audit, recording history in a store in `folder` (created).
    static func recordingAudit(in folder: URL) async throws -> (AdjudicatedAudit, URL) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("history.sqlite")
        let audit = try await AuditPipeline(request: Self.request {
            $0.recordsHistory = true
            $0.historyStore = .file(store)
        }).load(locator: Self.locator).evaluate().adjudicate()
        return (audit, store)
    }

    @Test("recording puts the run in the history store the request names")
    func history() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pipeline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (audit, store) = try await Self.recordingAudit(in: folder)
        let recorded = try #require(try audit.record(at: Date(timeIntervalSince1970: 1_796_000_000)))
        #expect(recorded.store == .file(store))
        #expect(FileManager.default.fileExists(atPath: store.path))
    }

    @Test("recorded runs reach the reports as plain values, oldest first, ending with this run; none without history")
    func recordedRunsReachReports() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pipeline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (audit, _) = try await Self.recordingAudit(in: folder)
        _ = try audit.record(at: Date(timeIntervalSince1970: 1_796_000_000))
        _ = try audit.record(at: Date(timeIntervalSince1970: 1_796_086_400))
        let runs = try #require(try audit.recordedRuns())
        #expect(runs.map(\.number) == [1, 2])
        #expect(runs.allSatisfy { $0.asOf == Self.asOf && $0.conformityScore == audit.run.conformityScore })
        let clause = try #require(audit.run.clauses.first)
        #expect(runs.last?.verdict(rulesetId: clause.rulesetId, clause: clause.number) == clause.verdict)
        #expect(runs.last?.clauses.count == audit.run.clauses.count)

        let rendered = try audit.render([.html, .markdown], generatedAt: ReportTimestamp(secondsSinceEpoch: 0), colors: false, history: runs)
        let page = String(decoding: rendered[0].data, as: UTF8.self)
        #expect(page.components(separatedBy: "<th class=\"run\">").count - 1 == 2)
        #expect(String(decoding: rendered[1].data, as: UTF8.self).contains("| | 2026-11-30 #1 | 2026-11-30 #2 |"))

        let unrecorded = try await AuditPipeline(request: Self.request()).load(locator: Self.locator).evaluate().adjudicate()
        #expect(try unrecorded.recordedRuns() == nil)
    }

    /// A private copy of the Northwind sample that a test may change.
    final class SampleCopy {
        let folder: URL

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pipeline-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: AuditPipelineTests.repository.appendingPathComponent("Evidence/northwind"), to: folder)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func write(_ name: String, _ text: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url
        }
    }

    static let waiver = """
        <waivers xmlns="urn:cxaudit:waivers:1">
          <waiver id="W-1" rule="ISO9001-9.3-01" approver="Helen Marsh" expires="2026-12-15">
            <justification>Management review moved to 10 December; agreed with the certification body.</justification>
          </waiver>
        </waivers>
        """

    @Test("a waiver covers the only major finding until it expires; then the finding counts again")
    func waiverExpires() async throws {
        let sample = try SampleCopy()
        let waivers = try sample.write("waivers.xml", Self.waiver)
        func audit(asOf: CalendarDate) async throws -> AdjudicatedAudit {
            try await AuditPipeline(request: Self.request {
                $0.evidenceFolder = sample.folder
                $0.waivers = [waivers]
                $0.asOf = asOf
            }).load(locator: Self.locator).evaluate().adjudicate()
        }
        let before = try await audit(asOf: Self.asOf)
        #expect(before.run.findings.filter { $0.waiver != nil }.map { $0.waiver?.id } == ["W-1"])
        #expect(before.failingFindings(threshold: .major, onlyNew: false) == 0)
        let after = try await audit(asOf: CalendarDate(year: 2026, month: 12, day: 16)!)
        #expect(after.failingFindings(threshold: .major, onlyNew: false) > 0)
        let console = try after.render([.console], generatedAt: ReportTimestamp(secondsSinceEpoch: 0), colors: false)
        #expect(String(decoding: console[0].data, as: UTF8.self).contains("waiver W-1 expired on 2026-12-15; its 1 finding(s) for ISO9001-9.3-01 count again"))
    }

    @Test("a waiver for a rule that does not exist stops the audit before it starts, naming the file and line")
    func waiverForUnknownRule() throws {
        let sample = try SampleCopy()
        let waivers = try sample.write("waivers.xml", Self.waiver.replacingOccurrences(of: "ISO9001-9.3-01", with: "ISO9001-9.9-99"))
        let request = Self.request {
            $0.evidenceFolder = sample.folder
            $0.waivers = [waivers]
        }
        do {
            _ = try AuditPipeline(request: request).load(locator: Self.locator)
            Issue.record("an unknown rule in a waiver must stop the audit")
        } catch {
            guard case .criteria = error else {
                Issue.record("expected a criteria error, got \(error)")
                return
            }
            #expect(error.errorDescription?.contains("waivers.xml:2:3: error: waiver W-1 names rule 'ISO9001-9.9-99'") == true)
        }
    }

    @Test("after fixing one gap, a run against the first run's results reports exactly one resolved finding and nothing new")
    func baselineAfterFix() async throws {
        let sample = try SampleCopy()
        let first = try await AuditPipeline(request: Self.request { $0.evidenceFolder = sample.folder }).load(locator: Self.locator).evaluate()
            .adjudicate()
        let baseline = sample.folder.appendingPathComponent("baseline.json")
        try first.render([.json], generatedAt: ReportTimestamp(secondsSinceEpoch: 0), colors: false)[0].data.write(to: baseline)
        // Fix the dangling corrective-action reference in the complaints log.
        let log = sample.folder.appendingPathComponent("complaints/complaints-log-2026.csv")
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("CAPA-2026-019"))
        try Data(text.replacingOccurrences(of: ",CAPA-2026-019", with: ",").utf8).write(to: log)

        let second = try await AuditPipeline(request: Self.request {
            $0.evidenceFolder = sample.folder
            $0.baseline = baseline
        }).load(locator: Self.locator).evaluate().adjudicate()
        let comparison = try #require(second.run.baseline)
        #expect(comparison.resolvedFindings.map(\.ruleId) == ["ISO9001-10.2-02"])
        #expect(comparison.newFindings.isEmpty)
        #expect(comparison.unchangedFindings.count == 19)
        #expect(second.failingFindings(threshold: .minor, onlyNew: true) == 0)
        #expect(second.failingFindings(threshold: .minor, onlyNew: false) > 0, "the known findings still decide without only-new")
    }

    @Test("the same inputs give byte-identical reports in every format, with one job or two")
    func reproducibleReports() async throws {
        func reports(jobs: Int) async throws -> [(format: ReportFormat, data: Data)] {
            try await AuditPipeline(request: Self.request { $0.jobs = jobs }).load(locator: Self.locator).evaluate().adjudicate()
                .render(ReportFormat.allCases.filter { $0 != .console }, generatedAt: ReportTimestamp(secondsSinceEpoch: 1_796_025_600), colors: false)
        }
        let one = try await reports(jobs: 1)
        let two = try await reports(jobs: 2)
        #expect(one.count == ReportFormat.allCases.count - 1)
        for (first, second) in zip(one, two) {
            #expect(first.data == second.data, "\(first.format.rawValue) differs between runs")
            #expect(!first.data.isEmpty)
        }
    }
}
