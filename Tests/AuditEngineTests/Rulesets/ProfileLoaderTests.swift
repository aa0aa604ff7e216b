import AuditEngine
import AuditEvidence
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("Profiles (tailoring)")
struct ProfileLoaderTests {
    static let ruleset = rulesetXML(
        parameters: #"<parameter name="min" type="integer" default="3"/>"#,
        ruleXML("COUNT", #"<aggregate evidence="log"><let name="n" value="count(/log/e)"/><expect test="$n &gt;= $min">Only {$n} entries, {$min} needed.</expect></aggregate>"#),
        ruleXML("OTHER", #"<records evidence="log" select="/log/e"><assert test="false()">Always fails.</assert></records>"#))

    static func profile(_ body: String) -> String {
        """
        <profile xmlns="urn:cxaudit:profile:1" id="p" version="1.0.0" ruleset="test">
          <title>P</title>
        \(body)
        </profile>
        """
    }

    static func load(_ body: String, in folder: TemporaryFolder) throws -> (Ruleset, Profile) {
        let ruleset = try loadRuleset(Self.ruleset, in: folder)
        let file = try folder.write("profile.xml", profile(body))
        let loaded = try ProfileLoader(schema: resources.profileSchema).load(file, for: [ruleset], displayName: "profile.xml")
        return (ruleset, loaded)
    }

    @Test("the shipped profiles load against the shipped rulesets; the sector profiles cite the rules their values come from")
    func shippedProfiles() throws {
        let loader = try RulesetLoader(schema: resources.rulesetSchema)
        let rulesets = try FileManager.default.contentsOfDirectory(atPath: resources.rulesetsFolder.path)
            .filter { $0.hasSuffix(".xml") && !$0.hasSuffix(".test.xml") }
            .map { try loader.load(resources.rulesetsFolder.appendingPathComponent($0)) }
        let folder = resources.rulesetsFolder.appendingPathComponent("profiles")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }
        #expect(files.count >= 4)
        var byId: [String: Profile] = [:]
        for file in files {
            let profile = try ProfileLoader(schema: resources.profileSchema).load(folder.appendingPathComponent(file), for: rulesets)
            #expect(rulesets.contains { $0.id == profile.rulesetId })
            byId[profile.id] = profile
        }
        let fca = try #require(byId["uk-financial-services-complaints"])
        #expect(fca.rulesetId == "iso10002-complaints")
        #expect(fca.references.contains { $0.hasPrefix("FCA Handbook DISP 1.6.2R") })
        #expect(fca.settings.map { "\($0.name)=\($0.value)" }.contains("final-response-days=56"))
        let asic = try #require(byId["au-financial-services-complaints"])
        #expect(asic.references.contains { $0.hasPrefix("ASIC Regulatory Guide 271") })
        #expect(asic.settings.map { "\($0.name)=\($0.value)" }.contains("final-response-days=30"))
    }

    @Test("<reference> elements say what the profile's values rest on; a profile may name none")
    func references() throws {
        let folder = try TemporaryFolder()
        let (_, profile) = try Self.load(
            """
              <reference>Regulator rule 1.2:   ten days</reference>
              <reference>Contract clause 7</reference>
              <set parameter="min" value="10"/>
            """, in: folder)
        #expect(profile.references == ["Regulator rule 1.2: ten days", "Contract clause 7"])
        #expect(try Self.load("", in: folder).1.references.isEmpty)
    }

    @Test("<systemic minor-findings> sets the escalation threshold; without it there is none; fewer than 2 is refused")
    func systemic() throws {
        let folder = try TemporaryFolder()
        #expect(try Self.load(#"<systemic minor-findings="3"/>"#, in: folder).1.systemicMinorFindings == 3)
        #expect(try Self.load("", in: folder).1.systemicMinorFindings == nil)
        #expect(throws: RulesetError.self) { try Self.load(#"<systemic minor-findings="1"/>"#, in: folder) }
    }

    @Test("unknown rules, clauses and parameters, and ill-typed values, are errors with their lines")
    func problems() throws {
        let folder = try TemporaryFolder()
        let body = """
              <deselect rule="NOPE" reason="r"/>
              <deselect clause="7.1" reason="r"/>
              <set parameter="missing" value="1"/>
              <set parameter="min" value="many"/>
            """
        let error = try #require(throws: RulesetError.self) { try Self.load(body, in: folder) }
        let lines = error.diagnostics.map { "\($0.location.line ?? 0): \($0.message)" }
        #expect(lines == [
            "3: ruleset test has no rule 'NOPE'",
            "4: ruleset test has no clause '7.1'",
            "5: ruleset test has no parameter 'missing'",
            "6: 'many' is not a valid integer for parameter 'min' (e.g. 30)",
        ])
    }

    @Test("a profile for a ruleset that is not loaded says which are")
    func wrongRuleset() throws {
        let folder = try TemporaryFolder()
        let ruleset = try loadRuleset(Self.ruleset, in: folder)
        let file = try folder.write("p.xml", Self.profile("").replacingOccurrences(of: "ruleset=\"test\"", with: "ruleset=\"other\""))
        let error = try #require(throws: RulesetError.self) {
            try ProfileLoader(schema: resources.profileSchema).load(file, for: [ruleset])
        }
        #expect(error.diagnostics.first?.message.contains("tailors ruleset 'other', which is not loaded (loaded: test)") == true)
    }

    @Test("deselected rules are reported as not checked with the reason; settings replace defaults")
    func tailoringApplies() async throws {
        let folder = try TemporaryFolder()
        let (ruleset, profile) = try Self.load(
            #"<deselect clause="9" reason="Not for us."/><select rule="COUNT"/><set parameter="min" value="1"/>"#, in: folder)
        try folder.write("evidence/log.xml", "<log><e/><e/></log>")
        try folder.write("evidence/evidence-register.xml", registerXML([TestItem(id: "L", type: "log", file: "log.xml", format: "xml", date: "2026-01-01")]))
        let run = try await Auditor(options: AuditOptions(asOf: CalendarDate(year: 2026, month: 6, day: 30)!)).run(
            rulesets: [ruleset], profiles: [profile], folder: EvidenceFolder(root: folder.url.appendingPathComponent("evidence")),
            registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
        #expect(run.results(for: "COUNT").map(\.status) == [.pass])
        let other = try #require(run.results(for: "OTHER").first)
        #expect(other.status == .notchecked)
        #expect(other.statement == "Not checked: deselected by profile p: Not for us.")
        #expect(run.findings.isEmpty)
        #expect(run.profiles.map(\.id) == ["p"])
        #expect(run.profiles.first?.parameters == ["min": "1"])
    }
}
