/// The period buckets trends are computed over.
public enum PeriodUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case month
    case quarter
    case half
    case year

    /// The adjective for statements: `monthly`, `quarterly`, `half-yearly`, `yearly`.
    public var adjective: String {
        switch self {
        case .month: return "monthly"
        case .quarter: return "quarterly"
        case .half: return "half-yearly"
        case .year: return "yearly"
        }
    }

    /// The first and last day of the period containing `date`.
    public func bounds(containing date: CalendarDate) -> ClosedRange<CalendarDate> {
        let months: Int
        switch self {
        case .month: months = 1
        case .quarter: months = 3
        case .half: months = 6
        case .year: months = 12
        }
        let startMonth = (date.month - 1) / months * months + 1
        let first = CalendarDate(year: date.year, month: startMonth, day: 1) ?? date
        return first...first.adding(months: months).adding(days: -1)
    }

    /// The label of the period containing `date`: `2026-03`, `2026-Q1`, `2026-H1`, `2026`.
    /// Labels sort chronologically as strings.
    public func label(for date: CalendarDate) -> String {
        let year = CalendarDate.pad(date.year, 4)
        switch self {
        case .month: return "\(year)-\(CalendarDate.pad(date.month, 2))"
        case .quarter: return "\(year)-Q\((date.month - 1) / 3 + 1)"
        case .half: return "\(year)-H\(date.month <= 6 ? 1 : 2)"
        case .year: return year
        }
    }
}
