import AuditModel
import Testing

@Suite("Rules and message templates")
struct RuleTests {
    static let here = SourceLocation(file: "rs.xml", line: 10)

    @Test("problems with a check are placed at the rule unless the check's own place is known")
    func checkLocation() {
        let check = RuleCheck.freshness(FreshnessCheck(evidenceType: "management-review", maxAge: ValueReference("P12M"), message: nil))
        func rule(_ checkLocation: AuditModel.SourceLocation?) -> Rule {
            Rule(
                id: "R-1", title: "Reviewed yearly", grade: .major, rationale: "", remediation: "", references: [], applicability: nil,
                check: check, clause: "9.3", location: Self.here, checkLocation: checkLocation)
        }
        #expect(rule(nil).checkLocation == Self.here)
        #expect(rule(SourceLocation(file: "rs.xml", line: 14)).checkLocation == SourceLocation(file: "rs.xml", line: 14))
    }

    @Test("a template splits into literal text and {expressions}", arguments: [
        ("No placeholders.", [MessageTemplate.Part.text("No placeholders.")]),
        ("{$late} of {$total} complaints were closed late",
         [.expression("$late"), .text(" of "), .expression("$total"), .text(" complaints were closed late")]),
        ("{a}{b}", [.expression("a"), .expression("b")]),
        ("Score {format-number(@score, '0.0')}.", [.text("Score "), .expression("format-number(@score, '0.0')"), .text(".")]),
        ("", []),
    ])
    func parts(text: String, expected: [MessageTemplate.Part]) {
        #expect(MessageTemplate(text, location: Self.here).parts == expected)
    }

    @Test("doubled braces are literal braces")
    func literalBraces() {
        #expect(MessageTemplate("{{set}} of {count(x)}}}", location: Self.here).parts == [.text("{set} of "), .expression("count(x)"), .text("}")])
    }

    @Test("an unbalanced brace makes the template unreadable", arguments: ["{$late of 3", "closed}", "a } b", "{a}}"])
    func unbalanced(text: String) {
        #expect(MessageTemplate(text, location: Self.here).parts == nil)
    }
}
