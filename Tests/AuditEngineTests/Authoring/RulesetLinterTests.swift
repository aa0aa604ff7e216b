import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Linting rulesets")
struct RulesetLinterTests {
    static func lint(_ xml: String, register: EvidenceRegister? = nil) throws -> LintedFile {
        let folder = try TemporaryFolder()
        let file = try folder.write("rs.xml", xml)
        let linter = RulesetLinter(loader: try RulesetLoader(schema: resources.rulesetSchema), register: register)
        return linter.lint(file, displayName: "rs.xml")
    }

    static func checks(_ file: LintedFile) -> [LintCheck] {
        file.diagnostics.map(\.check)
    }

    @Test("the shipped rulesets have no lint errors")
    func shippedRulesetsLintClean() throws {
        let linter = RulesetLinter(loader: try RulesetLoader(schema: resources.rulesetSchema))
        let report = linter.lint(resources.shippedRulesets.map { (url: $0, displayName: $0.lastPathComponent) })
        #expect(report.files.count >= 2)
        #expect(report.count(.error) == 0, "\(report.diagnostics.filter { $0.diagnostic.severity == .error }.map(\.description))")
        #expect(!report.hasUnreadableFiles)
    }

    @Test("every field a shipped rule reads is declared in its evidence type's contract, and every required field is read")
    func shippedRulesetsFieldsDeclared() throws {
        let linter = RulesetLinter(loader: try RulesetLoader(schema: resources.rulesetSchema))
        let report = linter.lint(resources.shippedRulesets.map { (url: $0, displayName: $0.lastPathComponent) })
        let fieldProblems = report.diagnostics.filter { [.undeclaredField, .unusedField].contains($0.check) }
        #expect(fieldProblems.isEmpty, "\(fieldProblems.map(\.description))")
        for file in report.files {
            let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(
                resources.shippedRulesets.first { $0.lastPathComponent == file.file } ?? URL(fileURLWithPath: "/"), displayName: file.file)
            let read = Set(ruleset.rules.flatMap { $0.check.evidenceTypes })
            let contracted = Set(ruleset.evidenceTypes.filter { $0.contract != nil }.map(\.id))
            #expect(read.subtracting(contracted).isEmpty, "\(file.file): types read without a contract: \(read.subtracting(contracted).sorted())")
        }
    }

    static let contractRuleset = rulesetXML(
        evidenceTypes: """
            <evidence-type id="complaints-log">
              <description>Complaints.</description>
              <field name="complaint-id" type="id" required="true">Id.</field>
              <field name="resolved" type="date" required="true">Closed on.</field>
              <field name="channel" type="text" required="true">How it came in.</field>
              <field name="customer" type="text">Who complained (no rule needs it).</field>
            </evidence-type>
            """,
        ruleXML(
            "C1",
            """
            <records evidence="complaints-log" select="/table/record[cx:is-date(resolved)]" key="complaint-id">
              <assert test="normalize-space(root-cuase) != '' and @line &gt; 0">Complaint {complaint-id} has no root cause.</assert>
            </records>
            """))

    @Test("a field a rule reads that the contract does not declare is a warning at the rule; so is a required field no rule reads")
    func contractFields() throws {
        let file = try Self.lint(Self.contractRuleset)
        let undeclared = file.diagnostics.filter { $0.check == .undeclaredField }
        #expect(undeclared.count == 1)
        #expect(undeclared.first?.diagnostic.message.contains("'root-cuase'") == true)
        #expect(undeclared.first?.diagnostic.severity == .warning)
        let unused = file.diagnostics.filter { $0.check == .unusedField }
        // channel is required and unread; customer is optional (it describes the type) and @line locates records.
        #expect(unused.map(\.diagnostic.message).count == 1)
        #expect(unused.first?.diagnostic.message.contains("field 'channel'") == true)
    }

    @Test("a wildcard in a rule's XPath hides which fields it reads: nothing of that type is called unused")
    func contractWildcard() throws {
        let xml = Self.contractRuleset.replacingOccurrences(of: "@line &gt; 0", with: "count(*) &gt; 0")
        #expect(!Self.checks(try Self.lint(xml)).contains(.unusedField))
    }

