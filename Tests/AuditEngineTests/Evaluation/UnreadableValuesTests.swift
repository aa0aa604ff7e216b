import AuditEngine
import AuditModel
import Testing

/// Values an item holds that do not read as their contract types: never a silent pass.
@Suite("Unreadable values")
struct UnreadableValuesTests {
    static let contract = """
        <evidence-type id="complaints-log">
          <description>Every complaint.</description>
          <field name="complaint-id" type="id" required="true">The number.</field>
          <field name="received" type="date" required="true">When it arrived.</field>
          <field name="resolved" type="date">When it was closed.</field>
          <field name="status" type="enum" values="open closed" required="true">Open or closed.</field>
        </evidence-type>
        """

    /// C-2's resolution date is written day first and the register declares no layout.
    static let csv = """
        complaint-id,received,resolved,status
        C-1,2026-01-04,2026-01-10,closed
        C-2,2026-01-05,20/02/2026,closed
        C-3,2026-01-06,,open
        C-4,2026-01-07,2026-01-08,closed

        """

    func run(_ checks: String...) async throws -> AuditRun {
        let rules = checks.enumerated().map { ruleXML("R\($0.offset + 1)", $0.element) }
        return try await audit(
            ruleset: rulesetXML(evidenceTypes: Self.contract, rules.joined(separator: "\n")), files: ["log.csv": Self.csv],
            items: [TestItem(id: "CL", type: "complaints-log", file: "log.csv", format: "csv", date: "2026-06-01")])
    }

    @Test("a record whose unreadable value the assertion reads cannot be checked: one nonconformity for it, not also its judged outcome")
    func assertionReadsValue() async throws {
        let audited = try await run("""
            <records evidence="complaints-log" select="/table/record[status = 'closed']" key="complaint-id">
              <assert test="cx:days-between(received, resolved) &lt;= 30">Complaint {complaint-id} took too long.</assert>
            </records>
            """)
        let result = try #require(audited.results.first)
        #expect(result.status == .fail)
        #expect(audited.findings.count == 1)
        #expect(audited.findings.first?.statement.hasPrefix("Record C-2 cannot be checked: resolved holds '20/02/2026'") == true)
        #expect(audited.findings.first?.evidence.line == 3)
        #expect(result.recordsFailed == 1)
        #expect(result.findingIds == audited.findings.map(\.id))
        #expect(result.statement == "0 of 3 selected records in log.csv do not conform, and 1 record cannot be checked, because a value the rule reads is unreadable.")
    }

    @Test("a record left out by a select that reads the unreadable value is still named: it may have been left out because of it")
    func selectReadsValue() async throws {
        let audited = try await run("""
            <records evidence="complaints-log" select="/table/record[cx:is-date(resolved)]" key="complaint-id">
              <assert test="status = 'closed'">Complaint {complaint-id} has a date but is not closed.</assert>
            </records>
            """)
        #expect(audited.results.first?.status == .fail)
        #expect(audited.findings.map(\.evidence.recordKey) == ["C-2"])
        #expect(audited.findings.first?.statement.contains("cannot be checked") == true)
    }

    @Test("a record the rule neither selects nor selects by that value is not judged on it")
    func unrelatedRecord() async throws {
        let audited = try await run("""
            <records evidence="complaints-log" select="/table/record[status = 'open']" key="complaint-id">
              <assert test="normalize-space(resolved) = ''">Open complaint {complaint-id} has a resolution date.</assert>
            </records>
            """)
        #expect(audited.results.first?.status == .pass)
        #expect(audited.findings.isEmpty)
    }

    @Test("the same unreadable value gives the same finding id in every run, apart from the rule's other findings")
    func stableIds() async throws {
        let rule = """
            <records evidence="complaints-log" select="/table/record" key="complaint-id">
              <assert test="cx:is-date(resolved) or status = 'open'">Complaint {complaint-id} is closed without a date.</assert>
            </records>
            """
        let first = try await run(rule)
        let second = try await run(rule)
        #expect(first.findings.map(\.id) == second.findings.map(\.id))
        #expect(first.findings.map(\.evidence.recordKey) == ["C-2"])
    }

    @Test("a check other than records cannot be evaluated on the item: an error that says which value and what to do")
    func aggregateIsError() async throws {
        let audited = try await run("""
            <aggregate evidence="complaints-log">
              <let name="slow" value="count(/table/record[cx:days-between(received, resolved) &gt; 30])"/>
              <expect test="$slow = 0">{$slow} complaints took too long.</expect>
            </aggregate>
            """)
        let result = try #require(audited.results.first)
        #expect(result.status == .error)
        #expect(result.statement.contains("1 value in log.csv cannot be read as its field's type (first: log.csv:3"))
        #expect(result.statement.contains("resolved holds '20/02/2026'"))
        #expect(result.statement.hasSuffix("correct the file or declare the item's conventions in the register"))
        #expect(audited.findings.isEmpty)
    }
}
