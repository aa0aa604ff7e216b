import AuditEngine
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("Loading waivers")
struct WaiverLoaderTests {
    static let ruleset = rulesetXML(
        ruleXML("ACK", #"<records evidence="log" select="/table/record" key="id"><assert test="ok = 'yes'">Record {id} is not ok.</assert></records>"#))

    /// Writes `waivers` (the elements inside `<waivers>`) and loads them against the test ruleset.
    func load(_ waivers: String, in folder: TemporaryFolder) throws -> [Waiver] {
        let ruleset = try loadRuleset(Self.ruleset, in: folder)
        let file = try folder.write("waivers.xml", "<waivers xmlns=\"urn:cxaudit:waivers:1\">\n\(waivers)\n</waivers>\n")
        return try WaiverLoader(schema: resources.waiverSchema).load(file, for: [ruleset], displayName: "waivers.xml")
    }

    /// Why `waivers` do not load.
    func refusal(_ waivers: String) throws -> RulesetError {
        let folder = try TemporaryFolder()
        return try #require(throws: RulesetError.self) { try load(waivers, in: folder) }
    }

    @Test("every attribute of a waiver is read, with its justification's white space folded and its line")
    func reads() throws {
        let folder = try TemporaryFolder()
        let waivers = try load(
            """
              <waiver id="W1" ruleset="test" rule="ACK" item="LOG" site="york" record="C-1" approver="Q. Manager" approved="2026-05-02" expires="2026-12-31">
                <justification>Agreed with
                  the auditor.</justification>
              </waiver>
              <waiver id="W2" rule="ACK" approver="A" expires="2027-01-31"><justification>x</justification></waiver>
            """, in: folder)
        #expect(waivers.count == 2)
        let first = try #require(waivers.first)
        #expect(first.id == "W1")
        #expect(first.rulesetId == "test")
        #expect(first.ruleId == "ACK")
        #expect(first.itemId == "LOG")
        #expect(first.site == "york")
        #expect(first.recordKey == "C-1")
        #expect(first.approver == "Q. Manager")
        #expect(first.approved == CalendarDate(iso: "2026-05-02"))
        #expect(first.expires == CalendarDate(iso: "2026-12-31"))
        #expect(first.justification == "Agreed with the auditor.")
        #expect(first.location == SourceLocation(file: "waivers.xml", line: 2, column: 3))
        let second = try #require(waivers.last)
        #expect(second.rulesetId == nil && second.itemId == nil && second.site == nil && second.recordKey == nil && second.approved == nil)
    }

    @Test("a malformed waiver file is an error with its line before any run")
    func schemaViolation() throws {
        let error = try refusal(
            """
              <waiver id="W1" rule="NOPE" approver="A" expires="2026-12-31"><justification>x</justification></waiver>
              <waiver id="W2" rule="ACK" approver="A" expires="soon"><justification>x</justification></waiver>
            """)
        guard case .invalid = error else {
            Issue.record("expected .invalid, got \(error)")
            return
        }
        #expect(error.diagnostics.contains { $0.location.line == 3 })
        #expect(error.file == "waivers.xml")
    }

    @Test("a waiver for a rule the loaded rulesets lack is an error naming them")
    func unknownRule() throws {
        let error = try refusal(#"  <waiver id="W1" rule="NOPE" approver="A" expires="2026-12-31"><justification>x</justification></waiver>"#)
        #expect(error.diagnostics.map(\.description) == ["waivers.xml:2:3: error: waiver W1 names rule 'NOPE', which the loaded rulesets (test) do not have"])
    }

    @Test("a waiver naming its ruleset is checked against that ruleset only")
    func namedRuleset() throws {
        let error = try refusal(#"  <waiver id="W1" ruleset="other" rule="ACK" approver="A" expires="2026-12-31"><justification>x</justification></waiver>"#)
        #expect(error.diagnostics.map(\.message) == ["waiver W1 names rule 'ACK', which ruleset other do not have"])
    }

    @Test("two waivers with one id are an error at the second, naming the first's line; every problem is reported at once")
    func duplicateIds() throws {
        let error = try refusal(
            """
              <waiver id="W1" rule="ACK" approver="A" expires="2026-12-31"><justification>x</justification></waiver>
              <waiver id="W1" rule="ACK" approver="B" expires="2026-12-31"><justification>y</justification></waiver>
              <waiver id="W3" rule="GONE" approver="B" expires="2026-12-31"><justification>y</justification></waiver>
            """)
        #expect(error.diagnostics.map(\.description) == [
            "waivers.xml:3:3: error: duplicate waiver id 'W1' (first at line 2)",
            "waivers.xml:4:3: error: waiver W3 names rule 'GONE', which the loaded rulesets (test) do not have",
        ])
    }

    @Test("a file that is not well-formed XML is unreadable; so is a missing schema")
    func unreadable() throws {
        let folder = try TemporaryFolder()
        let ruleset = try loadRuleset(Self.ruleset, in: folder)
        let file = try folder.write("waivers.xml", "<waivers xmlns=\"urn:cxaudit:waivers:1\"><waiver>")
        let error = try #require(throws: RulesetError.self) {
            try WaiverLoader(schema: resources.waiverSchema).load(file, for: [ruleset], displayName: "waivers.xml")
        }
        guard case .unreadable = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
        #expect(error.diagnostics.first?.location.file == "waivers.xml")
        let missing = folder.url.appendingPathComponent("no-such-schema.rng")
        #expect(throws: RulesetError.self) { try WaiverLoader(schema: missing) }
    }
}
