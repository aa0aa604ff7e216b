/// The audit of a certification cycle a sample is drawn for; MD 1 sizes the sample by it.
public enum AuditStage: String, Sendable, Hashable, Codable, CaseIterable {
    case initial
    case surveillance
    case recertification

    /// MD 1's coefficient of √x in fifths (1, 0.6, 0.8), so that the sample size is found in
    /// integers: y = ⌈(k/5)·√x⌉ is the least y with 25·y² ≥ k²·x, with no rounding error
    /// that could turn 0.6 × √25 = 3 into 4.
    var coefficientFifths: Int {
        switch self {
        case .initial: return 5
        case .surveillance: return 3
        case .recertification: return 4
        }
    }

    /// The coefficient as MD 1 writes it.
    public var coefficient: String {
        switch self {
        case .initial: return "1"
        case .surveillance: return "0.6"
        case .recertification: return "0.8"
        }
    }

    /// The rule as MD 1 writes it: y = √x, y = 0.6√x, y = 0.8√x, rounded up.
    public var rule: String {
        self == .initial ? "y = ⌈√x⌉" : "y = ⌈\(coefficient) × √x⌉"
    }
}
