import AuditModel
import AuditPacks
import CalendarDates
import Foundation
import Testing

@Suite("PackLayout: input files get a place in the pack, and the run names them by it")
struct PackLayoutTests {
    static func run() -> AuditRun {
        var run = AuditRun(
            tool: ToolInfo(version: "1.0.0"), asOf: CalendarDate(year: 2026, month: 11, day: 30)!,
            rulesets: [
                RulesetInfo(id: "a", version: "1", title: "A", file: "/home/qm/rulesets/iso.xml", sha256: "1"),
                RulesetInfo(id: "b", version: "1", title: "B", file: "local/iso.xml", sha256: "2"),
            ],
            profiles: [
                ProfileInfo(id: "p", version: "1", title: "P", rulesetId: "a", file: "/srv/profiles/small.xml", sha256: "3", parameters: [:])
            ],
            evidence: EvidenceInfo(organization: "Org", register: "evidence-register.xml", items: []), clauses: [], results: [], findings: [],
            diagnostics: [
                Diagnostic(location: SourceLocation(file: "/home/qm/rulesets/broken.xml", line: 3), message: "not loaded"),
                Diagnostic(location: SourceLocation(file: "complaints/log.csv", line: 4), message: "odd row"),
            ])
        run.waivers = [
            Waiver(
                id: "W1", rulesetId: nil, ruleId: "R", itemId: nil, site: nil, recordKey: nil, justification: "j", approver: "qm", approved: nil,
                expires: CalendarDate(year: 2027, month: 1, day: 1)!, location: SourceLocation(file: "/etc/cxaudit/waivers.xml", line: 5))
        ]
        return run
    }

    @Test("rulesets, profiles and waivers go to their folders; a repeated name gets a suffix")
    func placement() {
        let layout = PackLayout(run: Self.run())
        #expect(layout.rulesets.map(\.entry) == ["rulesets/iso.xml", "rulesets/iso-2.xml"])
        #expect(layout.rulesets.map(\.sha256) == ["1", "2"])
        #expect(layout.profiles.map(\.entry) == ["profiles/small.xml"])
        #expect(layout.waiverFiles.map(\.entry) == ["waivers/waivers.xml"])
        #expect(layout.waiverFiles.map(\.source) == ["/etc/cxaudit/waivers.xml"])
        #expect(layout.register.entry == "evidence/evidence-register.xml")
        #expect(PackLayout.evidenceEntry("complaints/log.csv") == "evidence/complaints/log.csv")
        #expect(PackLayout.evidenceEntry("./complaints//log.csv") == "evidence/complaints/log.csv")
    }

    @Test("the packed run names inputs by their pack paths and keeps no absolute path")
    func packedRun() throws {
        let packed = PackLayout(run: Self.run()).packedRun
        #expect(packed.rulesets.map(\.file) == ["rulesets/iso.xml", "rulesets/iso-2.xml"])
        #expect(packed.profiles.map(\.file) == ["profiles/small.xml"])
        #expect(packed.waivers.map(\.location.file) == ["waivers/waivers.xml"])
        #expect(packed.diagnostics.map(\.location.file) == ["broken.xml", "complaints/log.csv"])
        let json = String(decoding: try JSONEncoder().encode(packed), as: UTF8.self)
        #expect(!json.contains("\"\\/") && !json.contains("\"/"), "no absolute path left: \(json)")
    }
}
