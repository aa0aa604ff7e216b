/// Descriptive statistics used by the `cx:` aggregate functions.
public enum Statistics {
    /// Arithmetic mean; NaN for no values.
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// Percentile by linear interpolation between closest ranks (the method of
    /// Excel's PERCENTILE.INC and NumPy's default); NaN for no values.
    public static func percentile(_ values: [Double], _ rank: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let position = rank / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Sample standard deviation (n − 1); NaN for fewer than two values.
    public static func sampleStandardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return .nan }
        let average = mean(values)
        let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// Net Promoter Score from 0–10 ratings: % promoters (9–10) − % detractors (0–6).
    /// Ratings outside 0–10 are ignored; NaN when none remain.
    public static func netPromoterScore(_ ratings: [Double]) -> Double {
        let valid = ratings.filter { (0...10).contains($0) }
        guard !valid.isEmpty else { return .nan }
        let promoters = valid.filter { $0 >= 9 }.count
        let detractors = valid.filter { $0 <= 6 }.count
        return Double(promoters - detractors) / Double(valid.count) * 100
    }

    /// Percentage of values at or above `threshold` (CSAT "top-box" share); NaN for no values.
    public static func shareAtLeast(_ values: [Double], _ threshold: Double) -> Double {
        values.isEmpty ? .nan : Double(values.filter { $0 >= threshold }.count) / Double(values.count) * 100
    }
}
