public import AuditModel
public import CalendarDates
public import Foundation

/// One clause's verdict and score in one recorded run: a point of its trend, which
/// is itself evidence for continual improvement (ISO 9001 10.3).
public struct ClausePoint: Sendable, Hashable, Codable {
    public var run: RunID
    public var recordedAt: Date
    public var asOf: CalendarDate
    public var rulesetId: String
    public var clause: String
    public var title: String
    public var verdict: ClauseVerdict
    /// The share of the clause's evaluated rules that conform, in percent; nil when
    /// none of its rules was evaluated in that run.
    public var score: Double?
    /// The edition the clause's ruleset audited against in that run (`iso9001-2015 2015`);
    /// nil for runs recorded before editions were, where a change cannot be told.
    public var edition: String?

    public init(
        run: RunID, recordedAt: Date, asOf: CalendarDate, rulesetId: String, clause: String, title: String, verdict: ClauseVerdict,
        score: Double?, edition: String? = nil
    ) {
        self.edition = edition
        self.run = run
        self.recordedAt = recordedAt
        self.asOf = asOf
        self.rulesetId = rulesetId
        self.clause = clause
        self.title = title
        self.verdict = verdict
        self.score = score
    }
}

/// A clause's points over the recorded runs, oldest first: what a report draws as a trend.
public struct ClauseTrend: Sendable, Hashable, Codable {
    public var rulesetId: String
    public var clause: String
    /// The clause title in the newest run.
    public var title: String
    public var points: [ClausePoint]

    public init(rulesetId: String, clause: String, title: String, points: [ClausePoint]) {
        self.rulesetId = rulesetId
        self.clause = clause
        self.title = title
        self.points = points
    }

    /// Points of many clauses, oldest first, as one trend per ruleset and clause, in ruleset
    /// then clause-number order; each trend's title is the newest point's.
    public static func grouping(_ points: [ClausePoint]) -> [ClauseTrend] {
        var trends: [String: ClauseTrend] = [:]
        for point in points {
            let key = "\(point.rulesetId)\u{0}\(point.clause)"
            trends[key, default: ClauseTrend(rulesetId: point.rulesetId, clause: point.clause, title: point.title, points: [])].points.append(point)
            trends[key]?.title = point.title
        }
        return trends.values.sorted {
            ($0.rulesetId, ClauseNumber($0.clause)) < ($1.rulesetId, ClauseNumber($1.clause))
        }
    }

    /// Where the edition the ruleset audits against changed between two of the points.
    public var editionBreaks: [EditionBreak] {
        EditionBreak.breaks(in: points)
    }
}

/// Where the edition audited against changed between two consecutive points of a trend:
/// the scores either side judge different requirements, so a trend shows the break rather
/// than compare across it.
public struct EditionBreak: Sendable, Hashable, Codable {
    /// The first run judged by the new edition.
    public var run: RunID
    /// The edition before and after (`iso9001-2015 2015` → `iso9001-2026 2026`).
    public var from: String
    public var to: String

    public init(run: RunID, from: String, to: String) {
        self.run = run
        self.from = from
        self.to = to
    }

    /// The breaks in `points` (oldest first): every point whose edition differs from the last
    /// known one before it. Points without an edition (recorded before editions were) are
    /// skipped, never a break: what changed then is not known.
    public static func breaks(in points: [ClausePoint]) -> [EditionBreak] {
        var breaks: [EditionBreak] = []
        var last: String?
        for point in points {
            guard let edition = point.edition else { continue }
            if let previous = last, previous != edition {
                breaks.append(EditionBreak(run: point.run, from: previous, to: edition))
            }
            last = edition
        }
        return breaks
    }
}