    @Test("contracts with duplicate fields, colliding aliases, enums without values or values on other types do not load")
    func contractLanguageProblems() throws {
        let xml = rulesetXML(
            evidenceTypes: """
                <evidence-type id="complaints-log">
                  <description>Complaints.</description>
                  <field name="complaint-id" type="id" required="true" aliases="Case">Id.</field>
                  <field name="complaint-id" type="id">Again.</field>
                  <field name="case" type="text">Collides with an alias.</field>
                  <field name="status" type="enum">No values.</field>
                  <field name="score" type="number" values="1 2 3">Values on a number.</field>
                </evidence-type>
                """,
            ruleXML(
                "C1",
                """
                <records evidence="complaints-log" select="/table/record" key="complaint-id">
                  <assert test="status = 'open' or number(score) &gt; 0 or case">Complaint {complaint-id}.</assert>
                </records>
                """))
        let messages = try Self.lint(xml).diagnostics.filter { $0.check == .language }.map(\.diagnostic.message)
        #expect(messages.contains { $0.contains("field 'complaint-id' is declared twice") })
        #expect(messages.contains { $0.contains("'case' names both field 'complaint-id' and field 'case'") })
        #expect(messages.contains { $0.contains("field 'status' is an enum without values") })
        #expect(messages.contains { $0.contains("field 'score' has values") })
    }

    @Test("schema and language problems are reported together, each at its line")
    func schemaAndLanguageTogether() throws {
        let xml = """
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="s" version="1.0.0">
              <title>S</title>
              <evidence-type id="log">A log.</evidence-type>
              <clause number="1" title="One">
                <intent>x</intent>
                <rule id="A" grade="critical"><title>t</title><rationale>r</rationale><remediation>m</remediation>
                  <records evidence="log" select="/r" key="k"><assert test="1">{k}</assert></records>
                </rule>
                <rule id="B" grade="minor"><title>t</title><rationale>r</rationale><remediation>m</remediation><reference>x</reference>
                  <records evidence="log" select="/r[" key="k"><assert test="$nope">{k}</assert></records>
                </rule>
              </clause>
            </ruleset>
            """
        let file = try Self.lint(xml)
        let errors = file.diagnostics.filter { $0.diagnostic.severity == .error }
        #expect(errors.contains { $0.check == .schema && $0.diagnostic.location.line == 6 })
        #expect(errors.contains { $0.check == .language && $0.diagnostic.location.line == 10 && $0.diagnostic.message.contains("XPath does not compile") })
        #expect(errors.contains { $0.check == .language && $0.diagnostic.message.contains("undefined variable $nope") })
        #expect(file.readable)
        #expect(file.rulesetId == "s")
    }

    @Test("language problems on a line the schema rejected are left out, they restate it")
    func languageProblemsOnSchemaLinesDropped() throws {
        let xml = """
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="s" version="1.0.0">
              <title>S</title>
              <clause number="1" title="One">
                <intent>x</intent>
                <rule id="A" grade="minor"><title>t</title><rationale>r</rationale><remediation>m</remediation>
                  <freshness evidence="log" max-age="$missing" bogus="1"/>
                </rule>
              </clause>
            </ruleset>
            """
        let file = try Self.lint(xml)
        #expect(file.diagnostics.contains { $0.check == .schema })
        #expect(!file.diagnostics.contains { $0.check == .language && $0.diagnostic.location.line == 6 })
    }

    @Test("a clause with neither a rule nor <not-covered> gets a readable error at the clause")
    func clauseCoverage() throws {
        let xml = """
            <ruleset xmlns="urn:cxaudit:ruleset:1" id="s" version="1.0.0">
              <title>S</title>
              <clause number="4.2" title="Interested parties">
                <intent>x</intent>
              </clause>
            </ruleset>
            """
        let file = try Self.lint(xml)
        let coverage = try #require(file.diagnostics.first { $0.check == .clauseCoverage })
        #expect(coverage.diagnostic.severity == .error)
        #expect(coverage.diagnostic.location.line == 3)
        #expect(coverage.diagnostic.message.contains("clause 4.2 has neither a rule nor a <not-covered> note"))
    }

