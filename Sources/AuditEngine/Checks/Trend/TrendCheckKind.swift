import AuditEvidence
import AuditModel
import CalendarDates
import LibXML

/// `<trend>`: a metric per period, over all items of a type, must not decline (or must improve).
enum TrendCheckKind: CheckKindDefinition {
    static let kind = CheckKind.trend

    static func unwrap(_ check: RuleCheck) -> TrendCheck? {
        if case let .trend(check) = check { return check }
        return nil
    }

    static func read(_ element: XMLNode, _ reader: CheckElementReader) -> RuleCheck {
        .trend(
            TrendCheck(
                evidenceType: reader.attribute(element, "evidence"), select: reader.optionalXPath(element, "select"),
                value: reader.xpath(element, "value"), date: reader.optionalXPath(element, "date"),
                period: ValueReference(element.attribute("period") ?? "month"),
                aggregate: TrendCheck.Aggregate(rawValue: element.attribute("aggregate") ?? "avg") ?? .avg,
                better: TrendCheck.Better(rawValue: reader.attribute(element, "better")) ?? .higher,
                requirement: TrendCheck.Requirement(rawValue: element.attribute("require") ?? "not-declining") ?? .notDeclining,
                window: ValueReference(element.attribute("window") ?? "12"), tolerance: ValueReference(element.attribute("tolerance") ?? "0"),
                unit: unit(element), message: reader.messageTemplate(element)))
    }

    /// `unit`, white space folded as in all ruleset prose; the schema refuses one that is empty
    /// or only spaces, so nil means the attribute is absent.
    private static func unit(_ element: XMLNode) -> String? {
        element.attribute("unit").map(CheckElementReader.normalized).flatMap { $0.isEmpty ? nil : $0 }
    }

    static let variables: Set<String> = [
        "first", "last", "slope", "periods", "series", "window", "tolerance", "first-period", "last-period", "unit",
    ]

    static func validate(_ check: TrendCheck, _ validation: inout RuleValidation) {
        let parameters = validation.parameters
        validation.xpath(check.select, parameters, "select")
        validation.xpath(check.value, parameters, "value")
        validation.xpath(check.date, parameters, "date")
        validation.value(check.period, [.string], "period", expected: "one of month, quarter, half, year") { PeriodUnit(rawValue: $0) != nil }
        if case let .parameter(name) = check.period, let parameter = validation.ruleset.parameter(named: name),
            PeriodUnit(rawValue: parameter.defaultValue.text) == nil
        {
            validation.report(
                parameter.location,
                "parameter '\(name)' is used as a trend period but '\(parameter.defaultValue.text)' is not one of month, quarter, half, year")
        }
        validation.value(check.window, [.integer], "window", expected: "an integer of at least 2") { Int($0).map { $0 >= 2 } ?? false }
        if case let .parameter(name) = check.window, let parameter = validation.ruleset.parameter(named: name),
            case let .integer(count) = parameter.defaultValue, count < 2
        {
            validation.report(parameter.location, "parameter '\(name)' is used as a trend window but \(count) is less than 2")
        }
        validation.value(check.tolerance, [.decimal, .integer, .percentage], "tolerance", valid: RuleValidation.isNumber)
        validation.message(check.message, parameters.union(variables))
    }

    static func expressions(_ check: TrendCheck, on type: String?) -> [XPathText] {
        [check.select, check.date].compactMap { $0 } + [check.value]
    }

    static func messages(_ check: TrendCheck) -> [MessageTemplate] { check.message.map { [$0] } ?? [] }
    /// A trend's message is rendered over the register, not the items.
    static let rendersMessagesOnItems = false
    static func values(_ check: TrendCheck) -> [ValueReference] { [check.period, check.window, check.tolerance] }

    static func partials(_ check: TrendCheck, rule: RuleContext, item: LoadedItem) throws -> [ItemOutcome.Partial] {
        [.trendPoints(try TrendCheckEvaluator.points(check, rule: rule, item: item))]
    }

