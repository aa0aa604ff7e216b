@testable import AuditEngine
import AuditModel
import CalendarDates
import Foundation
import LibXML
import Testing

@Suite("Reading rulesets into the model")
struct RulesetReaderTests {
    /// Reads `xml` (a schema-valid ruleset) as the loader does, without the schema.
    func read(_ xml: String) throws -> (ruleset: Ruleset, diagnostics: [Diagnostic]) {
        let document = try XMLDocument.parse(data: Data(xml.utf8), file: "rs.xml")
        var reader = RulesetReader(file: "rs.xml")
        let ruleset = reader.read(try #require(document.root), sha256: "feed")
        return (ruleset, reader.diagnostics)
    }

    @Test("identity, prose with its line breaks folded, standards, namespaces and clauses with crosswalks")
    func header() throws {
        let (ruleset, diagnostics) = try read("""
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="rs" version="2.1.0">
              <title>Customer
                 improvement</title>
              <description>What   it covers.</description>
              <standard id="iso9001" title="ISO 9001:2015"/>
              <namespace prefix="s" uri="urn:survey"/>
              <clause number="8.2.1" title="Customer communication" standard="iso9001">
                <intent>Talk
                  with customers.</intent>
                <crosswalk standard="ISO 9001:2008" clauses="7.2.3 8.2.1"/>
                <not-covered>Covered by   8.2.2.</not-covered>
              </clause>
            </ruleset>
            """)
        #expect(diagnostics.isEmpty)
        #expect(ruleset.id == "rs" && ruleset.version == "2.1.0" && ruleset.file == "rs.xml" && ruleset.sha256 == "feed")
        #expect(ruleset.title == "Customer improvement")
        #expect(ruleset.description == "What it covers.")
        #expect(ruleset.standards == [Standard(id: "iso9001", title: "ISO 9001:2015")])
        #expect(ruleset.namespaces == ["s": "urn:survey"])
        let clause = try #require(ruleset.clauses.first)
        #expect(clause.number == "8.2.1" && clause.standard == "iso9001" && clause.intent == "Talk with customers.")
        #expect(clause.crosswalk == [Crosswalk(standard: "ISO 9001:2008", clauses: ["7.2.3", "8.2.1"])])
        #expect(clause.notCoveredReason == "Covered by 8.2.2.")
        #expect(clause.location == SourceLocation(file: "rs.xml", line: 7, column: 3))
    }

    @Test("crosswalk entries carry edition, status, source and note; a status left out is the source's, else published")
    func crosswalkEditions() throws {
        let (ruleset, diagnostics) = try read("""
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="rs" version="1.0.0">
              <title>T</title>
              <standard id="iso9001-2015" title="ISO 9001:2015 Quality management systems" amendment="Amd 1:2024"/>
              <crosswalk-source id="draft" status="provisional">ISO/FDIS 9001 as   publicly summarised.</crosswalk-source>
              <crosswalk-source id="n1293">ISO/TC 176/SC 2/N1293.</crosswalk-source>
              <clause number="6.1" title="Risks and opportunities" standard="iso9001-2015">
                <intent>Plan.</intent>
                <crosswalk standard="ISO 9001:2008" source="n1293" clauses="8.5.3"/>
                <crosswalk standard="ISO 9001:2026" source="draft" clauses="6.1.2  6.1.3" note="Split in two."/>
                <crosswalk standard="ISO 9001 (next)" edition="2026" status="provisional" source="draft" clauses="6.1"/>
                <crosswalk standard="ISO 9001:2026" status="published" source="draft" clauses="6"/>
                <not-covered>Later.</not-covered>
              </clause>
            </ruleset>
            """)
        #expect(ruleset.standards == [Standard(id: "iso9001-2015", title: "ISO 9001:2015 Quality management systems", edition: "2015", amendment: "Amd 1:2024")])
        #expect(ruleset.standards.first?.editionStatement == "ISO 9001:2015 Quality management systems (edition 2015, with Amd 1:2024)")
        #expect(ruleset.crosswalkSources == [
            CrosswalkSource(id: "draft", status: .provisional, description: "ISO/FDIS 9001 as publicly summarised."),
            CrosswalkSource(id: "n1293", status: .published, description: "ISO/TC 176/SC 2/N1293."),
        ])
        let crosswalk = try #require(ruleset.clauses.first).crosswalk
        #expect(crosswalk.map(\.edition) == ["2008", "2026", "2026", "2026"])
        #expect(crosswalk.map(\.status) == [.published, .provisional, .provisional, .published])
        #expect(crosswalk[1].clauses == ["6.1.2", "6.1.3"] && crosswalk[1].note == "Split in two." && crosswalk[1].source == "draft")
        #expect(crosswalk[1].location == SourceLocation(file: "rs.xml", line: 9, column: 5))
        #expect(ruleset.clauses[0].crosswalk(toEdition: "2026").count == 3)
        #expect(ruleset.clauses[0].crosswalk(toEdition: "iso 9001:2008").count == 1)
        // An entry written published cannot rest on a draft.
        #expect(diagnostics.map(\.message) == [
            "clause 6.1: crosswalk to ISO 9001:2026 is marked published but its source 'draft' is provisional; check the entry against the published text and cite a published source, or mark it provisional"
        ])
        #expect(diagnostics.first?.location.line == 11)
    }

    @Test("parameters are typed; an invalid default is reported once and kept as text so rules using it are not also wrong")
    func parameters() throws {
        let (ruleset, diagnostics) = try read("""
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="rs" version="1.0.0">
              <title>T</title>
              <parameter name="window" type="duration" default="P6M">How far back.</parameter>
              <parameter name="target" type="percentage" default="ninety"/>
            </ruleset>
            """)
        #expect(ruleset.parameters.map(\.name) == ["window", "target"])
        #expect(ruleset.parameters[0].defaultValue == .duration(ISODuration(months: 6)))
        #expect(ruleset.parameters[0].description == "How far back.")
        #expect(ruleset.parameters[1].defaultValue == .string("ninety"))
        #expect(diagnostics.map(\.description) == ["rs.xml:4:3: error: parameter 'target': default 'ninety' is not a valid percentage (0 to 100, e.g. 90)"])
    }

    @Test("a rule's parts are read, and problems with its check point at the check element")
    func rule() throws {
        let (ruleset, _) = try read("""
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="rs" version="1.0.0">
              <title>T</title>
              <clause number="9.3" title="Management review">
                <intent>Review.</intent>
                <rule id="MR-1" grade="major">
                  <title>Reviews are held</title>
                  <rationale>Top management must review.</rationale>
                  <remediation>Hold one.</remediation>
                  <reference>ISO 9001 9.3.1</reference>
                  <reference>QP-12</reference>
                  <applies-if test="/evidence-register/organization">The organization   exists.</applies-if>
                  <freshness evidence="management-review" max-age="$window"><message>Last held {$newest}.</message></freshness>
                </rule>
              </clause>
            </ruleset>
            """)
        let rule = try #require(ruleset.rules.first)
        #expect(rule.id == "MR-1" && rule.grade == .major && rule.clause == "9.3")
        #expect(rule.title == "Reviews are held" && rule.rationale == "Top management must review." && rule.remediation == "Hold one.")
        #expect(rule.references == ["ISO 9001 9.3.1", "QP-12"])
        #expect(rule.applicability?.test.expression == "/evidence-register/organization")
        #expect(rule.applicability?.description == "The organization exists.")
        #expect(rule.location.line == 5)
        #expect(rule.checkLocation.line == 12)
        guard case let .freshness(check) = rule.check else {
            Issue.record("expected a freshness check, got \(rule.check)")
            return
        }
        #expect(check.maxAge == .parameter("window"))
        #expect(check.message?.text == "Last held {$newest}.")
        #expect(check.message?.location.line == 12)
    }

    /// One rule around `check`, read.
    func check(_ check: String) throws -> RuleCheck {
        let (ruleset, _) = try read("""
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="rs" version="1.0.0"><title>T</title>
              <clause number="1" title="C"><intent>I</intent>
                <rule id="R" grade="minor"><title>t</title><rationale>r</rationale><remediation>m</remediation>
                  \(check)
                </rule>
              </clause>
            </ruleset>
            """)
        return try #require(ruleset.rules.first).check
    }

    @Test("attributes a check leaves out take the language's defaults")
    func defaults() throws {
        guard case let .presence(presence) = try check(#"<presence evidence="management-review"/>"#) else {
            Issue.record("expected presence")
            return
        }
        #expect(presence.minimum == .literal("1"))
        #expect(presence.within == nil)
        guard case let .trend(trend) = try check(#"<trend evidence="csat" value="@score" better="higher"/>"#) else {
            Issue.record("expected trend")
            return
        }
        #expect(trend.period == .literal("month"))
        #expect(trend.aggregate == .avg)
        #expect(trend.requirement == .notDeclining)
        #expect(trend.window == .literal("12"))
        #expect(trend.tolerance == .literal("0"))
        #expect(trend.select == nil && trend.date == nil && trend.message == nil)
    }

    @Test("records checks keep their lets and assertions in order, each assertion with its form, grade and message")
    func records() throws {
        guard case let .records(records) = try check("""
            <records evidence="log" select="/table/record" key="id">
              <let name="days" value="cx:days-between(received, resolved)"/>
              <assert test="$days &lt;= 30" grade="major">Complaint {id} took {$days}
                days.</assert>
              <report test="status = 'void'">Complaint {id} is void.</report>
            </records>
            """)
        else {
            Issue.record("expected records")
            return
        }
        #expect(records.select.expression == "/table/record")
        #expect(records.key?.expression == "id")
        #expect(records.bindings.map(\.name) == ["days"])
        #expect(records.assertions.map(\.form) == [.assert, .report])
        #expect(records.assertions.map(\.grade) == [.major, nil])
        #expect(records.assertions[0].test.expression == "$days <= 30")
        #expect(records.assertions[0].message.text == "Complaint {id} took {$days} days.")
    }

    @Test("a cross-reference reads both sides")
    func crossReference() throws {
        guard case let .crossReference(reference) = try check("""
            <cross-reference evidence="complaints" select="/table/record" key="capa" record-key="id"
                             target="capa-log" target-select="/table/record" target-key="number"/>
            """)
        else {
            Issue.record("expected cross-reference")
            return
        }
        #expect(reference.targetType == "capa-log")
        #expect(reference.recordKey?.expression == "id")
        #expect(reference.targetKey.expression == "number")
    }

    @Test("an evidence type without a description element is a 1.0 declaration: its text, and no contract")
    func descriptionOnly() throws {
        let (ruleset, _) = try read("""
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="rs" version="1.0.0"><title>T</title>
              <evidence-type id="management-review">Minutes of
                 the review.</evidence-type>
            </ruleset>
            """)
        let declaration = try #require(ruleset.evidenceTypes.first)
        #expect(declaration.description == "Minutes of the review.")
        #expect(declaration.contract == nil)
    }

    @Test("fields directly under an evidence type are its table; records elements add located record sets")
    func contract() throws {
        let (ruleset, _) = try read("""
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="rs" version="1.0.0"><title>T</title>
              <evidence-type id="complaints-log">
                <description>Every complaint.</description>
                <field name="complaint-id" type="id" required="true" aliases="Ticket ID | Case number|">The number.</field>
                <field name="status" type="enum" values="open  closed">State.</field>
                <records sheet="Log" formats="xlsx ods" min="0">
                  <field name="id" type="id" attribute="true"/>
                </records>
                <records select="/complaints/complaint" formats="xml bogus">
                  <field name="score" type="number"/>
                </records>
              </evidence-type>
            </ruleset>
            """)
        let contract = try #require(ruleset.evidenceTypes.first?.contract)
        #expect(contract.recordSets.map(\.location) == [.table, .sheet("Log"), .select("/complaints/complaint")])
        let table = contract.recordSets[0]
        #expect(table.formats.isEmpty && table.minimumRecords == 1)
        #expect(table.fields[0] == EvidenceContract.Field(
            name: "complaint-id", type: .id, isRequired: true, aliases: ["Ticket ID", "Case number"], description: "The number."))
        #expect(table.fields[1].values == ["open", "closed"])
        #expect(contract.recordSets[1].formats == [.xlsx, .ods])
        #expect(contract.recordSets[1].minimumRecords == 0)
        #expect(contract.recordSets[1].fields.first?.isAttribute == true)
        #expect(contract.recordSets[2].formats == [.xml], "an unknown format name is left out")
    }
}
