@testable import AuditEngine
import AuditModel
import Testing

@Suite("The ruleset language's own rules")
struct RulesetSemanticCheckTests {
    static func at(_ line: Int) -> AuditModel.SourceLocation { SourceLocation(file: "rs.xml", line: line) }
    static func xpath(_ expression: String, line: Int = 20) -> XPathText { XPathText(expression, location: at(line)) }
    static func message(_ text: String, line: Int = 21) -> MessageTemplate { MessageTemplate(text, location: at(line)) }

    func rule(_ check: RuleCheck, id: String = "R", line: Int = 10) -> Rule {
        Rule(
            id: id, title: id, grade: .minor, rationale: "", remediation: "", references: [], applicability: nil, check: check, clause: "1",
            location: Self.at(line), checkLocation: Self.at(line + 1))
    }

    func problems(_ rules: [Rule], parameters: [Parameter] = [], evidenceTypes: [EvidenceTypeDeclaration] = [], namespaces: [String: String] = [:])
        -> [String]
    {
        let ruleset = ModelFixture.ruleset(rules: rules, parameters: parameters, evidenceTypes: evidenceTypes, namespaces: namespaces)
        return RulesetSemanticCheck(ruleset: ruleset).problems().map { "\($0.location.line ?? 0): \($0.message)" }
    }

    func records(select: String = "/table/record", key: String? = "id", lets: [(String, String)] = [], asserts: [(String, String)]) -> RuleCheck {
        .records(
            RecordCheck(
                evidenceType: "log", select: Self.xpath(select), key: key.map { Self.xpath($0) },
                bindings: lets.map { Binding(name: $0.0, value: Self.xpath($0.1, line: 22)) },
                assertions: asserts.map { RecordAssertion(form: .assert, test: Self.xpath($0.0, line: 23), message: Self.message($0.1, line: 23), grade: nil) }))
    }

    @Test("a sound ruleset has no problems")
    func sound() {
        let check = records(lets: [("days", "number(days)"), ("late", "$days > 30")], asserts: [("not($late)", "Record {$record-key} took {$days} days in {$item}.")])
        #expect(problems([rule(check)], parameters: [ModelFixture.parameter("target", .integer, "30")]).isEmpty)
    }

