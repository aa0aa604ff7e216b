public import CalendarDates
public import Foundation

/// A moment in UTC, whole seconds: the one timestamp reports carry.
///
/// Reproducible builds' `SOURCE_DATE_EPOCH` convention lets a job pin it, so the
/// same inputs give byte-identical reports (snapshot tests, evidence packs).
public struct ReportTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// `date` rounded down to the second.
    public init(_ date: Date) {
        secondsSinceEpoch = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// Why `SOURCE_DATE_EPOCH` could not be used.
    public struct InvalidSourceDateEpoch: Error, Sendable, Hashable, CustomStringConvertible {
        public let value: String

        public var description: String {
            "SOURCE_DATE_EPOCH '\(value)' is not a number of seconds since 1970-01-01 UTC; set it to an integer such as 1796083200, or unset it"
        }
    }

    /// `SOURCE_DATE_EPOCH` from `environment` when it is set and not empty, else `now`.
    ///
    /// - Throws: `InvalidSourceDateEpoch` when the variable is set to something
    ///   other than a non-negative integer: a pinned timestamp that silently fell
    ///   back to the clock would break reproducibility unnoticed.
    public static func resolve(environment: [String: String], now: Date) throws(InvalidSourceDateEpoch) -> ReportTimestamp {
        guard let value = environment["SOURCE_DATE_EPOCH"], !value.isEmpty else { return ReportTimestamp(now) }
        guard let seconds = Int64(value), seconds >= 0, seconds < 253_402_300_800 else {
            throw InvalidSourceDateEpoch(value: value)
        }
        return ReportTimestamp(secondsSinceEpoch: seconds)
    }

    /// The UTC calendar day.
    public var day: CalendarDate {
        CalendarDate(daysSinceEpoch: Int(secondsSinceEpoch.floorDivided(by: 86_400)))
    }

    /// `HH:MM:SS` in UTC.
    var timeOfDay: String {
        let seconds = Int(secondsSinceEpoch - secondsSinceEpoch.floorDivided(by: 86_400) * 86_400)
        return Self.twoDigits(seconds / 3600) + ":" + Self.twoDigits(seconds / 60 % 60) + ":" + Self.twoDigits(seconds % 60)
    }

    /// RFC 3339 / ISO 8601 in UTC, e.g. `2026-11-30T08:00:00Z`.
    public var iso8601: String { "\(day)T\(timeOfDay)Z" }

    /// ISO 8601 without a zone designator, as JUnit's `timestamp` attribute wants it (the value is UTC).
    public var iso8601WithoutZone: String { "\(day)T\(timeOfDay)" }

    public var description: String { iso8601 }

    public static func < (lhs: ReportTimestamp, rhs: ReportTimestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
