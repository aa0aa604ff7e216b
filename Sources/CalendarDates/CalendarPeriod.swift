/// The period buckets trends are computed over.
public enum PeriodUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case month
    case quarter
    case half
    case year

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
