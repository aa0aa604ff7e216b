@testable import AuditEngine
import AuditModel
import Testing

@Suite("Validating a rule's values")
struct RuleValidationTests {
    @Test("types are named with their article")
    func article() {
        #expect(RuleValidation.article("integer") == "an integer")
        #expect(RuleValidation.article("duration") == "a duration")
    }

    @Test("value attributes are durations, counts of zero or more, or numbers")
    func valueForms() {
        #expect(RuleValidation.isDuration("P6M") && !RuleValidation.isDuration("six months"))
        #expect(RuleValidation.isCount("0") && RuleValidation.isCount("12") && !RuleValidation.isCount("-1") && !RuleValidation.isCount("1.5"))
        #expect(RuleValidation.isNumber("-0.5") && !RuleValidation.isNumber("5%"))
    }

    @Test("problems are collected at their place, each naming the rule")
    func problems() {
        let rule = ModelFixture.rule("R-9", check: ModelFixture.presence())
        var validation = RuleValidation(rule: rule, ruleset: ModelFixture.ruleset(rules: [rule], parameters: [ModelFixture.parameter("n", .integer, "1")]))
        #expect(validation.parameters == ["n"])
        validation.xpath(XPathText("$n + $m", location: SourceLocation(file: "rs.xml", line: 7)), validation.parameters, "select")
        validation.message(MessageTemplate("{unbalanced", location: SourceLocation(file: "rs.xml", line: 8)), [])
        #expect(validation.problems.map { "\($0.location.line ?? 0): \($0.message)" } == [
            "7: rule R-9: select '$n + $m': undefined variable $m",
            "8: rule R-9: message has an unbalanced '{' or '}' (write {{ or }} for a literal brace)",
        ])
    }
}
