import AuditModel
import CalendarDates
import Foundation
import Testing

@testable import AuditReports

@Suite("Score history chart")
struct ScoreHistoryChartTests {
    static func runs(_ scores: [Double?]) -> [RecordedRun] {
        scores.enumerated().map { position, score in
            RecordedRun(
                number: Int64(position + 1), asOf: CalendarDate(year: 2026, month: position + 1, day: 28) ?? CalendarDate(daysSinceEpoch: 0),
                conformityScore: score, clauses: [])
        }
    }

    @Test("the y axis spans 0–100 % with the unit on every tick, whatever the scores, so a small move looks small")
    func honestAxis() {
        let svg = ScoreHistoryChart(runs: Self.runs([96.5, 97.2])).svg
        for tick in ["0 %", "25 %", "50 %", "75 %", "100 %"] {
            #expect(svg.contains(">\(tick)</text>"), "tick \(tick)")
        }
        #expect(svg.contains("Conformity score (%)"))
        #expect(svg.contains(">96.5 %</text>") && svg.contains(">97.2 %</text>"))
        // 0.7 points on a 170-pixel axis of 100 points is about one pixel, not the whole height.
        let ys = svg.components(separatedBy: "<circle").dropFirst().compactMap { $0.split(separator: "\"").dropFirst(3).first.flatMap { Double($0) } }
        #expect(ys.count == 2)
        #expect(abs((ys.first ?? 0) - (ys.last ?? 0)) < 2)
    }

    @Test("the x axis names each run by audit date and number; a run without a score has no point")
    func runLabels() {
        let svg = ScoreHistoryChart(runs: Self.runs([80, nil, 90])).svg
        #expect(svg.contains(">2026-01-28</text>") && svg.contains(">#3</text>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
        #expect(svg.contains("2026-02-28 #2: no score"))
        let many = ScoreHistoryChart(runs: Self.runs(Array(repeating: 50, count: 12))).svg
        #expect(many.contains("rotate(-35)"), "twelve date labels are slanted so they do not overlap")
        #expect(ScoreHistoryChart(runs: []).svg.isEmpty)
    }
}
