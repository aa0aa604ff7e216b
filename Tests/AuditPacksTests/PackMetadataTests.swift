import AuditModel
import AuditPacks
import Foundation
import Testing

@Suite("run.json: tool, inputs and their hashes, without host details")
struct PackMetadataTests {
    @Test("the sample pack's run.json names the tool, the audit and generation time, the ruleset and its hash, and each item's place")
    func sample() async throws {
        let run = try await SamplePack.run()
        let data = try #require(try SamplePack.entry("data/run.json", of: try await SamplePack.pack(signed: false)))
        let metadata = try JSONDecoder().decode(PackMetadata.self, from: data)
        #expect(metadata.packFormat == "2")
        #expect(metadata.tool.version == "1.0.0-test")
        #expect(metadata.generatedAt == "2026-11-30T08:00:00Z")
        #expect(metadata.asOf == "2026-11-30")
        #expect(metadata.organization == run.evidence.organization)
        #expect(metadata.rulesets.map(\.entry) == ["rulesets/iso9001-2015-customer-improvement.xml"])
        #expect(metadata.rulesets.first?.sha256 == run.rulesets.first?.sha256)
        #expect(metadata.rulesets.first?.version == run.rulesets.first?.version)
        #expect(metadata.register.entry == "evidence/evidence-register.xml")
        #expect(metadata.reports["html"] == "report/report.html")
        #expect(metadata.summary.findings["major"] == run.findings.filter { $0.grade == .major }.count)
        #expect(metadata.evidence.count == run.evidence.items.count)
        let log = try #require(metadata.evidence.first { $0.id == "CL-2026" })
        #expect(log.entry == "evidence/complaints/complaints-log-2026.csv")
        #expect(metadata.evidence.contains { $0.entry == nil }, "uncited items are listed without an entry")

        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains(SamplePack.repository.path))
        #expect(!text.contains(NSUserName()) || NSUserName().count < 4)
        #expect(text.hasSuffix("}\n"))
    }
}
