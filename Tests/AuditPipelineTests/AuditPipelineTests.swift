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
        #expect(!adjudicated.decidingFindings(threshold: .minor, onlyNew: false).isEmpty)
        #expect(adjudicated.decidingFindings(threshold: nil, onlyNew: false).isEmpty)
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
        #expect(second.decidingFindings(threshold: .ofi, onlyNew: true).isEmpty)
        #expect(!second.decidingFindings(threshold: .ofi, onlyNew: false).isEmpty)
    }

    @Test("recording puts the run in the history store the request names")
    func history() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("history.sqlite")
        let audit = try await AuditPipeline(request: Self.request {
            $0.recordsHistory = true
            $0.historyStore = store
        }).load(locator: Self.locator).evaluate().adjudicate()
        let recorded = try #require(try audit.record(at: Date(timeIntervalSince1970: 1_796_000_000)))
        #expect(recorded.store == store)
        #expect(FileManager.default.fileExists(atPath: store.path))
    }
}
