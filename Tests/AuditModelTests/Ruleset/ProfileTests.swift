import AuditModel
import Testing

@Suite("Profiles")
struct ProfileTests {
    typealias Selection = Profile.Selection

    func profile(_ selections: [Selection]) -> Profile {
        Profile(
            id: "small-site", version: "1.0.0", title: "Small site", description: "", rulesetId: "rs", file: "small.xml", sha256: "c",
            selections: selections, settings: [])
    }

    func select(_ target: Selection.Target, _ selected: Bool, _ reason: String? = nil) -> Selection {
        Selection(target: target, selected: selected, reason: reason, location: SourceLocation(file: "small.xml"))
    }

    @Test("a profile without selections keeps every rule")
    func keepsEverything() {
        #expect(profile([]).deselectionReason(rule: "R-1", clause: "9.1.2") == nil)
    }

    @Test("a deselected rule gives the profile's reason, or 'deselected' when it gives none")
    func deselectedRule() {
        let tailored = profile([select(.rule("R-1"), false, "No design work on this site."), select(.rule("R-2"), false)])
        #expect(tailored.deselectionReason(rule: "R-1", clause: "8.3") == "No design work on this site.")
        #expect(tailored.deselectionReason(rule: "R-2", clause: "8.3") == "deselected")
        #expect(tailored.deselectionReason(rule: "R-3", clause: "8.3") == nil)
    }

    @Test("deselecting a clause leaves out its rules and its subclauses' rules, not clauses that only share a prefix")
    func deselectedClause() {
        let tailored = profile([select(.clause("9.1"), false, "Measured elsewhere.")])
        #expect(tailored.deselectionReason(rule: "R-1", clause: "9.1") == "Measured elsewhere.")
        #expect(tailored.deselectionReason(rule: "R-2", clause: "9.1.2") == "Measured elsewhere.")
        #expect(tailored.deselectionReason(rule: "R-3", clause: "9.10") == nil)
        #expect(tailored.deselectionReason(rule: "R-4", clause: "9") == nil)
    }

    @Test("selections apply in document order: a rule of a deselected clause can be selected again, and the reverse")
    func documentOrder() {
        let reselected = profile([select(.clause("9.1"), false, "Out of scope."), select(.rule("R-2"), true)])
        #expect(reselected.deselectionReason(rule: "R-1", clause: "9.1.2") == "Out of scope.")
        #expect(reselected.deselectionReason(rule: "R-2", clause: "9.1.2") == nil)

        let deselectedLast = profile([select(.rule("R-2"), true), select(.clause("9.1"), false, "Out of scope.")])
        #expect(deselectedLast.deselectionReason(rule: "R-2", clause: "9.1.2") == "Out of scope.")
    }
}
