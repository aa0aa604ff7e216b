import AuditModel
import Testing

@Suite("Rule results")
struct RuleResultTests {
    @Test("a result is not vacuous unless the evaluator says so, and then the JSON says it")
    func vacuous() throws {
        var passed = result(.pass)
        #expect(passed.vacuous == nil)
        #expect(try jsonObject(passed)["vacuous"] == nil)
        passed.vacuous = true
        #expect(try jsonObject(passed)["vacuous"] as? Bool == true)
    }

    @Test("a trend result survives JSON encoding with its series in order")
    func series() throws {
        let trend = RuleResult(
            rulesetId: "rs", ruleId: "T-1", clause: "9.1.2", itemId: nil, evidenceType: "satisfaction-survey", status: .fail, grade: .ofi,
            statement: "CSAT fell.", measurements: [Measurement(name: "slope", value: "-0.3", number: -0.3)], findingIds: ["f1"],
            series: [SeriesPoint(period: "2026-Q1", value: 4.4), SeriesPoint(period: "2026-Q2", value: 4.1)])
        let decoded = try roundTrip(trend)
        #expect(decoded == trend)
        #expect(decoded.series?.map(\.period) == ["2026-Q1", "2026-Q2"])
    }

    @Test("a trend's unit travels with its series through JSON, and is left out when there is none")
    func seriesUnit() throws {
        var trend = result(.fail)
        trend.series = [SeriesPoint(period: "2026-Q1", value: 6.5)]
        #expect(try jsonObject(trend)["seriesUnit"] == nil)
        trend.seriesUnit = "days"
        #expect(try jsonObject(trend)["seriesUnit"] as? String == "days")
        #expect(try roundTrip(trend).seriesUnit == "days")
    }

    @Test("record counts are written only for record-level checks")
    func recordCounts() throws {
        #expect(try jsonObject(result(.pass))["recordsChecked"] == nil)
        var records = result(.fail)
        records.recordsChecked = 40
        records.recordsFailed = 3
        let object = try jsonObject(records)
        #expect(object["recordsChecked"] as? Int == 40)
        #expect(object["recordsFailed"] as? Int == 3)
    }
}
