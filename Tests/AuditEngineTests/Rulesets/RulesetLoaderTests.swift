import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Loading rulesets")
struct RulesetLoaderTests {
    @Test("the shipped starter ruleset loads with every kind of check")
    func starterLoads() throws {
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(resources.starterRuleset)
        #expect(ruleset.id == "cx-starter")
        #expect(ruleset.sha256.count == 64)
        #expect(Set(ruleset.rules.map(\.check.kind)) == Set(CheckKind.allCases))
        #expect(ruleset.rules.contains { $0.applicability != nil })
    }

    @Test("a broken ruleset reports every semantic problem at once, each with its line")
    func severalErrorsWithLines() throws {
        let folder = try TemporaryFolder()
        let xml = """
            <?xml version="1.0"?>
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="broken" version="1.0.0">
              <title>Broken</title>
              <parameter name="days" type="integer" default="soon"/>
              <clause number="1" title="One">
                <intent>x</intent>
                <rule id="DUP" grade="minor"><title>t</title><rationale>r</rationale><remediation>m</remediation>
                  <records evidence="log" select="/table/record[">
                    <assert test="true()">x</assert>
                  </records>
                </rule>
                <rule id="DUP" grade="minor"><title>t</title><rationale>r</rationale><remediation>m</remediation>
                  <records evidence="log" select="/table/record">
                    <assert test="$nowhere &gt; 1">x {cx:nonsense(.)}</assert>
                  </records>
                </rule>
                <rule id="FRESH" grade="major"><title>t</title><rationale>r</rationale><remediation>m</remediation>
                  <freshness evidence="survey" max-age="$missing"><message>unbalanced {</message></freshness>
                </rule>
              </clause>
            </ruleset>
            """
        let error = try #require(throws: RulesetError.self) { try loadRuleset(xml, in: folder, name: "broken.xml") }
        let lines = error.diagnostics.map { "\($0.location.line ?? 0): \($0.message)" }
        #expect(lines.contains { $0.hasPrefix("4: parameter 'days': default 'soon' is not a valid integer") })
        #expect(lines.contains { $0.hasPrefix("8: rule DUP: select '/table/record[': XPath does not compile") })
        #expect(lines.contains { $0.hasPrefix("12: duplicate rule id 'DUP' (first declared at line 7)") })
        #expect(lines.contains { $0.hasPrefix("14: rule DUP: assert test '$nowhere > 1': undefined variable $nowhere") })
        #expect(lines.contains { $0.hasPrefix("14: rule DUP: message expression 'cx:nonsense(.)': unknown function cx:nonsense()") })
        #expect(lines.contains { $0.hasPrefix("18: rule FRESH: max-age refers to undefined parameter $missing") })
        #expect(lines.contains { $0.hasPrefix("18: rule FRESH: message has an unbalanced '{'") })
        #expect(error.diagnostics.allSatisfy { $0.location.file == "broken.xml" })
        #expect(error.errorDescription?.contains("broken.xml:4:3: error:") == true)
    }

    @Test("schema violations are reported with file and line before any semantic check")
    func schemaViolations() throws {
        let folder = try TemporaryFolder()
        let xml = """
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="s" version="1.0.0">
              <title>S</title>
              <clause number="1" title="One">
                <intent>x</intent>
                <rule id="A" grade="critical"><title>t</title><rationale>r</rationale><remediation>m</remediation>
                  <presence evidence="x"/>
                </rule>
                <unknown-element/>
              </clause>
            </ruleset>
            """
        let error = try #require(throws: RulesetError.self) { try loadRuleset(xml, in: folder, name: "s.xml") }
        guard case .invalid = error else {
            Issue.record("expected .invalid, got \(error)")
            return
        }
        #expect(error.diagnostics.contains { $0.location.line == 5 })
        #expect(error.diagnostics.allSatisfy { $0.location.file == "s.xml" })
    }

    @Test("a trend period parameter must name a period unit, and typed attributes must match parameter types")
    func parameterTypes() throws {
        let folder = try TemporaryFolder()
        let xml = rulesetXML(
            parameters: #"<parameter name="p" type="string" default="fortnight"/><parameter name="n" type="duration" default="P1M"/>"#,
            ruleXML("T", #"<trend evidence="k" value="1" better="higher" period="$p" window="$n"/>"#))
        let error = try #require(throws: RulesetError.self) { try loadRuleset(xml, in: folder) }
        let messages = error.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("'fortnight' is not one of month, quarter, half, year") })
        #expect(messages.contains { $0.contains("window needs an integer but $n is a duration") })
    }

    @Test("a DOCTYPE in a ruleset is refused")
    func doctypeRefused() throws {
        let folder = try TemporaryFolder()
        let xml = #"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><ruleset/>"#
        let error = try #require(throws: RulesetError.self) { try loadRuleset(xml, in: folder, name: "d.xml") }
        #expect(error.diagnostics.first?.message.contains("DOCTYPE not allowed") == true)
        #expect(error.diagnostics.first?.location.line == 1)
    }

    @Test("the cx prefix is reserved for cxaudit's functions")
    func cxPrefixReserved() throws {
        let folder = try TemporaryFolder()
        let xml = rulesetXML(
            namespaces: #"<namespace prefix="cx" uri="urn:example"/>"#,
            ruleXML("R", #"<presence evidence="x"/>"#))
        let error = try #require(throws: RulesetError.self) { try loadRuleset(xml, in: folder) }
        #expect(error.diagnostics.contains { $0.message.contains("namespace prefix 'cx' is reserved") })
    }

    @Test("an invalid parameter default is one error, not also an undefined parameter wherever it is used")
    func invalidDefaultReportedOnce() throws {
        let folder = try TemporaryFolder()
        let xml = rulesetXML(
            parameters: #"<parameter name="age" type="duration" default="a year"/>"#,
            ruleXML("R", #"<freshness evidence="x" max-age="$age"/>"#))
        let error = try #require(throws: RulesetError.self) { try loadRuleset(xml, in: folder) }
        #expect(error.diagnostics.map(\.message) == ["parameter 'age': default 'a year' is not a valid duration (ISO 8601, e.g. P30D or P12M)"])
    }
}
