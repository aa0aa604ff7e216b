/// An inline SVG line chart of the conformity score over the recorded runs, drawn so
/// that it does not exaggerate: the y axis always spans 0–100 %, the whole range a
/// score can take, so a move of one point looks like one point and not like a
/// collapse. The x axis is the runs in recording order, one step per run (not to
/// scale in time), each labelled with its audit date and number.
struct ScoreHistoryChart {
    let runs: [RecordedRun]

    private let width = 640.0
    private let left = 58.0
    private let right = 16.0
    private let top = 16.0
    private let plotHeight = 170.0
    /// Space between the plot's edge and the first and last run, so their labels fit.
    private let inset = 36.0
    /// Runs beyond which the date labels are slanted so they do not overlap.
    private let straightLabelLimit = 6

    init(runs: [RecordedRun]) {
        self.runs = runs
    }

    /// The chart; empty when there is no run.
    var svg: String {
        guard !runs.isEmpty else { return "" }
        let slanted = runs.count > straightLabelLimit
        let bottom = slanted ? 86.0 : 52.0
        let height = top + plotHeight + bottom
        let plotWidth = width - left - right - 2 * inset
        func x(_ position: Int) -> Double {
            runs.count == 1 ? left + inset + plotWidth / 2 : left + inset + plotWidth * Double(position) / Double(runs.count - 1)
        }
        func y(_ score: Double) -> Double { top + plotHeight * (1 - max(0, min(100, score)) / 100) }
        func f(_ value: Double) -> String { ReportText.number((value * 10).rounded() / 10) }

        let scores = runs.map { $0.conformityScore.map { "\(ReportText.short($0)) %" } ?? "no score" }
        let described = zip(runs, scores).map { "\($0.label): \($1)" }.joined(separator: "; ")
        var svg = "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"100%\" class=\"trend history-chart\" role=\"img\" aria-label=\"Conformity score per recorded run, 0 to 100 percent: \(XMLMarkup.escape(described))\">"
        for tick in stride(from: 0.0, through: 100, by: 25) {
            let position = y(tick)
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(position))\" x2=\"\(f(width - right))\" y2=\"\(f(position))\" class=\"\(tick == 0 ? "baseline" : "grid")\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(position + 4))\" text-anchor=\"end\" class=\"axis\">\(ReportText.number(tick)) %</text>"
        }
        svg += "<text transform=\"translate(14 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"axis-title\">Conformity score (%)</text>"
        let points = runs.enumerated().compactMap { position, run in run.conformityScore.map { (x(position), y($0)) } }
        if points.count > 1 {
            svg += "<polyline points=\"\(points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\" class=\"line pass\"/>"
        }
        for (position, run) in runs.enumerated() {
            let px = x(position)
            if let score = run.conformityScore {
                svg += "<circle cx=\"\(f(px))\" cy=\"\(f(y(score)))\" r=\"4\" class=\"dot pass\"/>"
                svg += "<text x=\"\(f(px))\" y=\"\(f(y(score) - 9))\" text-anchor=\"middle\" class=\"value\">\(ReportText.short(score)) %</text>"
            }
            let labelY = top + plotHeight + 16
            if slanted {
                svg += "<text transform=\"translate(\(f(px)) \(f(labelY))) rotate(-35)\" text-anchor=\"end\" class=\"axis\">\(XMLMarkup.escape(run.label))</text>"
            } else {
                svg += "<text x=\"\(f(px))\" y=\"\(f(labelY))\" text-anchor=\"middle\" class=\"axis\">\(run.asOf)</text>"
                svg += "<text x=\"\(f(px))\" y=\"\(f(labelY + 14))\" text-anchor=\"middle\" class=\"axis\">#\(run.number)</text>"
            }
        }
        svg += "<text x=\"\(f(left + (width - left - right) / 2))\" y=\"\(f(height - 4))\" text-anchor=\"middle\" class=\"axis-title\">Recorded run (audit date and number)</text>"
        return svg + "</svg>"
    }
}
