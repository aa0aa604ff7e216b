import AuditEvidence
import AuditModel
import CalendarDates
import Foundation
import LibXML
import Testing

@testable import AuditEngine

/// `cxaudit evidence init`'s proposal, tried on the sample organizations with their
/// registers deleted: after the one edit the guide describes (keeping in <scope> the
/// activities the organization performs), the proposed register audits like the shipped one.
@Suite("RegisterProposal: a register proposed from a folder of exports")
struct RegisterProposalTests {
    static let asOf = CalendarDate(year: 2026, month: 11, day: 30)!

    static func rulesets() throws -> (selected: [Ruleset], shipped: [Ruleset]) {
        let loader = try RulesetLoader(schema: resources.rulesetSchema)
        return (
            [try loader.load(resources.defaultRuleset, displayName: "iso9001.xml")],
            try resources.shippedRulesets.map { try loader.load($0, displayName: $0.lastPathComponent) }
        )
    }

    static func audit(_ folder: URL, rulesets: [Ruleset]) async throws -> AuditRun {
        var options = AuditOptions(asOf: asOf)
        options.knownEvidenceTypes = resources.shippedEvidenceTypes
        return try await Auditor(options: options).run(
            rulesets: rulesets, folder: EvidenceFolder(root: folder), registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
    }

    @Test("the proposal for a sample without its register audits to the same results and findings", arguments: ["northwind", "kestrel"])
    func sampleRoundTrip(_ organization: String) async throws {
        let source = resources.home.appendingPathComponent("Evidence/\(organization)")
        let workspace = try TemporaryFolder()
        let folder = workspace.url.appendingPathComponent(organization)
        try FileManager.default.copyItem(at: source, to: folder)
        let register = folder.appendingPathComponent(EvidenceFolder.registerFileName)
        try FileManager.default.removeItem(at: register)
        let (selected, shipped) = try Self.rulesets()
        let proposal = RegisterProposal(folder: folder, rulesets: selected, knownRulesets: shipped, today: Self.asOf)
        #expect(proposal.unplaced.isEmpty, "\(proposal.unplaced)")
        #expect(proposal.missingTypes.isEmpty)
        #expect(proposal.placements.allSatisfy { $0.confidence == 1 })
        var document = proposal.registerXML(organization: organization)
        // The guide's one edit: keep in <scope> the activities the organization performs.
        let shippedRegister = try EvidenceRegisterLoader(schema: resources.registerSchema).loadDocument(from: EvidenceFolder(root: source))
        let activities = try XPathContext(document: shippedRegister.document, environment: XPathEnvironment(asOf: Self.asOf))
            .evaluate("/evidence-register/organization/scope/activity").nodes.map(\.stringValue)
        for activity in activities {
            document = document.replacingOccurrences(of: "<!-- <activity>\(activity)</activity> -->", with: "<activity>\(activity)</activity>")
        }
        try Data(document.utf8).write(to: register)

        let proposed = try await Self.audit(folder, rulesets: selected)
        let original = try await Self.audit(source, rulesets: selected)
        #expect(proposed.diagnostics.isEmpty, "\(proposed.diagnostics)")
        #expect(proposed.results.map { "\($0.ruleId) \($0.status.rawValue)" }.sorted() == original.results.map { "\($0.ruleId) \($0.status.rawValue)" }.sorted())
        #expect(proposed.findings.map { "\($0.ruleId) \($0.statement)" }.sorted() == original.findings.map { "\($0.ruleId) \($0.statement)" }.sorted())
    }

    @Test("the third sample, kept as other tools export it: every file placed, columns matched by words and by values, Y/N and 0/1 answers mapped")
    func exportsOfOtherTools() throws {
        let workspace = try TemporaryFolder()
        let folder = workspace.url.appendingPathComponent("harbour")
        try FileManager.default.copyItem(at: resources.home.appendingPathComponent("Evidence/harbour"), to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(EvidenceFolder.registerFileName))
        let (selected, shipped) = try Self.rulesets()
        let proposal = RegisterProposal(folder: folder, rulesets: selected, knownRulesets: shipped, today: Self.asOf)
        #expect(proposal.unplaced.isEmpty, "\(proposal.unplaced)")
        #expect(proposal.missingTypes.isEmpty)
        func placement(_ file: String) throws -> RegisterProposal.Placement {
            try #require(proposal.placements.first { $0.item.file == file })
        }
        let reviews = try placement("requirements/job-checks-2026.csv")
        #expect(reviews.item.type == "requirement-reviews")
        #expect(reviews.item.mapping(for: "order")?.column == "Job no")
        #expect(reviews.item.mapping(for: "reviewed")?.column == "Checked on")
        #expect(reviews.mappingReasons["reviewed"] == "the only date column left")
        #expect(reviews.item.mapping(for: "requirements-confirmed")?.values == ["Y": "yes", "N": "no"])
        let bags = try placement("operations/job-bags.csv")
        #expect(bags.item.mapping(for: "property-id")?.column == "Job bag")
        #expect(bags.mappingReasons["property-id"] == "the only reference column left")
        // Two date columns for "customer-informed": left for a person (docs/getting-started.md).
        #expect(bags.item.mapping(for: "customer-informed") == nil)
        let tickets = try placement("complaints/helpdesk-complaints-2026.json")
        #expect(tickets.item.mapping(for: "acknowledged")?.column == "Ack sent")
        // Every ticket says 0; the 1 a reopened ticket will hold is mapped too.
        #expect(tickets.item.mapping(for: "reopened")?.values == ["0": "no", "1": "yes"])
        let document = proposal.registerXML(organization: "harbour")
        #expect(document.contains(#"<map field="property-id" column="Job bag"/> <!-- guess: the only reference column left -->"#))
        #expect(document.contains(#"      <value from="1" to="yes"/> <!-- guess: a yes/no answer -->"#))
    }

    @Test("a help desk's day-first export with its own headers is placed, with the <map>s and date layout it needs")
    func helpDeskExport() throws {
        let workspace = try TemporaryFolder()
        try workspace.write(
            "exports/complaints.csv",
            "Ticket ID,Created,Date Acknowleged,Closed on,Root cause,CAPA\nT-1,02/11/2026,03/11/2026,20/11/2026,Courier,\nT-2,13/11/2026,14/11/2026,,,\n")
        let (selected, shipped) = try Self.rulesets()
        let proposal = RegisterProposal(folder: workspace.url.appendingPathComponent("exports"), rulesets: selected, knownRulesets: shipped, today: Self.asOf)
        let placement = try #require(proposal.placements.first)
        #expect(placement.item.type == "complaints-log")
        #expect(placement.item.conventions.dateFormat == .dayMonthYearSlash)
        #expect(placement.item.mapping(for: "acknowledged")?.column == "Date Acknowleged")
        #expect(placement.item.date == CalendarDate(year: 2026, month: 11, day: 20))
        let document = proposal.registerXML(organization: "Help desk")
        #expect(document.contains(#"date-format="DD/MM/YYYY""#))
        #expect(document.contains(#"<map field="acknowledged" column="Date Acknowleged"/> <!-- guess: the closest column -->"#))
        #expect(proposal.missingTypes.contains("satisfaction-survey"))
    }

    @Test("dates in file names and activities in applicability conditions are read")
    func helpers() {
        #expect(RegisterProposal.date(inName: "management-review/mr-2025-10-14.docx") == CalendarDate(year: 2025, month: 10, day: 14))
        #expect(RegisterProposal.date(inName: "complaints-log-2026.csv") == nil)
        #expect(RegisterProposal.activities(in: "/evidence-register/organization/scope/activity = 'handling-customer-property'") == ["handling-customer-property"])
        #expect(RegisterProposal.activities(in: "not(//exclusion/@activity = \"design-and-development\")") == ["design-and-development"])
    }
}