    @Test("likely mistakes are warnings: undeclared and unused evidence types, unused parameters, unknown standards, missing keys")
    func warnings() throws {
        let xml = rulesetXML(
            parameters: """
                <parameter name="days" type="integer" default="2"/>
                <parameter name="spare" type="integer" default="2"/>
                <evidence-type id="log">A log.</evidence-type>
                <evidence-type id="orphan">Nobody reads it.</evidence-type>
                """,
            ruleXML("R1", #"<records evidence="lgo" select="/table/record"><assert test="x &lt; $days">{x}</assert></records>"#),
            ruleXML(
                "R2",
                #"<cross-reference evidence="log" select="/r" key="k" target="log" target-select="/r" target-key="k"/>"#))
            .replacingOccurrences(of: #"<clause number="9.1.2" title="Customer satisfaction">"#, with: #"<clause number="9.1.2" title="Customer satisfaction" standard="iso"> "#)
        let file = try Self.lint(xml)
        let warnings = file.diagnostics.filter { $0.diagnostic.severity == .warning }
        #expect(warnings.contains { $0.check == .undeclaredEvidenceType && $0.diagnostic.message.contains("'lgo'") })
        #expect(warnings.contains { $0.check == .unusedEvidenceType && $0.diagnostic.message.contains("'orphan'") })
        #expect(!warnings.contains { $0.check == .unusedEvidenceType && $0.diagnostic.message.contains("'log'") })
        #expect(warnings.contains { $0.check == .unusedParameter && $0.diagnostic.message.contains("'spare'") })
        #expect(!warnings.contains { $0.check == .unusedParameter && $0.diagnostic.message.contains("'days'") })
        #expect(warnings.contains { $0.check == .unknownStandard && $0.diagnostic.message.contains("'iso'") })
        #expect(warnings.count { $0.check == .missingRecordKey } == 2)
        #expect(file.count(.error) == 0)
    }

    @Test("a parameter used only in a value attribute or a message placeholder counts as used")
    func parameterUseInValuesAndMessages() throws {
        let xml = rulesetXML(
            parameters: """
                <parameter name="age" type="duration" default="P1Y"/>
                <parameter name="target" type="integer" default="3"/>
                <evidence-type id="review">Reviews.</evidence-type>
                """,
            ruleXML("R1", #"<freshness evidence="review" max-age="$age"><message>Older than {$target} units.</message></freshness>"#))
        let file = try Self.lint(xml)
        #expect(!Self.checks(file).contains(.unusedParameter))
    }

    @Test("a register passed in makes its item types known, and flags types it lacks as notes")
    func registerTypes() throws {
        let register = EvidenceRegister(
            organization: "Org", file: "evidence-register.xml",
            items: [
                EvidenceItem(
                    id: "L", type: "complaints-log", file: "l.csv", format: .csv, date: nil, periodStart: nil, periodEnd: nil,
                    owner: nil, process: nil, site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml"))
            ])
        let xml = rulesetXML(
            parameters: #"<evidence-type id="survey">Surveys.</evidence-type>"#,
            ruleXML("R1", #"<presence evidence="complaints-log"/>"#),
            ruleXML("R2", #"<presence evidence="survey"/>"#))
        let file = try Self.lint(xml, register: register)
        #expect(!Self.checks(file).contains(.undeclaredEvidenceType))
        let note = try #require(file.diagnostics.first { $0.check == .evidenceTypeNotInRegister })
        #expect(note.diagnostic.severity == .note)
        #expect(note.diagnostic.message.contains("'survey'"))
    }

    @Test("advice is given as notes: rules without references, messages that state no value")
    func notes() throws {
        let xml = rulesetXML(
            parameters: #"<evidence-type id="log">A log.</evidence-type>"#,
            ruleXML("R1", #"<records evidence="log" select="/r" key="k"><assert test="x">Something is wrong.</assert></records>"#))
        let file = try Self.lint(xml)
        #expect(file.diagnostics.contains { $0.check == .noReference && $0.diagnostic.severity == .note })
        #expect(file.diagnostics.contains { $0.check == .messageWithoutValue && $0.diagnostic.severity == .note })
    }

    @Test("a file that is not well-formed is a lint error; a file that cannot be read at all is unreadable input")
    func unreadable() throws {
        let folder = try TemporaryFolder()
        let broken = try folder.write("broken.xml", "<ruleset><title>")
        let linter = RulesetLinter(loader: try RulesetLoader(schema: resources.rulesetSchema))
        let malformed = linter.lint(broken, displayName: "broken.xml")
        #expect(malformed.readable)
        #expect(malformed.diagnostics.first?.check == .unreadable)
        #expect(malformed.count(.error) > 0)
        let missing = linter.lint(folder.url.appendingPathComponent("missing.xml"), displayName: "missing.xml")
        #expect(!missing.readable)
        #expect(missing.diagnostics.first?.diagnostic.message.contains("cannot read ruleset") == true)
    }

    @Test("two files declaring the same ruleset id are flagged")
    func duplicateRulesetIds() throws {
        let folder = try TemporaryFolder()
        let xml = rulesetXML(parameters: #"<evidence-type id="log">A log.</evidence-type>"#, ruleXML("R1", #"<presence evidence="log"/>"#))
        let first = try folder.write("a.xml", xml)
        let second = try folder.write("b.xml", xml)
        let report = RulesetLinter(loader: try RulesetLoader(schema: resources.rulesetSchema))
            .lint([(url: first, displayName: "a.xml"), (url: second, displayName: "b.xml")])
        #expect(!report.files[0].diagnostics.contains { $0.check == .duplicateRulesetId })
        let duplicate = try #require(report.files[1].diagnostics.first { $0.check == .duplicateRulesetId })
        #expect(duplicate.diagnostic.message.contains("also declared by a.xml"))
    }
}