    /// One result over all items; an item that could not be read makes it an error.
    static func combine(_ check: TrendCheck, _ evidence: RuleEvidence) throws -> ([RuleResult], [Finding]) {
        let items = evidence.items(ofType: check.evidenceType)
        guard !items.isEmpty else { return evidence.noEvidence(check.evidenceType) }
        var points: [TrendCheckEvaluator.Point] = []
        for outcome in evidence.outcomes(ofType: check.evidenceType) {
            if let loadError = outcome.loadErrorNamingItem {
                return ([evidence.errorResult(nil, loadError)], [])
            }
            if let shortfall = outcome.shortfall { return evidence.shortfallResult(outcome, shortfall) }
            for partial in evidence.partials(outcome) {
                if case let .trendPoints(itemPoints) = partial { points += itemPoints }
                if case let .failed(message) = partial { return ([evidence.errorResult(outcome.item.id, message)], []) }
            }
        }
        let asOf = evidence.asOf
        let coverage = items.map { item -> ClosedRange<CalendarDate> in
            let end = min(item.periodEnd ?? asOf, asOf)
            let start = min(item.periodStart ?? CalendarDate(daysSinceEpoch: -719_162), end)
            return start...end
        }
        let (result, findings) = try TrendCheckEvaluator.conclude(
            check, rule: evidence.rule, points: points, coverage: coverage, register: evidence.register.document)
        return ([result], findings)
    }

    static func describe(_ check: TrendCheck, _ describer: RuleDescriber) -> CheckDescription {
        let source = check.select.map { "`\(check.value.expression)` of each record selected by `\($0.expression)`" }
            ?? "`\(check.value.expression)` of each item's document"
        let dated = check.date.map { "dated by `\($0.expression)`" } ?? "dated by the item's date in the register"
        let period = describer.reading(check.period, .string)
        var steps = ["Keeps the most recent \(describer.reading(check.window, .integer)) periods."]
        if check.aggregate == .count || check.aggregate == .sum {
            steps.append(
                "Leaves out periods the evidence covers only in part (the month a log starts in, the period still running): their \(words(check.aggregate)) would not be comparable.")
        }
        steps.append("Fits a least-squares line through the values per period; its slope is the trend.")
        steps.append("The slope \(requirement(check, describer)).")
        steps += describer.failureStatement(check.message)
        let unit = check.unit.map { " The values are in \u{201C}\($0)\u{201D}." } ?? ""
        return CheckDescription(
            kind: kind,
            summary: "Over all `\(check.evidenceType)` items together, takes \(source), \(dated), groups the values by \(period) and takes the \(words(check.aggregate)) per period.\(unit)",
            steps: steps,
            outcome: "One result for the rule as a whole: pass when the slope meets the requirement; otherwise fail, with one finding (also when fewer than 2 periods have data). If any `\(check.evidenceType)` item cannot be read, the result is an error. \(describer.noEvidence([check.evidenceType]))")
    }

    static func howToPass(_ check: TrendCheck, _ describer: RuleDescriber) -> [String] {
        let direction = check.requirement == .improving ? "improve" : "not get worse"
        return [
            "Have data in at least 2 periods, and make the \(words(check.aggregate)) per \(describer.reading(check.period, .string)) \(direction) over the last \(describer.reading(check.window, .integer)) periods: the slope \(requirement(check, describer))."
        ]
    }

    private static func requirement(_ check: TrendCheck, _ describer: RuleDescriber) -> String {
        let better = check.better == .higher ? "higher is better" : "lower is better"
        switch check.requirement {
        case .notDeclining:
            return "must not move in the wrong direction (\(better)) by more than \(describer.reading(check.tolerance, .decimal)) per period"
        case .improving:
            return "must move in the right direction (\(better)) by more than \(describer.reading(check.tolerance, .decimal)) per period"
        }
    }

    /// The aggregate in words.
    static func words(_ aggregate: TrendCheck.Aggregate) -> String {
        switch aggregate {
        case .avg: return "average"
        case .sum: return "sum"
        case .count: return "count"
        case .min: return "minimum"
        case .max: return "maximum"
        case .median: return "median"
        }
    }

    static let check = #"<trend evidence="survey" value="number(/survey/@score)" period="quarter" window="4" better="higher"/>"#
    static func waves(_ scores: [Int]) -> (items: [CheckExample.Item], files: [String: String]) {
        let dates = ["2025-08-15", "2025-11-15", "2026-02-15", "2026-05-15"]
        let items = zip(dates, scores).enumerated().map { index, pair in
            CheckExample.Item(id: "S\(index + 1)", type: "survey", file: "s\(index + 1).xml", format: "xml", date: pair.0)
        }
        let files = Dictionary(uniqueKeysWithValues: scores.enumerated().map { ("s\($0 + 1).xml", "<survey score=\"\($1)\"/>") })
        return (items, files)
    }
    static let examples = [
        CheckExample(
            description: "scores rising over four quarters", check: check, items: waves([70, 72, 75, 78]).items,
            files: waves([70, 72, 75, 78]).files, expected: [.pass], findings: 0),
        CheckExample(
            description: "scores falling over four quarters", check: check, items: waves([78, 75, 72, 70]).items,
            files: waves([78, 75, 72, 70]).files, expected: [.fail], findings: 1),
    ]
}
