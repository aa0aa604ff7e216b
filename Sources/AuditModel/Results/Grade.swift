/// How an auditor grades a failed requirement, from most to least serious.
public enum Grade: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Major nonconformity: a requirement is not met at all, or a systemic failure.
    case major
    /// Minor nonconformity: an isolated lapse in a requirement that is otherwise met.
    case minor
    /// Opportunity for improvement: conforming, but could be better.
    case ofi

    /// Lower rank is more serious.
    public var rank: Int {
        switch self {
        case .major: return 0
        case .minor: return 1
        case .ofi: return 2
        }
    }

    /// Words an auditor uses.
    public var title: String {
        switch self {
        case .major: return "Major nonconformity"
        case .minor: return "Minor nonconformity"
        case .ofi: return "Opportunity for improvement"
        }
    }

    /// Sorts the most serious first.
    public static func < (lhs: Grade, rhs: Grade) -> Bool {
        lhs.rank < rhs.rank
    }

    /// True when `self` is as serious as `threshold` or more.
    public func isAtLeast(_ threshold: Grade) -> Bool {
        rank <= threshold.rank
    }
}
