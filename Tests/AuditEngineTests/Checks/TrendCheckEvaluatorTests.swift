import AuditModel
import Testing

@Suite("Trends")
struct TrendCheckEvaluatorTests {
    static func ruleset(require: String = "not-declining", better: String = "higher") -> String {
        rulesetXML(
            ruleXML(
                "TREND", grade: "ofi",
                """
                <trend evidence="kpi" select="/kpi/m" value="@v" date="@d" period="month" aggregate="avg" better="\(better)" require="\(require)" window="3"/>
                """))
    }

    static func file(_ values: [(String, Double)]) -> String {
        "<kpi>" + values.map { "<m d=\"\($0.0)\" v=\"\($0.1)\"/>" }.joined() + "</kpi>"
    }

    static let items = [TestItem(id: "K", type: "kpi", file: "k.xml", format: "xml", date: "2026-06-01")]

    @Test("a declining series fails, stating first and last period values")
    func declining() async throws {
        let run = try await audit(
            ruleset: Self.ruleset(),
            files: ["k.xml": Self.file([("2026-01-05", 9), ("2026-02-03", 8), ("2026-02-20", 8), ("2026-03-09", 7), ("2026-04-01", 6)])],
            items: Self.items)
        let finding = try #require(run.findings(for: "TREND").first)
        #expect(finding.grade == .ofi)
        #expect(finding.statement.contains("went from 8 (2026-02) to 6 (2026-04)"))
        #expect(finding.measurements.first { $0.name == "slope" }?.number == -1)
        #expect(finding.measurements.first { $0.name == "series" }?.value == "2026-02: 8; 2026-03: 7; 2026-04: 6")
    }

    @Test("an unreadable item makes the trend an error naming the item once")
    func unreadableItem() async throws {
        let contract = #"<evidence-type id="kpi"><description>KPI</description><records select="/kpi/m"><field name="v" type="number" attribute="true" required="true">The value.</field></records></evidence-type>"#
        let ruleset = rulesetXML(
            evidenceTypes: contract,
            ruleXML("TREND", grade: "ofi", #"<trend evidence="kpi" select="/kpi/m" value="@v" date="@d" period="month" aggregate="avg" better="higher" require="not-declining" window="3"/>"#))
        for file in ["<kpi", #"<kpi><m d="2026-01-05"/></kpi>"#] {
            let run = try await audit(ruleset: ruleset, files: ["k.xml": file], items: Self.items)
            let result = try #require(run.results(for: "TREND").first)
            #expect(result.status == .error)
            #expect(result.statement.contains("item K: "), "\(result.statement)")
            #expect(!result.statement.contains("item K: item K:"), "\(result.statement)")
        }
    }

    @Test("the same series passes when lower is better")
    func lowerIsBetter() async throws {
        let run = try await audit(
            ruleset: Self.ruleset(better: "lower"),
            files: ["k.xml": Self.file([("2026-01-05", 9), ("2026-02-03", 8), ("2026-03-09", 7)])], items: Self.items)
        #expect(run.results(for: "TREND").first?.status == .pass)
    }

    @Test("a flat series is not improving")
    func flatIsNotImproving() async throws {
        let run = try await audit(
            ruleset: Self.ruleset(require: "improving"),
            files: ["k.xml": Self.file([("2026-01-05", 5), ("2026-02-03", 5), ("2026-03-09", 5)])], items: Self.items)
        #expect(run.results(for: "TREND").first?.status == .fail)
    }

    @Test("values dated after the audit date are ignored, and one period is not a trend")
    func needsTwoPeriods() async throws {
        let run = try await audit(
            ruleset: Self.ruleset(), files: ["k.xml": Self.file([("2026-06-05", 5), ("2026-08-01", 1)])], items: Self.items)
        let result = try #require(run.results(for: "TREND").first)
        #expect(result.status == .fail)
        #expect(result.statement.contains("Only 1 month period(s)"))
    }

    @Test("counts leave out periods the evidence covers only in part")
    func partialPeriodsLeftOut() async throws {
        let ruleset = rulesetXML(
            ruleXML(
                "VOLUME", grade: "ofi",
                #"<trend evidence="kpi" select="/kpi/m" value="1" date="@d" period="month" aggregate="count" better="lower" window="6"/>"#))
        // The log covers 2026-01-15 to 2026-04-10: January and April are partial months.
        let dates = ["2026-01-20", "2026-02-01", "2026-02-10", "2026-03-05", "2026-03-06", "2026-04-02"]
        let run = try await audit(
            ruleset: ruleset, files: ["k.xml": Self.file(dates.map { ($0, 1) })],
            items: [TestItem(id: "K", type: "kpi", file: "k.xml", format: "xml", date: "2026-04-10",
                             extra: #" period-start="2026-01-15" period-end="2026-04-10""#)])
        let result = try #require(run.results(for: "VOLUME").first)
        #expect(result.series == [SeriesPoint(period: "2026-02", value: 2), SeriesPoint(period: "2026-03", value: 2)])
        #expect(result.status == .pass)
    }
}
