import AuditEngine
import AuditEvidence
import AuditModel
import CalendarDates
import Foundation
import Testing

/// Northwind's evidence kept the ways real organizations keep it (issue "Evidence
/// contracts"): each variation either audits exactly like the sample once the register
/// declares the mapping or convention, or gives an error or a warning that names the
/// problem — never a pass that hides a gap.
@Suite("Sample variations: renamed columns, conventions, other formats, misspelt types")
struct SampleVariationTests {
    /// A copy of Northwind to change, audited under the default ruleset as `cxaudit check` does.
    struct Variant {
        let folder: TemporaryFolder
        var evidence: URL { folder.url }

        init() throws {
            folder = try TemporaryFolder()
            let source = resources.defaultEvidence
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.url.appendingPathComponent(name))
            }
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = evidence.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the variation must change \(path)")
            try Data(changed.utf8).write(to: url)
        }

        func replace(_ path: String, withFixture fixture: String) throws {
            try? FileManager.default.removeItem(at: evidence.appendingPathComponent(path))
            try FileManager.default.copyItem(
                at: fixturesFolder.appendingPathComponent("variations/\(fixture)"), to: evidence.appendingPathComponent(path))
        }

        /// Changes item `id`'s attributes in the register: `replacing` text inside its start tag, and `children` inside it.
        func editItem(_ id: String, replacing: [(String, String)] = [], children: String = "") throws {
            try edit("evidence-register.xml") { register in
                var lines = register.components(separatedBy: "\n")
                guard let index = lines.firstIndex(where: { $0.contains("<item id=\"\(id)\"") }) else { return register }
                for (from, to) in replacing { lines[index] = lines[index].replacingOccurrences(of: from, with: to) }
                if !children.isEmpty { lines[index] = lines[index].replacingOccurrences(of: "\">", with: "\">\(children)", options: [], range: nil) }
                return lines.joined(separator: "\n")
            }
        }

        func run() async throws -> AuditRun {
            try await SampleVariationTests.audit(evidence)
        }
    }

    static func audit(_ evidence: URL) async throws -> AuditRun {
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(resources.defaultRuleset, displayName: "iso9001.xml")
        var options = AuditOptions(asOf: CalendarDate(year: 2026, month: 11, day: 30)!)
        options.knownEvidenceTypes = resources.shippedEvidenceTypes
        return try await Auditor(options: options).run(
            rulesets: [ruleset], folder: EvidenceFolder(root: evidence), registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
    }

    /// What must not change: every result's status, and every finding's fingerprint and statement.
    static func outcome(_ run: AuditRun) -> [String] {
        run.results.map { "\($0.ruleId) \($0.itemId ?? "-") \($0.status.rawValue)" } + run.findings.map { "\($0.id) \($0.statement)" }
    }

    static let baseline = Task { try await audit(resources.defaultEvidence) }

    /// Every gap the sample shows on `item` (or on its type as a whole) is still shown: those
    /// rules fail or give an error there, never pass.
    static func noGapVanishes(on item: String, type: String, in run: AuditRun) async throws {
        let sample = try await baseline.value
        func concerns(_ result: RuleResult) -> Bool {
            result.itemId == item || (result.itemId == nil && result.evidenceType == type)
        }
        let failing = Set(sample.results.filter { concerns($0) && $0.status == .fail }.map(\.ruleId))
        #expect(!failing.isEmpty)
        for rule in failing {
            let statuses = run.results.filter { $0.ruleId == rule && concerns($0) }.map(\.status)
            #expect(!statuses.isEmpty && !statuses.contains(.pass), "\(rule) on \(item): \(statuses)")
        }
    }

    @Test("a renamed column no alias covers is an error naming the field and the register line; with that <map> the findings equal the sample's")
    func renamedResolved() async throws {
        let variant = try Variant()
        try variant.edit("complaints/complaints-log-2026.csv") { $0.replacingOccurrences(of: ",Resolved,", with: ",Finished on,") }
        let run = try await variant.run()
        let onLog = run.results.filter { $0.itemId == "CL-2026" }
        #expect(!onLog.isEmpty && onLog.allSatisfy { $0.status == .error })
        let statement = try #require(onLog.first?.statement)
        #expect(statement.contains("required field 'resolved' is missing"))
        #expect(statement.contains("<map field=\"resolved\" column=\"Finished on\"/>"))
        #expect(statement.contains("evidence-register.xml:22"))
        #expect(!run.findings.contains { $0.evidence.itemId == "CL-2026" })

        try variant.editItem("CL-2026", children: "<map field=\"resolved\" column=\"Finished on\"/>")
        #expect(Self.outcome(try await variant.run()) == Self.outcome(try await Self.baseline.value))
    }

    @Test("headers organizations use for the same field ('Date closed', 'Date resolved') are read through the contract's aliases", arguments: ["Date closed", "Date resolved"])
    func aliasedResolved(header: String) async throws {
        let variant = try Variant()
        try variant.edit("complaints/complaints-log-2026.csv") { $0.replacingOccurrences(of: ",Resolved,", with: ",\(header),") }
        #expect(Self.outcome(try await variant.run()) == Self.outcome(try await Self.baseline.value))
    }

    @Test("a renamed acknowledgement column gives errors, not hundreds of 'no acknowledgement date' findings")
    func renamedAcknowledged() async throws {
        let variant = try Variant()
        try variant.edit("complaints/complaints-log-2026.csv") { $0.replacingOccurrences(of: ",Acknowledged,", with: ",Ack sent,") }
        let run = try await variant.run()
        #expect(run.results.filter { $0.itemId == "CL-2026" }.allSatisfy { $0.status == .error })
        #expect(!run.findings.contains { $0.evidence.itemId == "CL-2026" })
        #expect(run.results.first { $0.itemId == "CL-2026" }?.statement.contains("'acknowledged'") == true)
    }

    @Test("a survey wave registered under a misspelt type is named, with the type it was meant to be")
    func misspeltSurveyType() async throws {
        let variant = try Variant()
        try variant.editItem("CSAT-2026-Q3", replacing: [("type=\"satisfaction-survey\"", "type=\"customer-survey\"")])
        let run = try await variant.run()
        let warning = try #require(run.diagnostics.first { $0.message.contains("CSAT-2026-Q3") })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("did you mean 'satisfaction-survey'"))
    }

    @Test("day-first dates audit exactly like ISO dates once the register declares date-format; undeclared, no gap vanishes")
    func dayFirstDates() async throws {
        let variant = try Variant()
        let dayFirst = try NSRegularExpression(pattern: "(\\d{4})-(\\d{2})-(\\d{2})")
        try variant.edit("complaints/complaints-log-2026.csv") { text in
            dayFirst.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$3/$2/$1")
        }
        let undeclared = try await variant.run()
        try await Self.noGapVanishes(on: "CL-2026", type: "complaints-log", in: undeclared)
        #expect(undeclared.findings.contains { $0.statement.contains("cannot be checked") && $0.statement.contains("/2026'") })
        #expect(undeclared.diagnostics.contains { $0.message.contains("date-format=\"DD/MM/YYYY\"") })

        try variant.editItem("CL-2026", replacing: [("format=\"csv\"", "format=\"csv\" date-format=\"DD/MM/YYYY\"")])
        #expect(Self.outcome(try await variant.run()) == Self.outcome(try await Self.baseline.value))
    }

    @Test("objective values with a decimal comma audit like the sample once declared; undeclared, no gap vanishes")
    func decimalCommaObjectives() async throws {
        let variant = try Variant()
        try variant.replace("objectives/quality-objectives-2026.xlsx", withFixture: "objectives-decimal-comma.xlsx")
        let undeclared = try await variant.run()
        // The sample has no gap here; the rules reading measured values must not pass on values they cannot read.
        for rule in ["ISO9001-9.1.3-02", "ISO9001-10.3-02"] {
            let statuses = undeclared.results.filter { $0.ruleId == rule }.map(\.status)
            #expect(!statuses.isEmpty && statuses.allSatisfy { $0 == .error || $0 == .fail }, "\(rule): \(statuses)")
        }
        #expect(undeclared.diagnostics.contains { $0.message.contains("'81,6'") && $0.message.contains("decimal-separator") })

        try variant.editItem("OBJ-2026", replacing: [("format=\"xlsx\"", "format=\"xlsx\" decimal-separator=\",\"")])
        let declared = try await variant.run()
        #expect(Self.outcome(declared).filter { !$0.contains("OBJ-2026") } == Self.outcome(try await Self.baseline.value).filter { !$0.contains("OBJ-2026") })
        #expect(declared.results.filter { $0.itemId == "OBJ-2026" }.map(\.status)
            == (try await Self.baseline.value).results.filter { $0.itemId == "OBJ-2026" }.map(\.status))
        #expect(declared.findings.map(\.id) == (try await Self.baseline.value).findings.map(\.id))
    }

    @Test("an objectives tracker whose Objectives sheet holds only its header fails every rule reading it as 'no records'")
    func headerOnlyObjectives() async throws {
        let variant = try Variant()
        try variant.replace("objectives/quality-objectives-2026.xlsx", withFixture: "objectives-header-only.xlsx")
        let run = try await variant.run()
        // ISO9001-6.2-04 is a freshness check: it judges the date the register gives the tracker, not its records.
        let onTracker = run.results.filter { ($0.itemId == "OBJ-2026" || $0.evidenceType == "quality-objectives") && $0.ruleId != "ISO9001-6.2-04" }
        #expect(!onTracker.isEmpty && onTracker.allSatisfy { $0.status == .fail || $0.status == .notchecked })
        #expect(run.findings.contains { $0.statement.contains("No records: item OBJ-2026 holds no records in its sheet 'Objectives'") })
    }

    @Test(
        "the complaints log kept as an Excel workbook or a help desk's JSON export audits exactly like the CSV",
        arguments: [("complaints-log-2026.xlsx", "xlsx", ""), ("complaints-log-2026.json", "json", " records=\"/tickets\"")])
    func complaintsLogFormats(fixture: String, format: String, attributes: String) async throws {
        let variant = try Variant()
        let file = "complaints/\(fixture)"
        try variant.replace(file, withFixture: fixture)
        try variant.editItem(
            "CL-2026",
            replacing: [("complaints/complaints-log-2026.csv", file), ("format=\"csv\"", "format=\"\(format)\"\(attributes)")])
        let run = try await variant.run()
        let sample = try await Self.baseline.value
        #expect(run.results.map(\.status) == sample.results.map(\.status))
        // Findings come in file order; a workbook's records have cells, not lines, so compare them as sets.
        #expect(Set(run.findings.map(\.id)) == Set(sample.findings.map(\.id)))
        #expect(Set(run.findings.map(\.statement)) == Set(sample.findings.map(\.statement)))
        #expect(run.findings.count == sample.findings.count)
        #expect(run.diagnostics.isEmpty)
    }

    @Test("'Yes' for 'yes' reads as the contract's value")
    func capitalisedYes() async throws {
        let variant = try Variant()
        try variant.edit("context/risk-register.csv") { $0.replacingOccurrences(of: ",yes,", with: ",Yes,") }
        #expect(Self.outcome(try await variant.run()) == Self.outcome(try await Self.baseline.value))
    }

    @Test("a survey count written '1,400' is reported, and the rules reading it give an error instead of computing with NaN")
    func thousandsInSurvey() async throws {
        let variant = try Variant()
        try variant.edit("surveys/csat-2026-q1.xml") { $0.replacingOccurrences(of: "<invited>400</invited>", with: "<invited>1,400</invited>") }
        let run = try await variant.run()
        #expect(run.diagnostics.contains { $0.message.contains("'1,400'") })
        #expect(!run.results.contains { $0.statement.contains("NaN") })
        #expect(!run.findings.contains { $0.statement.contains("NaN") })
        #expect(run.results.contains { $0.itemId == "CSAT-2026-Q1" && $0.status == .error })
    }

    @Test("a survey in an unexpected structure fails or errors on every rule reading it; no finding reads 'NaN%'")
    func unexpectedSurveyStructure() async throws {
        let variant = try Variant()
        try variant.edit("surveys/csat-2026-q2.xml") {
            $0.replacingOccurrences(of: "<response ", with: "<answer ").replacingOccurrences(of: "</response>", with: "</answer>")
        }
        let run = try await variant.run()
        let onWave = run.results.filter { $0.itemId == "CSAT-2026-Q2" }
        #expect(!onWave.isEmpty && onWave.allSatisfy { $0.status == .fail || $0.status == .error })
        #expect(!run.findings.contains { $0.statement.contains("NaN") })
        #expect(!run.results.contains { $0.statement.contains("NaN") })
    }
}
