import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Explaining rules in plain words")
struct RuleDescriberTests {
    /// One example rule per kind of check, and phrases its explanation must contain.
    struct Example: Sendable, CustomTestStringConvertible {
        let kind: CheckKind
        let check: String
        let summary: [String]
        let steps: [String]
        let outcome: [String]
        let howToPass: [String]
        var testDescription: String { kind.rawValue }
    }

    static let parameters = """
        <parameter name="window" type="duration" default="P12M">Look-back.</parameter>
        <parameter name="ack-days" type="integer" default="2">Days to acknowledge.</parameter>
        <parameter name="periods" type="integer" default="4">Periods in a trend.</parameter>
        <parameter name="unused" type="integer" default="1">Not used by any rule.</parameter>
        <evidence-type id="complaints-log">One record per complaint.</evidence-type>
        """

    static let examples: [Example] = [
        Example(
            kind: .presence, check: #"<presence evidence="design-review" min="2" within="$window"/>"#,
            summary: ["Counts the `design-review` items in the evidence register dated within $window (currently 12 months) before the audit date"],
            steps: [], outcome: ["pass when there are at least 2"],
            howToPass: ["Have at least 2 `design-review` item(s) in the evidence register dated within $window (currently 12 months)"]),
        Example(
            kind: .freshness,
            check: #"<freshness evidence="management-review" max-age="P6M"><message>Last held {$newest}.</message></freshness>"#,
            summary: ["Finds the newest `management-review` item in the evidence register"],
            steps: ["States a failure as: \u{201C}Last held {$newest}.\u{201D}"],
            outcome: ["pass when it is dated no more than 6 months before the audit date"],
            howToPass: ["Have a `management-review` item in the evidence register dated no more than 6 months before the audit date."]),
        Example(
            kind: .records,
            check: """
                <records evidence="complaints-log" select="/table/record" key="complaint-id">
                  <let name="ack-after" value="cx:days-between(received, acknowledged)"/>
                  <assert test="$ack-after &lt;= $ack-days">Complaint {complaint-id} acknowledged late.</assert>
                  <report test="status = 'void'" grade="ofi">Complaint {complaint-id} is void.</report>
                </records>
                """,
            summary: ["For each record selected by `/table/record` in every `complaints-log` item, identified by `complaint-id`,"],
            steps: [
                "Computes ack-after = `cx:days-between(received, acknowledged)`.",
                "Requires `$ack-after <= $ack-days` to be true; otherwise a finding: \u{201C}Complaint {complaint-id} acknowledged late.\u{201D}",
                "Requires `status = 'void'` to be false; otherwise a finding graded ofi:",
            ],
            outcome: ["One result per `complaints-log` item", "one finding per failing record and condition", "\u{201C}No evidence\u{201D}"],
            howToPass: ["Make every record selected by `/table/record` in every `complaints-log` item meet the 2 condition(s) above"]),
        Example(
            kind: .aggregate,
            check: """
                <aggregate evidence="satisfaction-survey">
                  <let name="responses" value="count(/survey/response)"/>
                  <expect test="$responses &gt;= 30">Only {$responses} responses.</expect>
                </aggregate>
                """,
            summary: ["For every `satisfaction-survey` item, computes the measures below"],
            steps: ["Computes responses = `count(/survey/response)`.", "Expects `$responses >= 30`; otherwise a finding: \u{201C}Only {$responses} responses.\u{201D}"],
            outcome: ["one finding per unmet expectation"],
            howToPass: ["Make every expectation above hold in every `satisfaction-survey` item"]),
        Example(
            kind: .trend,
            check: """
                <trend evidence="complaints-log" select="/table/record" value="1" date="received" period="quarter"
                       aggregate="count" better="lower" require="not-declining" window="$periods" tolerance="2"/>
                """,
            summary: ["Over all `complaints-log` items together, takes `1` of each record selected by `/table/record`, dated by `received`, groups the values by quarter and takes the count per period."],
            steps: [
                "Keeps the most recent $periods (currently 4) periods.",
                "Leaves out periods the evidence covers only in part",
                "The slope must not move in the wrong direction (lower is better) by more than 2 per period.",
            ],
            outcome: ["One result for the rule as a whole", "fewer than 2 periods"],
            howToPass: ["make the count per quarter not get worse over the last $periods (currently 4) periods"]),
        Example(
            kind: .crossReference,
            check: """
                <cross-reference evidence="complaints-log" select="/table/record[capa-ref != '']" key="capa-ref"
                                 record-key="complaint-id" target="corrective-actions" target-select="/json/actions" target-key="id"/>
                """,
            summary: ["For each record selected by `/table/record[capa-ref != '']` in every `complaints-log` item, takes its reference `capa-ref` and looks it up among the keys `id` of the records selected by `/json/actions` in every `corrective-actions` item."],
            steps: ["Identifies each referencing record by `complaint-id`.", "an empty reference never resolves"],
            outcome: ["one finding per unresolved reference", "no `complaints-log` or no `corrective-actions` item"],
            howToPass: ["Give every selected `complaints-log` record a non-empty `capa-ref` equal to the `id` of a record in a `corrective-actions` item"]),
    ]

