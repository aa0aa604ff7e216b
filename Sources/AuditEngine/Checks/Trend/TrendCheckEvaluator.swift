import AuditEvidence
import AuditModel
import CalendarDates
import LibXML

/// *Trends*: a metric per period, over every item of a type, must not decline (or
/// must improve). The direction is the least-squares slope over the last `window`
/// periods, so one noisy month does not decide it.
enum TrendCheckEvaluator {
    /// One dated value read from one item.
    struct Point: Sendable, Hashable {
        let date: CalendarDate
        let value: Double
    }

    /// The per-item half: reads dated values from an item.
    static func points(_ check: TrendCheck, rule: RuleContext, item: LoadedItem) throws(XPathError) -> [Point] {
        let context = rule.xpathContext(over: item.document.document)
        context.setVariable("item", .string(item.item.id))
        let records: [XMLNode?]
        if let select = check.select {
            records = try context.evaluate(select.expression).nodes
        } else {
            records = [nil]
        }
        let value = try context.compile(check.value.expression)
        let date = try check.date.map { text throws(XPathError) in try context.compile(text.expression) }
        var points: [Point] = []
        for record in records {
            let number = try context.evaluate(value, at: record).number
            guard !number.isNaN else { continue }
            let day: CalendarDate?
            if let date {
                day = CalendarDate(iso: try context.evaluate(date, at: record).string)
            } else {
                day = item.item.effectiveDate
            }
            guard let day, day <= rule.environment.asOf else { continue }
            points.append(Point(date: day, value: number))
        }
        return points
    }

    /// The combining half: buckets points into periods and judges the slope.
    ///
    /// - Parameter coverage: The spans the evidence items cover (declared period, else up to
    ///   the audit date). Counts and sums over a period the evidence covers only in part
    ///   (the month the log starts in, the quarter still running) are left out, because
    ///   they are not comparable with full periods.
    static func conclude(
        _ check: TrendCheck, rule: RuleContext, points: [Point], coverage: [ClosedRange<CalendarDate>], register: XMLDocument
    ) throws(XPathError) -> (RuleResult, [Finding]) {
        let unit = PeriodUnit(rawValue: rule.parameters.text(check.period)) ?? .month
        let window = max(2, rule.parameters.integer(check.window) ?? 12)
        let tolerance = rule.parameters.number(check.tolerance) ?? 0
        let countsVolume = check.aggregate == .count || check.aggregate == .sum
        let complete = { (date: CalendarDate) -> Bool in
            let period = unit.bounds(containing: date)
            return coverage.contains { $0.contains(period.lowerBound) && $0.contains(period.upperBound) }
        }
        let usable = points.filter { $0.value.isFinite && (!countsVolume || complete($0.date)) }
        let grouped = Dictionary(grouping: usable) { unit.label(for: $0.date) }
        let series = grouped.keys.sorted().suffix(window).map { label in
            (label: label, value: aggregate(grouped[label, default: []].map(\.value), check.aggregate))
        }.filter { $0.value.isFinite }
        let factory = rule.factory
        let points = series.map { SeriesPoint(period: $0.label, value: $0.value) }
        let seriesText = series.map { "\($0.label): \(XPathValue.format($0.value))" }.joined(separator: "; ")
        var measurements = [
            Measurement(name: "periods", value: String(series.count), number: Double(series.count)),
            Measurement(name: "series", value: seriesText),
        ]
        guard series.count >= 2, let first = series.first, let last = series.last else {
            let statement =
                "Only \(series.count) \(unit.rawValue) period(s) of \(check.evidenceType) data up to \(rule.environment.asOf); at least 2 are needed to show a trend."
            let finding = factory.finding(statement: statement, evidence: rule.typeEvidence(), measurements: measurements)
            let result = factory.result(
                itemId: nil, status: .fail, statement: statement, measurements: measurements, findings: [finding], series: points,
                seriesUnit: check.unit)
            return (result, [finding])
        }
        let slope = leastSquaresSlope(series.map(\.value))
        let towardsBetter = check.better == .higher ? slope : -slope
        let holds: Bool
        switch check.requirement {
        case .notDeclining: holds = towardsBetter >= -tolerance
        case .improving: holds = towardsBetter > tolerance
        }
        measurements += [
            Measurement(name: "first", value: XPathValue.format(first.value), number: first.value),
            Measurement(name: "last", value: XPathValue.format(last.value), number: last.value),
            Measurement(name: "slope", value: XPathValue.format(slope), number: slope),
        ]
        let requirementText = check.requirement == .improving ? "improve" : "not worsen"
        let adjective = unit.adjective
        let better = check.better == .higher ? "higher" : "lower"
        if holds {
            let statement =
                "The \(adjective) \(check.aggregate.rawValue) of \(check.evidenceType) moved from \(XPathValue.format(first.value)) (\(first.label)) to \(XPathValue.format(last.value)) (\(last.label)); slope \(XPathValue.format(slope)) per \(unit.rawValue) meets the requirement to \(requirementText) (\(better) is better)."
            let result = factory.result(
                itemId: nil, status: .pass, statement: statement, measurements: measurements, series: points, seriesUnit: check.unit)
            return (result, [])
        }
        let statement: String
        if let message = check.message {
            let context = rule.xpathContext(over: register)
            let variables: [(String, XPathVariableValue)] = [
                ("first", .number(first.value)), ("last", .number(last.value)), ("slope", .number(slope)),
                ("periods", .number(Double(series.count))), ("series", .string(seriesText)),
                ("window", .number(Double(window))), ("tolerance", .number(tolerance)),
                ("first-period", .string(first.label)), ("last-period", .string(last.label)),
                ("unit", .string(check.unit ?? "")),
            ]
            for (name, value) in variables { context.setVariable(name, value) }
            statement = try MessageRenderer.render(message, in: context)
        } else {
            statement =
                "The \(adjective) \(check.aggregate.rawValue) of \(check.evidenceType) went from \(XPathValue.format(first.value)) (\(first.label)) to \(XPathValue.format(last.value)) (\(last.label)) over \(series.count) periods; the trend (slope \(XPathValue.format(slope)) per \(unit.rawValue), \(better) is better) fails the requirement to \(requirementText)."
        }
        let finding = factory.finding(statement: statement, evidence: rule.typeEvidence(), measurements: measurements)
        let result = factory.result(
            itemId: nil, status: .fail, statement: statement, measurements: measurements, findings: [finding], series: points,
            seriesUnit: check.unit)
        return (result, [finding])
    }

    static func aggregate(_ values: [Double], _ kind: TrendCheck.Aggregate) -> Double {
        switch kind {
        case .avg: return Statistics.mean(values)
        case .sum: return values.reduce(0, +)
        case .count: return Double(values.count)
        case .min: return values.min() ?? .nan
        case .max: return values.max() ?? .nan
        case .median: return Statistics.percentile(values, 50)
        }
    }

    /// Slope of the least-squares line through (0, y0), (1, y1), …
    static func leastSquaresSlope(_ values: [Double]) -> Double {
        let count = Double(values.count)
        guard values.count > 1 else { return 0 }
        let meanX = (count - 1) / 2
        let meanY = values.reduce(0, +) / count
        var numerator = 0.0
        var denominator = 0.0
        for (index, value) in values.enumerated() {
            let dx = Double(index) - meanX
            numerator += dx * (value - meanY)
            denominator += dx * dx
        }
        return numerator / denominator
    }
}
