import AuditEngine
import AuditModel
import Testing

@Suite("Trend check kind: the unit of a trend's values")
struct TrendCheckKindTests {
    /// A trend over `kpi` items, with `attributes` added to the `<trend>` element and `message` as its message.
    static func ruleset(_ attributes: String = "", message: String? = nil) -> String {
        let body = message.map { "<message>\($0)</message>" } ?? ""
        return rulesetXML(
            ruleXML(
                "TREND", grade: "ofi",
                #"<trend evidence="kpi" select="/kpi/m" value="@v" date="@d" period="month" better="higher" window="3" \#(attributes)>\#(body)</trend>"#))
    }

    static func trend(in ruleset: Ruleset) throws -> TrendCheck {
        if case let .trend(trend) = try #require(ruleset.rules.first).check { return trend }
        return try #require(nil as TrendCheck?, "expected a trend")
    }

    static let items = [TestItem(id: "K", type: "kpi", file: "k.xml", format: "xml", date: "2026-06-01")]
    static let declining = #"<kpi><m d="2026-02-03" v="8"/><m d="2026-03-09" v="7"/><m d="2026-04-01" v="6"/></kpi>"#

    @Test("unit is read as written, its white space folded like all ruleset prose; without it there is none")
    func reading() throws {
        let folder = try TemporaryFolder()
        let written = try loadRuleset(Self.ruleset(#"unit="points (0-10)""#), in: folder)
        #expect(try Self.trend(in: written).unit == "points (0-10)")
        let wrapped = try loadRuleset(Self.ruleset("unit=\"  resolution\n          days \""), in: folder)
        #expect(try Self.trend(in: wrapped).unit == "resolution days")
        #expect(try Self.trend(in: loadRuleset(Self.ruleset(), in: folder)).unit == nil)
    }

    @Test("the schema refuses an empty unit, or one of spaces only, at the trend's line", arguments: [#"unit="""#, #"unit="   ""#])
    func emptyUnitRefused(attribute: String) throws {
        let folder = try TemporaryFolder()
        let error = try #require(throws: RulesetError.self) { try loadRuleset(Self.ruleset(attribute), in: folder, name: "rs.xml") }
        guard case .invalid = error else {
            Issue.record("expected a schema error, got \(error)")
            return
        }
        let trendLine = try #require(Self.ruleset(attribute).split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<trend") }) + 1
        #expect(error.diagnostics.contains { $0.location.line == trendLine && $0.message.contains("unit") }, "\(error.diagnostics.map(\.description))")
    }

    @Test("a failing trend's message can say {$unit}; without a unit it is empty")
    func unitInMessages() async throws {
        let message = "The value fell from {$first} to {$last} [{$unit}]."
        let files = ["k.xml": Self.declining]
        let withUnit = try await audit(ruleset: Self.ruleset(#"unit="days""#, message: message), files: files, items: Self.items)
        #expect(withUnit.findings(for: "TREND").map(\.statement) == ["The value fell from 8 to 6 [days]."])
        let without = try await audit(ruleset: Self.ruleset(message: message), files: files, items: Self.items)
        #expect(without.findings(for: "TREND").map(\.statement) == ["The value fell from 8 to 6 []."])
    }

    @Test("the result carries the unit with its series, failing or passing, and none without one")
    func resultCarriesUnit() async throws {
        let rising = #"<kpi><m d="2026-02-03" v="6"/><m d="2026-03-09" v="7"/><m d="2026-04-01" v="8"/></kpi>"#
        for (file, status) in [(Self.declining, ResultStatus.fail), (rising, .pass)] {
            let run = try await audit(ruleset: Self.ruleset(#"unit="%""#), files: ["k.xml": file], items: Self.items)
            let result = try #require(run.results(for: "TREND").first)
            #expect(result.status == status)
            #expect(result.series?.count == 3)
            #expect(result.seriesUnit == "%")
        }
        let plain = try await audit(ruleset: Self.ruleset(), files: ["k.xml": Self.declining], items: Self.items)
        #expect(try #require(plain.results(for: "TREND").first).seriesUnit == nil)
    }

    @Test("explain states the unit in the check's plain-words summary, and says nothing of one without it")
    func explained() throws {
        let folder = try TemporaryFolder()
        let withUnit = try loadRuleset(Self.ruleset(#"unit="complaints""#), in: folder)
        let summary = try #require(RuleDescriber(ruleset: withUnit).explain(ruleId: "TREND")).check.summary
        #expect(summary.hasSuffix("takes the average per period. The values are in \u{201C}complaints\u{201D}."), "\(summary)")
        let plain = try #require(RuleDescriber(ruleset: loadRuleset(Self.ruleset(), in: folder)).explain(ruleId: "TREND")).check.summary
        #expect(plain.hasSuffix("takes the average per period."), "\(plain)")
    }
}
