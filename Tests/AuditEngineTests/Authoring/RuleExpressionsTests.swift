@testable import AuditEngine
import AuditModel
import Testing

@Suite("What a rule reads")
struct RuleExpressionsTests {
    static let here = SourceLocation(file: "rs.xml", line: 5)
    static func x(_ expression: String) -> XPathText { XPathText(expression, location: here) }
    static func m(_ text: String) -> MessageTemplate { MessageTemplate(text, location: here) }

    static let records = Rule(
        id: "R", title: "R", grade: .minor, rationale: "", remediation: "", references: [],
        applicability: Applicability(test: x("//scope/activity = 'design'"), description: "design in scope"),
        check: .records(
            RecordCheck(
                evidenceType: "complaints-log", select: x("/table/record[status = 'closed']"), key: x("complaint-id"),
                bindings: [Binding(name: "days", value: x("cx:days-between(received, resolved)"))],
                assertions: [RecordAssertion(form: .assert, test: x("$days <= $target"), message: m("{complaint-id} took {$days} days"), grade: nil)])),
        clause: "8.2.1", location: here)

    static let reference = Rule(
        id: "X", title: "X", grade: .minor, rationale: "", remediation: "", references: [], applicability: nil,
        check: .crossReference(
            CrossReferenceCheck(
                evidenceType: "complaints-log", select: x("/table/record[capa != '']"), key: x("capa"), recordKey: x("complaint-id"),
                targetType: "capa-log", targetSelect: x("/table/record"), targetKey: x("number"), message: m("{$key} is unknown"))),
        clause: "10.2", location: here)

    static let trend = Rule(
        id: "T", title: "T", grade: .ofi, rationale: "", remediation: "", references: [], applicability: nil,
        check: .trend(
            TrendCheck(
                evidenceType: "csat", select: x("/survey/response"), value: x("@score"), date: nil, period: ValueReference("$period"),
                aggregate: .avg, better: .higher, requirement: .notDeclining, window: ValueReference("4"), tolerance: ValueReference("$slack"),
                message: m("fell to {$last}"))),
        clause: "9.1.2", location: here)

    @Test("every XPath of a rule: applicability, the check's expressions and message placeholders")
    func xpathExpressions() {
        #expect(Self.records.xpathExpressions == [
            "//scope/activity = 'design'", "/table/record[status = 'closed']", "complaint-id", "cx:days-between(received, resolved)",
            "$days <= $target", "complaint-id", "$days",
        ])
        #expect(ModelFixture.rule(check: ModelFixture.presence()).xpathExpressions.isEmpty)
    }

    @Test("on items, a cross-reference reads its own side on the referencing type and only the target side on the target type")
    func checkExpressionsBySide() {
        #expect(Self.reference.checkExpressions(on: "capa-log") == ["/table/record", "number"])
        #expect(Self.reference.checkExpressions(on: "complaints-log") == ["/table/record[capa != '']", "capa", "complaint-id", "$key"])
        #expect(Self.reference.checkExpressions(on: "other").isEmpty)
    }

    @Test("a trend's message is rendered over the register, so it is not read on the items; presence reads no item XPath")
    func checkExpressionsByKind() {
        #expect(Self.trend.checkExpressions(on: "csat") == ["/survey/response", "@score"])
        #expect(ModelFixture.rule(check: ModelFixture.presence()).checkExpressions(on: "management-review").isEmpty)
        #expect(!Self.records.checkExpressions(on: "complaints-log").contains("//scope/activity = 'design'"), "applicability reads the register")
    }

    @Test("a rule reads the fields it names, attributes by @name, and any field through a wildcard")
    func readsFields() {
        typealias Field = EvidenceContract.Field
        #expect(Self.records.reads(Field(name: "resolved", type: .date), of: "complaints-log"))
        #expect(Self.records.reads(Field(name: "status", type: .enum), of: "complaints-log"))
        #expect(!Self.records.reads(Field(name: "root-cause", type: .text), of: "complaints-log"))
        #expect(Self.trend.reads(Field(name: "score", type: .number, isAttribute: true), of: "csat"))
        #expect(!Self.trend.reads(Field(name: "score", type: .number), of: "csat"), "@score is the attribute, not an element")
        let wildcard = ModelFixture.rule(
            check: .aggregate(AggregateCheck(evidenceType: "log", measures: [Binding(name: "n", value: Self.x("count(/table/record/*)"))], expectations: [])))
        #expect(wildcard.reads(Field(name: "anything", type: .text), of: "log"), "fail closed: a wildcard may read any field")
    }

    @Test("message templates and value attributes are listed per kind")
    func templatesAndValues() {
        #expect(Self.records.messageTemplates.map(\.text) == ["{complaint-id} took {$days} days"])
        #expect(Self.reference.messageTemplates.map(\.text) == ["{$key} is unknown"])
        #expect(Self.trend.valueReferences == [.parameter("period"), .literal("4"), .parameter("slack")])
        #expect(Self.records.valueReferences.isEmpty)
        let presence = RuleCheck.presence(PresenceCheck(evidenceType: "x", minimum: ValueReference("$min-count"), within: ValueReference("P1Y"), message: nil))
        #expect(ModelFixture.rule(check: presence).valueReferences == [.parameter("min-count"), .literal("P1Y")])
    }

    @Test("the parameters a rule uses are those it names in XPath or value attributes that the ruleset declares")
    func parameterNames() {
        let ruleset = ModelFixture.ruleset(parameters: [
            ModelFixture.parameter("target", .integer, "30"), ModelFixture.parameter("period", .string, "quarter"),
            ModelFixture.parameter("slack", .decimal, "0.1"), ModelFixture.parameter("unused", .integer, "1"),
        ])
        #expect(Self.records.parameterNames(in: ruleset) == ["target"], "$days is a let, not a parameter")
        #expect(Self.trend.parameterNames(in: ruleset) == ["period", "slack"])
    }
}
