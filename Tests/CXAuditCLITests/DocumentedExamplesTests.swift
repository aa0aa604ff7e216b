import Foundation
import Testing

/// The contract examples of docs/evidence.md and docs/ruleset-language.md, run: the
/// commands shown print what the docs show, and every message the docs quote for a
/// variation of the example is what the run of that variation says.
@Suite("Documented examples: evidence contracts, mappings and conventions")
struct DocumentedExamplesTests {
    static let repository = CheckCommandTests.repository
    static let examples = repository.appendingPathComponent("docs/examples/contracts")

    static func document(_ name: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent("docs/\(name)"), encoding: .utf8)
    }

    /// White space collapsed, so a message the docs wrap over lines still matches.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").replacingOccurrences(of: "` ", with: "`")
    }

    /// The fenced block of `markdown` whose first line is `firstLine`, without that line.
    static func block(after firstLine: String, in markdown: String) -> String? {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: firstLine), let end = lines[(start + 1)...].firstIndex(of: "```") else { return nil }
        return lines[(start + 1)..<end].joined(separator: "\n")
    }

    /// The first fenced block of `markdown` after the line `marker`.
    static func block(following marker: String, in markdown: String) -> String? {
        let lines = markdown.components(separatedBy: "\n")
        guard let at = lines.firstIndex(of: marker), let open = lines[at...].firstIndex(of: "```") else { return nil }
        return block(after: lines[open], in: lines[open...].joined(separator: "\n"))
    }

    /// A copy of the example to change.
    static func copy() throws -> TemporaryCopy {
        try TemporaryCopy(of: examples)
    }

    final class TemporaryCopy {
        let url: URL
        init(of source: URL) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-docs-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: source, to: url)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let file = url.appendingPathComponent(path)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(change(text) != text, "the variation must change \(path)")
            try Data(change(text).utf8).write(to: file)
        }

        func check(_ extra: [String] = []) throws -> CheckCommandTests.Outcome {
            try CheckCommandTests.run(
                ["check", url.appendingPathComponent("helpdesk").path, "--ruleset", url.appendingPathComponent("ruleset.xml").path, "--as-of", "2026-11-30"]
                    + extra)
        }
    }

    @Test("the worked example prints exactly what docs/evidence.md shows, and exits 1")
    func workedExample() throws {
        let command = "$ cxaudit check docs/examples/contracts/helpdesk --ruleset docs/examples/contracts/ruleset.xml --as-of 2026-11-30"
        let shown = try #require(Self.block(after: command, in: try Self.document("evidence.md")))
        let arguments = command.split(separator: " ").dropFirst(2).map(String.init)
        let outcome = try CheckCommandTests.run(arguments)
        #expect(outcome.stdout.trimmingCharacters(in: .newlines) == shown)
        #expect(outcome.status == 1)
    }

    @Test("the same log exported as JSON gives the same finding, with the same fingerprint")
    func jsonExample() throws {
        let csv = try CheckCommandTests.run(
            ["check", Self.examples.appendingPathComponent("helpdesk").path, "--ruleset", Self.examples.appendingPathComponent("ruleset.xml").path,
             "--as-of", "2026-11-30", "--format", "json"])
        let json = try CheckCommandTests.run(
            ["check", Self.examples.appendingPathComponent("helpdesk-json").path, "--ruleset", Self.examples.appendingPathComponent("ruleset.xml").path,
             "--as-of", "2026-11-30", "--format", "json"])
        func findings(_ text: String) throws -> [[String: Any]] {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            return object?["findings"] as? [[String: Any]] ?? []
        }
        let fromCSV = try findings(csv.stdout)
        let fromJSON = try findings(json.stdout)
        #expect(fromCSV.count == 1)
        #expect(fromJSON.map { $0["id"] as? String } == fromCSV.map { $0["id"] as? String })
        #expect(fromJSON.map { $0["statement"] as? String } == fromCSV.map { $0["statement"] as? String })
        let evidence = fromJSON.first?["evidence"] as? [String: Any]
        #expect(evidence?["line"] as? Int == 28)
        #expect(evidence?["nativeLocator"] as? String == "/tickets/3")
        #expect(json.status == 1)
    }

    /// A change to the example, and the messages the docs quote for it.
    struct Variation: Sendable, CustomStringConvertible {
        let description: String
        let file: String
        let change: @Sendable (String) -> String
        let quoted: [String]
        var status: Int32 = 1
    }

    static let variations: [Variation] = [
        Variation(
            description: "without the resolved map", file: "helpdesk/evidence-register.xml",
            change: { $0.replacingOccurrences(of: "    <map field=\"resolved\" column=\"Solved at\"/>\n", with: "") },
            quoted: [
                "evidence-register.xml:4:3: error: item HD-2026-11: required field 'resolved' is missing from its records (found: 'Ticket ID', 'Created', 'Solved at', 'Status', 'Cause'). Closest: 'Solved at'. If a column holds it under another name, add <map field=\"resolved\" column=\"Solved at\"/> inside the item at evidence-register.xml:4:3."
            ], status: 2),
        Variation(
            description: "mapping a column the file lacks", file: "helpdesk/evidence-register.xml",
            change: { $0.replacingOccurrences(of: "column=\"Solved at\"", with: "column=\"Closed on\"") },
            quoted: [
                "missing from its records: the register maps it to column 'Closed on', which the file does not have",
                "Correct the <map> at evidence-register.xml:9:5, e.g. to <map field=\"resolved\" column=\"Solved at\"/>.",
            ], status: 2),
        Variation(
            description: "an impossible date", file: "helpdesk/complaints.csv", change: { $0.replacingOccurrences(of: "18/11/2026", with: "31/11/2026") },
            quoted: [
                "complaints.csv:5: warning: record 4: Solved at holds '31/11/2026', which is not a date written DD/MM/YYYY",
                "complaints.csv:5 [HD-1044] Record HD-1044 cannot be checked: Solved at holds '31/11/2026', which is not a date written DD/MM/YYYY.",
            ]),
        Variation(
            description: "without date-format", file: "helpdesk/evidence-register.xml",
            change: { $0.replacingOccurrences(of: "\n        date-format=\"DD/MM/YYYY\"", with: "") },
            quoted: ["Created holds '02/11/2026', which is not a date written YYYY-MM-DD; if the file writes dates DD/MM/YYYY, declare date-format=\"DD/MM/YYYY\""]),
        Variation(
            description: "without the status values", file: "helpdesk/evidence-register.xml",
            change: { text in
                guard let start = text.range(of: "    <map field=\"status\">"), let end = text.range(of: "</map>\n", range: start.upperBound..<text.endIndex)
                else { return text }
                return text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
            },
            quoted: ["Status holds 'Solved', which is not one of open, closed"]),
        Variation(
            description: "a misspelt type", file: "helpdesk/evidence-register.xml",
            change: { $0.replacingOccurrences(of: "type=\"complaints-log\"", with: "type=\"complaint-log\"") },
            quoted: [
                "evidence-register.xml:4:3: warning: item HD-2026-11: no selected rule reads evidence type 'complaint-log' and no ruleset declares it, so this item is not examined; did you mean 'complaints-log'?"
            ]),
        Variation(
            description: "only the header row", file: "helpdesk/complaints.csv",
            change: { String($0.prefix { $0 != "\n" }) + "\n" },
            quoted: ["No records: item HD-2026-11 holds no records, and its evidence type expects at least 1; evidence with nothing in it is a gap, not a pass."]),
        Variation(
            description: "no closed complaint", file: "helpdesk/complaints.csv",
            change: { $0.components(separatedBy: "\n").filter { !$0.contains(",Solved,") && !$0.contains(",Closed,") }.joined(separator: "\n") },
            quoted: ["✓ PASS  EX-1 [HD-2026-11]: No records were selected in complaints.csv, which holds 2 records; nothing to check."], status: 0),
    ]

    @Test("each variation of the example says what the docs quote", arguments: variations)
    func variation(_ variation: Variation) throws {
        let docs = Self.collapsed(try Self.document("evidence.md"))
        let copy = try Self.copy()
        try copy.edit(variation.file, variation.change)
        let outcome = try copy.check()
        for quote in variation.quoted {
            #expect(docs.contains(Self.collapsed(quote)), "docs/evidence.md does not quote: \(quote)")
            #expect(outcome.stdout.contains(quote), "the run does not say: \(quote)\n\(outcome.stdout)")
        }
        #expect(outcome.status == variation.status)
    }

    @Test("nothing selected is marked vacuous in JSON")
    func vacuousInJSON() throws {
        let copy = try Self.copy()
        try copy.edit("helpdesk/complaints.csv") { $0.components(separatedBy: "\n").filter { !$0.contains(",Solved,") && !$0.contains(",Closed,") }.joined(separator: "\n") }
        #expect(try copy.check(["--format", "json"]).stdout.contains("\"vacuous\" : true"))
    }

    @Test("the trend with a unit in docs/ruleset-language.md runs on the example: the result carries the unit, the chart and explain name it")
    func trendUnitExample() throws {
        let guide = try Self.document("ruleset-language.md")
        let trend = try #require(
            guide.components(separatedBy: "```xml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }.first { $0.contains(#"unit="days""#) })
        let copy = try Self.copy()
        try copy.edit("ruleset.xml") {
            $0.replacingOccurrences(
                of: "    </rule>\n  </clause>",
                with: """
                        </rule>
                        <rule id="EX-2" grade="ofi">
                          <title>Complaints are resolved no slower over time</title>
                          <rationale>Slower resolution is a sign of a handling process under strain.</rationale>
                          <remediation>Find where resolution time is lost and act on it.</remediation>
                    \(trend)    </rule>
                      </clause>
                    """)
        }
        let json = try copy.check(["--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stderr)")
        let result = try #require((document["results"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "EX-2" })
        #expect(result["seriesUnit"] as? String == "days")
        // The export holds one month, so one quarter: not yet a trend, but the series and its unit are there.
        #expect((result["series"] as? [[String: Any]])?.map { $0["period"] as? String } == ["2026-Q4"])
        let html = try copy.check(["--format", "html"])
        #expect(html.stdout.contains(">Value per quarter (days)</text>"))
        let explained = try CheckCommandTests.run(["explain", "EX-2", "--ruleset", copy.url.appendingPathComponent("ruleset.xml").path])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(Self.collapsed(explained.stdout).contains("takes the average per period. The values are in \u{201C}days\u{201D}."), "\(explained.stdout)")
    }

    @Test("the example ruleset lints clean, and lint with a misspelt field prints what docs/ruleset-language.md shows")
    func lintExample() throws {
        let clean = try CheckCommandTests.run(["lint", Self.examples.appendingPathComponent("ruleset.xml").path])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("0 errors, 0 warnings"))
        let copy = try Self.copy()
        try copy.edit("ruleset.xml") { $0.replacingOccurrences(of: "normalize-space(root-cause)", with: "normalize-space(root-cuase)") }
        let shown = try #require(
            Self.block(
                following: "With a misspelt `root-cuase` in EX-1's assertion (`docs/examples/contracts/ruleset.xml`):",
                in: try Self.document("ruleset-language.md")))
        let outcome = try CheckCommandTests.run(["lint", "ruleset.xml"], workingDirectory: copy.url)
        #expect(outcome.stdout.trimmingCharacters(in: .newlines) == shown)
    }
}