    @Test("every kind of check has an example here")
    func everyKindCovered() {
        #expect(Set(Self.examples.map(\.kind)) == Set(CheckKind.allCases))
    }

    @Test("each kind of check is described from the model", arguments: examples)
    func describesCheck(_ example: Example) throws {
        let folder = try TemporaryFolder()
        let ruleset = try loadRuleset(rulesetXML(parameters: Self.parameters, ruleXML("R", example.check)), in: folder)
        let explanation = try #require(RuleDescriber(ruleset: ruleset).explain(ruleId: "R"))
        #expect(explanation.check.kind == example.kind)
        for phrase in example.summary {
            #expect(explanation.check.summary.contains(phrase), "summary: \(explanation.check.summary)")
        }
        for phrase in example.steps {
            #expect(explanation.check.steps.contains { $0.contains(phrase) }, "steps: \(explanation.check.steps)")
        }
        for phrase in example.outcome {
            #expect(explanation.check.outcome.contains(phrase), "outcome: \(explanation.check.outcome)")
        }
        for phrase in example.howToPass {
            #expect(explanation.howToPass.contains { $0.contains(phrase) }, "how to pass: \(explanation.howToPass)")
        }
        #expect(explanation.howToPass.last == "Remediation given by the ruleset: Fix it.")
        #expect(!explanation.parameters.contains { $0.name == "unused" })
    }

    @Test("the explanation names the clause, the evidence with its declaration, and the parameters in force")
    func wholeExplanation() throws {
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(resources.starterRuleset, displayName: "cx-starter.xml")
        let explanation = try #require(RuleDescriber(ruleset: ruleset).explain(ruleId: "CX-8.2.1-01"))
        #expect(explanation.clause.number == "8.2.1")
        #expect(explanation.clause.title == "Customer communication")
        #expect(explanation.clause.intent.hasPrefix("The organization talks with customers"))
        #expect(explanation.clause.crosswalk == ["ISO 9001:2008: 7.2.3, published."])
        #expect(explanation.clause.standard?.hasPrefix("ISO 9001:2015") == true)
        #expect(explanation.grade == .minor)
        #expect(explanation.references == ["ISO 10002:2018 8.3"])
        #expect(explanation.evidence.map(\.type) == ["complaints-log"])
        #expect(explanation.evidence.first?.description?.hasPrefix("Every complaint received") == true)
        #expect(explanation.parameters.map(\.name) == ["ack-days"])
        #expect(explanation.parameters.first?.value == "2")
        #expect(explanation.parameters.first?.setBy == nil)
        #expect(explanation.applicability == nil)
        #expect(explanation.location.line == 147)
    }

    @Test("applicability is explained in words with its test")
    func applicability() throws {
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(resources.starterRuleset)
        let explanation = try #require(RuleDescriber(ruleset: ruleset).explain(ruleId: "CX-8.3-01"))
        #expect(explanation.applicability?.hasPrefix("Only when: the organization declares design and development within its scope") == true)
        #expect(explanation.applicability?.contains("not applicable") == true)
    }

    @Test("a profile's values and deselections are the ones explained")
    func profileValues() throws {
        let folder = try TemporaryFolder()
        let ruleset = try loadRuleset(
            rulesetXML(parameters: Self.parameters, ruleXML("R", #"<presence evidence="design-review" within="$window"/>"#)), in: folder)
        let profile = Profile(
            id: "small", version: "1.0.0", title: "Small", description: "", rulesetId: "test", file: "p.xml", sha256: "",
            selections: [Profile.Selection(target: .rule("R"), selected: false, reason: "no design work", location: SourceLocation(file: "p.xml"))],
            settings: [Profile.ParameterSetting(name: "window", value: "P6M", location: SourceLocation(file: "p.xml"))])
        let explanation = try #require(RuleDescriber(ruleset: ruleset, profile: profile).explain(ruleId: "R"))
        let window = try #require(explanation.parameters.first { $0.name == "window" })
        #expect(window.value == "P6M")
        #expect(window.reading == "6 months")
        #expect(window.defaultValue == "P1Y")
        #expect(window.setBy == "small")
        #expect(explanation.check.summary.contains("$window (currently 6 months)"))
        #expect(explanation.deselection == "Deselected by profile small: no design work")
    }

    @Test("an unknown rule id gives no explanation")
    func unknownRule() throws {
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(resources.starterRuleset)
        #expect(RuleDescriber(ruleset: ruleset).explain(ruleId: "NOPE") == nil)
    }
}
