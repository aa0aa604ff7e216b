import AuditEngine
import AuditEvidence
import AuditModel
import Foundation
import Testing

/// Schema violations of the register and waiver files in the user's terms: the element
/// and attribute, the value found, the form expected, the line — never libxml2's wording.
@Suite("Schema violations, translated")
struct SchemaViolationTranslatorTests {
    static func violations(_ xml: String, schema: URL, name: String) throws -> [String] {
        let loader = try SchemaValidatedLoader(schema: schema, reportingAs: { $0 })
        let folder = try TemporaryFolder()
        let file = try loader.read(try folder.write(name, xml), displayName: name)
        return loader.violations(of: file).map(\.description)
    }

    static func register(_ item: String) throws -> [String] {
        try violations(
            """
            <evidence-register version="1">
              <organization name="Org"/>
              \(item)
            </evidence-register>
            """, schema: resources.registerSchema, name: "evidence-register.xml")
    }

    @Test("a value of the wrong form names the item, the attribute, the value and the form expected")
    func wrongForm() throws {
        #expect(try Self.register(#"<item id="CL-2026" type="complaints-log" file="c.csv" format="csv" date="2026-13-01">Log</item>"#) == [
            "evidence-register.xml:3:3: error: item CL-2026: date '2026-13-01' is not a date (YYYY-MM-DD)"
        ])
        #expect(try Self.register(#"<item id="CL" type="complaints-log" file="c.csv" format="xls">Log</item>"#) == [
            "evidence-register.xml:3:3: error: item CL: format 'xls' is not one of xml, csv, json, xlsx, docx, ods, odt"
        ])
    }

    @Test("an unknown attribute is named with the one meant and those allowed")
    func unknownAttribute() throws {
        let messages = try Self.register(#"<item id="CL" type="complaints-log" file="c.csv" format="csv" dat="2026-01-01">Log</item>"#)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("evidence-register.xml:3:3: error: item CL: unknown attribute 'dat'; did you mean 'date'? (allowed: id, type, file, format, date,") == true)
    }

    @Test("a missing required attribute is named, with the form to give, at the element's line")
    func missingAttribute() throws {
        #expect(try Self.register(#"<item id="CL" file="c.csv" format="csv">Log</item>"#) == [
            "evidence-register.xml:3:3: error: item CL: required attribute type is missing; give a name without spaces or colons (letters, digits, '-', '_', '.')"
        ])
    }

    @Test("an element out of place is named with its container, the one meant and those allowed")
    func unexpectedElement() throws {
        let messages = try Self.violations(
            """
            <evidence-register version="1">
              <organization name="Org"><sites id="york" name="York"/></organization>
            </evidence-register>
            """, schema: resources.registerSchema, name: "evidence-register.xml")
        #expect(messages == ["evidence-register.xml:2:28: error: <sites> is not allowed inside <organization>; did you mean <site>? (allowed: <scope>, <site>)"])
    }

    @Test("a waiver file: the namespace to write, and a date of the wrong form")
    func waivers() throws {
        let withoutNamespace = try Self.violations(
            #"<waivers><waiver id="W1" rule="R" approver="A" expires="2026-12-31"><justification>x</justification></waiver></waivers>"#,
            schema: resources.waiverSchema, name: "waivers.xml")
        #expect(withoutNamespace == [#"waivers.xml:1:1: error: <waivers> must be in cxaudit's namespace: write <waivers xmlns="urn:cxaudit:waivers:1">"#])
        let badDate = try Self.violations(
            """
            <waivers xmlns="urn:cxaudit:waivers:1">
              <waiver id="W1" rule="R" approver="A" expires="31/12/2026"><justification>x</justification></waiver>
            </waivers>
            """, schema: resources.waiverSchema, name: "waivers.xml")
        #expect(badDate == ["waivers.xml:2:3: error: waiver W1: expires '31/12/2026' is not a date (YYYY-MM-DD)"])
    }

    @Test("a waiver file's problems end with the waiver guide, a profile's with the profile guide")
    func advice() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("waivers.xml", #"<waivers xmlns="urn:cxaudit:waivers:1"><waiver id="W1"/></waivers>"#)
        let error = try #require(throws: RulesetError.self) { try WaiverLoader(schema: resources.waiverSchema).load(url, for: []) }
        #expect(error.errorDescription?.hasSuffix("Fix these problems in the waiver file (see docs/waivers.md); nothing was evaluated.") == true)
        let profile = try folder.write("profile.xml", "<profile/>")
        let profileError = try #require(throws: RulesetError.self) { try ProfileLoader(schema: resources.profileSchema).load(profile, for: []) }
        #expect(profileError.errorDescription?.contains("see docs/profiles.md") == true, "\(profileError)")
    }

    @Test("a ruleset: the mistake libxml2 blames on the first rule is found in the rule that has it (docs/ruleset-language.md's example)")
    func ruleset() throws {
        let xml = """
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="rs" version="1.0.0" language="1">
              <title>RS</title>
              <clause number="8.2" title="C">
                <rule id="R-1" grade="minor"><title>T</title><rationale>R</rationale><remediation>M</remediation>
                  <presence evidence="log" min="1"/></rule>
                <rule id="R-2" grade="critical"><title>T</title><rationale>R</rationale><remediation>M</remediation>
                  <presence evidence="log" min="1"/></rule>
                <rule id="R-3" grade="minor"><title>T</title><rationale>R</rationale><remediation>M</remediation>
                  <presence evidence="log" minimum="1"/></rule>
              </clause>
            </ruleset>
            """
        let shown = try Self.violations(xml, schema: resources.rulesetSchema, name: "rs.xml")
        #expect(shown == [
            "rs.xml:6:5: error: rule R-2: grade 'critical' is not one of major, minor, ofi",
            "rs.xml:9:7: error: presence: unknown attribute 'minimum' (allowed: evidence, min, within)",
        ])
        let delimiter = try Self.register(#"<item id="L3" type="complaints-log" file="c.csv" format="csv" delimiter=":">C</item>"#)
        #expect(delimiter == ["evidence-register.xml:3:3: error: item L3: delimiter ':' is not one of ',', ';', tab, '|'"])
    }

}
