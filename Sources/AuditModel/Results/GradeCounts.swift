/// A number per grade: findings counted by how serious they are.
public struct GradeCounts: Sendable, Hashable, Codable {
    public var major: Int
    public var minor: Int
    public var ofi: Int

    public init(major: Int = 0, minor: Int = 0, ofi: Int = 0) {
        self.major = major
        self.minor = minor
        self.ofi = ofi
    }

    /// Counts each grade in `grades`.
    public init(counting grades: some Sequence<Grade>) {
        self.init()
        for grade in grades { self[grade] += 1 }
    }

    /// The count for one grade.
    public subscript(grade: Grade) -> Int {
        get {
            switch grade {
            case .major: return major
            case .minor: return minor
            case .ofi: return ofi
            }
        }
        set {
            switch grade {
            case .major: major = newValue
            case .minor: minor = newValue
            case .ofi: ofi = newValue
            }
        }
    }

    /// The counts keyed by the grades' raw values (`major`, `minor`, `ofi`), every grade present:
    /// as the JSON results' summary and a pack's `run.json` write them.
    public var byRawValue: [String: Int] {
        Dictionary(uniqueKeysWithValues: Grade.allCases.map { ($0.rawValue, self[$0]) })
    }

    /// All grades together.
    public var total: Int { major + minor + ofi }

    /// The grades as serious as `threshold` or more, together: what `--fail-on` compares.
    public func atLeast(_ threshold: Grade) -> Int {
        Grade.allCases.filter { $0.isAtLeast(threshold) }.reduce(0) { $0 + self[$1] }
    }
}
