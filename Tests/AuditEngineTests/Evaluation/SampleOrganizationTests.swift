import AuditEngine
import AuditEvidence
import AuditModel
import CalendarDates
import Foundation
import Testing

/// Golden runs of every shipped ruleset against the generated organizations
/// (Evidence/tools/generate_sample.py): Northwind with a handful of deliberate gaps,
/// Kestrel that conforms, every-gap where every rule fails, and Harbour
/// (Evidence/tools/make_harbour.py), whose evidence is read only through its register's mappings.
///
/// Re-record the golden files after an intended change with `CXAUDIT_RECORD_GOLDEN=1 swift test`.
@Suite("Shipped rulesets on the sample organizations")
struct SampleOrganizationTests {
    static let asOf = CalendarDate(year: 2026, month: 11, day: 30)!
    static let organizations: [(name: String, folder: URL)] = [
        ("northwind", repositoryRoot.appendingPathComponent("Evidence/northwind")),
        ("kestrel", repositoryRoot.appendingPathComponent("Evidence/kestrel")),
        ("every-gap", fixturesFolder.appendingPathComponent("orgs/every-gap")),
        ("harbour", repositoryRoot.appendingPathComponent("Evidence/harbour")),
    ]

    /// Every shipped ruleset (ruleset tests and schemas excluded).
    static let rulesetFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: resources.rulesetsFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") && !$0.hasSuffix(".test.xml") }.sorted()
    }()

    static func run(_ rulesetFile: String, _ organization: URL, profile: String? = nil) async throws -> AuditRun {
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema)
            .load(resources.rulesetsFolder.appendingPathComponent(rulesetFile), displayName: rulesetFile)
        let profiles = try profile.map { name in
            [try ProfileLoader(schema: resources.profileSchema)
                .load(resources.rulesetsFolder.appendingPathComponent("profiles/\(name)"), for: [ruleset])]
        } ?? []
        return try await Auditor(options: AuditOptions(asOf: asOf)).run(
            rulesets: [ruleset], profiles: profiles, folder: EvidenceFolder(root: organization),
            registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
    }

    /// One line per finding: what a golden file and KNOWN-GAPS.md pin down.
    static func lines(_ run: AuditRun) -> [String] {
        run.findings.map { finding in
            [finding.ruleId, finding.grade.rawValue, finding.evidence.itemId ?? "-", finding.evidence.recordKey ?? "-"]
                .joined(separator: " | ")
        }.sorted()
    }

    static var arguments: [(String, String)] {
        rulesetFiles.flatMap { file in organizations.map { (file, $0.name) } }
    }

    @Test("each ruleset × organization gives exactly its golden findings and no errors", arguments: arguments)
    func golden(rulesetFile: String, organization: String) async throws {
        let folder = try #require(Self.organizations.first { $0.name == organization }).folder
        let run = try await Self.run(rulesetFile, folder)
        #expect(!run.results.contains { $0.status == .error }, "\(run.results.filter { $0.status == .error }.map(\.statement))")
        #expect(run.diagnostics.filter { $0.severity == .error }.isEmpty, "\(run.diagnostics)")
        let golden = fixturesFolder.appendingPathComponent("golden/\(rulesetFile.replacingOccurrences(of: ".xml", with: ""))/\(organization).txt")
        let actual = Self.lines(run).joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["CXAUDIT_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "golden \(golden.path) differs; re-record with CXAUDIT_RECORD_GOLDEN=1 if the change is intended")
    }

    @Test("the conforming organization has no finding at minor or above", arguments: rulesetFiles)
    func conformingIsClean(rulesetFile: String) async throws {
        let run = try await Self.run(rulesetFile, Self.organizations[1].folder)
        #expect(run.findings(atLeast: .minor).isEmpty, "\(Self.lines(run))")
    }

    @Test("every rule passes on the conforming organization and fails on every-gap", arguments: rulesetFiles)
    func everyRulePassesAndFails(rulesetFile: String) async throws {
        let conforming = try await Self.run(rulesetFile, Self.organizations[1].folder)
        let failing = try await Self.run(rulesetFile, Self.organizations[2].folder)
        let ruleIds = Set(conforming.results.map(\.ruleId))
        for ruleId in ruleIds.sorted() {
            let statuses = Set(conforming.results(for: ruleId).map(\.status))
            #expect(statuses.isSubset(of: [.pass, .notapplicable]) && statuses.contains(.pass) || statuses == [.notapplicable],
                    "\(ruleId) on the conforming organization: \(statuses)")
            #expect(failing.results(for: ruleId).contains { $0.status == .fail }, "\(ruleId) does not fail on every-gap")
        }
    }

    /// Every shipped profile with the file of the ruleset it tailors.
    static let profileFiles: [(profile: String, ruleset: String)] = [
        ("iso9001-certification-readiness.xml", "iso9001-2015-customer-improvement.xml"),
        ("iso9001-small-organization.xml", "iso9001-2015-customer-improvement.xml"),
        ("uk-financial-services-complaints.xml", "iso10002-complaints.xml"),
        ("au-financial-services-complaints.xml", "iso10002-complaints.xml"),
    ]

    @Test("every shipped profile is listed here with its ruleset")
    func profilesListed() throws {
        let shipped = try FileManager.default.contentsOfDirectory(atPath: resources.rulesetsFolder.appendingPathComponent("profiles").path)
            .filter { $0.hasSuffix(".xml") }.sorted()
        #expect(shipped == Self.profileFiles.map(\.profile).sorted())
    }

    @Test("under every shipped profile the conforming organization has no finding at minor or above", arguments: profileFiles.map(\.profile))
    func conformingUnderProfiles(profile: String) async throws {
        let ruleset = try #require(Self.profileFiles.first { $0.profile == profile }).ruleset
        let run = try await Self.run(ruleset, Self.organizations[1].folder, profile: profile)
        #expect(run.findings(atLeast: .minor).isEmpty, "\(Self.lines(run))")
        #expect(!run.results.contains { $0.status == .error })
    }

    @Test("under the certification-readiness profile the conforming organization is still clean")
    func certificationReadiness() async throws {
        let run = try await Self.run(
            "iso9001-2015-customer-improvement.xml", Self.organizations[1].folder, profile: "iso9001-certification-readiness.xml")
        #expect(run.findings.isEmpty, "\(Self.lines(run))")
        #expect(run.profiles.map(\.id) == ["certification-readiness"])
    }

    /// The findings table of a KNOWN-GAPS.md, one line per finding as `lines(_:)` writes them.
    static func documentedFindings(_ knownGaps: URL) throws -> [String] {
        let text = try String(contentsOf: knownGaps, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> String? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 7, cells[1].hasPrefix("ISO9001-") else { return nil }
            return [cells[1], cells[2], cells[3] == "—" ? "-" : cells[3], cells[5] == "—" ? "-" : cells[5]].joined(separator: " | ")
        }.sorted()
    }

    @Test("Northwind's findings under the default ruleset are exactly those listed in KNOWN-GAPS.md")
    func knownGaps() async throws {
        let run = try await Self.run("iso9001-2015-customer-improvement.xml", Self.organizations[0].folder)
        let documented = try Self.documentedFindings(resources.defaultEvidence.appendingPathComponent("KNOWN-GAPS.md"))
        #expect(documented == Self.lines(run))
    }

    @Test("Harbour's findings under the default ruleset are exactly those listed in its KNOWN-GAPS.md, read through mappings only")
    func harbourKnownGaps() async throws {
        let folder = try #require(Self.organizations.first { $0.name == "harbour" }).folder
        let run = try await Self.run("iso9001-2015-customer-improvement.xml", folder)
        // Only the items of the other rulesets' types (not examined by this one) may be mentioned.
        let problems = run.diagnostics.filter { !$0.message.contains("so this item is not examined") }
        #expect(problems.isEmpty, "\(problems)")
        #expect(!run.results.contains { $0.status == .error }, "\(run.results.filter { $0.status == .error }.map(\.statement))")
        let documented = try Self.documentedFindings(folder.appendingPathComponent("KNOWN-GAPS.md"))
        #expect(!documented.isEmpty)
        #expect(documented == Self.lines(run))
    }
}
