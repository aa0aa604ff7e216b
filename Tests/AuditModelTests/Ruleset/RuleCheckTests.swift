import AuditModel
import Testing

@Suite("Rule checks")
struct RuleCheckTests {
    static let here = SourceLocation(file: "rs.xml", line: 1)

    static let checks: [RuleCheck] = [
        .presence(PresenceCheck(evidenceType: "management-review", minimum: ValueReference("1"), within: ValueReference("P12M"), message: nil)),
        .freshness(FreshnessCheck(evidenceType: "satisfaction-survey", maxAge: ValueReference("$max-age"), message: nil)),
        .records(
            RecordCheck(
                evidenceType: "complaints-log", select: XPathText("/table/record", location: here), key: nil, bindings: [], assertions: [])),
        .aggregate(AggregateCheck(evidenceType: "nps-survey", measures: [], expectations: [])),
        .trend(
            TrendCheck(
                evidenceType: "csat-survey", select: nil, value: XPathText("/survey/@score", location: here), date: nil,
                period: ValueReference("P3M"), aggregate: .avg, better: .higher, requirement: .notDeclining, window: ValueReference("4"),
                tolerance: ValueReference("0"), message: nil)),
        .crossReference(
            CrossReferenceCheck(
                evidenceType: "complaints-log", select: XPathText("/table/record", location: here), key: XPathText("capa", location: here),
                recordKey: nil, targetType: "capa-log", targetSelect: XPathText("/table/record", location: here),
                targetKey: XPathText("id", location: here), message: nil)),
    ]

    @Test("each check has its own kind, named as in the ruleset language")
    func kinds() {
        #expect(Self.checks.map(\.kind) == CheckKind.allCases)
        #expect(CheckKind.allCases.map(\.rawValue) == ["presence", "freshness", "records", "aggregate", "trend", "cross-reference"])
    }

    @Test("a check reads its own evidence type; a cross-reference reads its target type too")
    func evidenceTypes() {
        #expect(Self.checks.map(\.evidenceType) == [
            "management-review", "satisfaction-survey", "complaints-log", "nps-survey", "csat-survey", "complaints-log",
        ])
        #expect(Self.checks.dropLast().allSatisfy { $0.evidenceTypes == [$0.evidenceType] })
        #expect(Self.checks.last?.evidenceTypes == ["complaints-log", "capa-log"])
    }

    @Test("a value is a parameter when written $name, else a literal; white space around it is ignored", arguments: [
        ("P6M", ValueReference.literal("P6M")),
        (" 12 ", .literal("12")),
        ("$max-age", .parameter("max-age")),
        ("\t$window\n", .parameter("window")),
        ("", .literal("")),
    ])
    func valueReference(text: String, expected: ValueReference) {
        #expect(ValueReference(text) == expected)
    }

    @Test("a value reference is shown as it was written")
    func valueReferenceDescription() {
        #expect(ValueReference("$max-age").description == "$max-age")
        #expect(ValueReference("P6M").description == "P6M")
    }
}