    @Test("a crosswalk entry names a declared source, a provisional one names one at all, and source ids are unique")
    func crosswalkSources() {
        var ruleset = ModelFixture.ruleset(rules: [rule(ModelFixture.presence())])
        ruleset.crosswalkSources = [
            CrosswalkSource(id: "draft", status: .provisional, description: "ISO/FDIS 9001.", location: Self.at(3)),
            CrosswalkSource(id: "draft", status: .provisional, description: "Again.", location: Self.at(4)),
        ]
        ruleset.clauses[0].crosswalk = [
            Crosswalk(standard: "ISO 9001:2026", clauses: ["6.1.2"], status: .provisional, source: "draft", location: Self.at(7)),
            Crosswalk(standard: "ISO 9001:2026", clauses: ["6.1.3"], status: .provisional, location: Self.at(8)),
            Crosswalk(standard: "ISO 9001:2026", clauses: ["6"], status: .provisional, source: "fdis", location: Self.at(9)),
        ]
        let found = RulesetSemanticCheck(ruleset: ruleset).problems().map { "\($0.location.line ?? 0): \($0.message)" }
        #expect(found == [
            "4: duplicate crosswalk source 'draft' (first declared at line 3)",
            "8: clause 9.1.2: crosswalk to ISO 9001:2026 is provisional but names no source; add source=\"…\" naming the <crosswalk-source> (the draft) it was taken from",
            "9: clause 9.1.2: crosswalk to ISO 9001:2026 names source 'fdis', which the ruleset does not declare (declared: draft)",
        ])
    }

    @Test("ids are unique: a repeated rule id, clause, parameter or evidence type names the first one's line")
    func duplicates() {
        let found = problems(
            [rule(ModelFixture.presence(), id: "R", line: 10), rule(ModelFixture.presence(), id: "R", line: 30)],
            parameters: [
                Parameter(name: "p", type: .integer, defaultValue: .integer(1), description: "", location: Self.at(4)),
                Parameter(name: "p", type: .integer, defaultValue: .integer(2), description: "", location: Self.at(5)),
            ],
            evidenceTypes: [
                EvidenceTypeDeclaration(id: "log", description: "", location: Self.at(6)), EvidenceTypeDeclaration(id: "log", description: "", location: Self.at(7)),
            ])
        #expect(found.contains("5: duplicate parameter 'p' (first declared at line 4)"))
        #expect(found.contains("7: duplicate evidence type 'log' (first declared at line 6)"))
        #expect(found.contains("30: duplicate rule id 'R' (first declared at line 10)"))
    }

    @Test("the cx prefix is reserved for cxaudit's functions")
    func cxPrefix() {
        #expect(problems([], namespaces: ["cx": "urn:example"]).contains { $0.contains("namespace prefix 'cx' is reserved for cxaudit's functions") })
        #expect(problems([], namespaces: ["ex": "urn:example"]).isEmpty)
    }

    @Test("XPath must compile and use only defined variables and declared prefixes")
    func xpath() {
        let found = problems([rule(records(select: "/table/record[", key: "ex:id", asserts: [("$nowhere > 1", "x")]))])
        #expect(found.contains { $0.hasPrefix("20: rule R: select '/table/record[': XPath does not compile") })
        #expect(found.contains { $0.hasPrefix("20: rule R: key 'ex:id': ") && $0.contains("ex") })
        #expect(found.contains("23: rule R: assert test '$nowhere > 1': undefined variable $nowhere"))
    }

    @Test("a let may use the lets before it, not those after; two lets may not share a name")
    func letOrder() {
        let found = problems([rule(records(lets: [("a", "$b + 1"), ("b", "1"), ("b", "2")], asserts: [("$a > 0", "x")]))])
        #expect(found.contains("22: rule R: let a '$b + 1': undefined variable $b"))
        #expect(found.contains("22: duplicate let 'b' (first declared at line 22)"))
    }

    @Test("a message needs balanced braces, and its placeholders are XPath like any other")
    func messages() {
        let found = problems([rule(records(asserts: [("true()", "unbalanced {"), ("true()", "{cx:nonsense(.)}")]))])
        #expect(found.contains("23: rule R: message has an unbalanced '{' or '}' (write {{ or }} for a literal brace)"))
        #expect(found.contains { $0.hasPrefix("23: rule R: message expression 'cx:nonsense(.)': unknown function cx:nonsense()") })
    }

    @Test("value attributes must be literals of their type or parameters that exist and have it")
    func values() {
        let presence = RuleCheck.presence(PresenceCheck(evidenceType: "x", minimum: ValueReference("-1"), within: ValueReference("soon"), message: nil))
        let freshness = RuleCheck.freshness(FreshnessCheck(evidenceType: "x", maxAge: ValueReference("$missing"), message: nil))
        let typed = RuleCheck.freshness(FreshnessCheck(evidenceType: "x", maxAge: ValueReference("$count"), message: nil))
        let found = problems(
            [rule(presence, id: "P", line: 10), rule(freshness, id: "F", line: 20), rule(typed, id: "T", line: 30)],
            parameters: [ModelFixture.parameter("count", .integer, "3")])
        #expect(found.contains("11: rule P: min '-1' is not a valid integer (e.g. 30)"))
        #expect(found.contains("11: rule P: within 'soon' is not a valid duration (ISO 8601, e.g. P30D or P12M)"))
        #expect(found.contains("21: rule F: max-age refers to undefined parameter $missing"))
        #expect(found.contains("31: rule T: max-age needs a duration but $count is an integer"))
    }

    func trend(period: String = "quarter", window: String = "4", tolerance: String = "0") -> RuleCheck {
        .trend(
            TrendCheck(
                evidenceType: "csat", select: nil, value: Self.xpath("@score"), date: nil, period: ValueReference(period), aggregate: .avg,
                better: .higher, requirement: .notDeclining, window: ValueReference(window), tolerance: ValueReference(tolerance),
                message: Self.message("from {$first} to {$last} over {$periods}")))
    }

    @Test("a trend needs a period unit, a window of at least two periods and a numeric tolerance")
    func trends() {
        #expect(problems([rule(trend())]).isEmpty)
        #expect(problems([rule(trend(period: "fortnight"))]) == ["11: rule R: period 'fortnight' is not one of month, quarter, half, year"])
        #expect(problems([rule(trend(window: "1"))]) == ["11: rule R: window '1' is not an integer of at least 2"])
        #expect(problems([rule(trend(tolerance: "a little"))]) == ["11: rule R: tolerance 'a little' is not a valid decimal (e.g. 4.2)"])
        let parameters = [
            Parameter(name: "p", type: .string, defaultValue: .string("fortnight"), description: "", location: Self.at(3)),
            Parameter(name: "w", type: .integer, defaultValue: .integer(1), description: "", location: Self.at(4)),
        ]
        let found = problems([rule(trend(period: "$p", window: "$w"))], parameters: parameters)
        #expect(found.contains("3: parameter 'p' is used as a trend period but 'fortnight' is not one of month, quarter, half, year"))
        #expect(found.contains("4: parameter 'w' is used as a trend window but 1 is less than 2"))
    }

    @Test("evidence contracts: enumerations have values and only they do; a name or alias reads one field only; selects compile")
    func contracts() {
        typealias Field = EvidenceContract.Field
        let contract = EvidenceContract(recordSets: [
            .init(location: .table, fields: [
                Field(name: "status", type: .enum),
                Field(name: "score", type: .number, values: ["1", "2"]),
                Field(name: "id", type: .id, aliases: ["Ticket"]),
                Field(name: "ref", type: .id, aliases: ["Ticket"]),
                Field(name: "id", type: .text),
            ]),
            .init(location: .select("/log/entry["), fields: []),
        ])
        let found = problems([], evidenceTypes: [EvidenceTypeDeclaration(id: "log", description: "", contract: contract, location: Self.at(6))])
        #expect(found.contains("6: evidence type 'log': field 'status' is an enum without values; list them in values=\"…\""))
        #expect(found.contains("6: evidence type 'log': field 'score' has values=\"…\" but is of type number; only enum fields take values"))
        #expect(
            found.contains("6: evidence type 'log': 'ticket' names both field 'id' and field 'ref' (as a name or an alias); a column can be read as one field only"),
            "aliases are compared as the view names columns")
        #expect(found.contains("6: evidence type 'log': field 'id' is declared twice in its records, or lists its own name as an alias"))
        #expect(found.contains { $0.hasPrefix("6: evidence type 'log': records select '/log/entry[': XPath does not compile") })
    }
}
