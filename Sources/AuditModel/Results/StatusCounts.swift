/// A number per `ResultStatus`: rule results counted by outcome, every status its own.
public struct StatusCounts: Sendable, Hashable, Codable {
    public var pass: Int
    public var fail: Int
    public var error: Int
    public var notApplicable: Int
    public var notChecked: Int
    public var waived: Int

    public init(pass: Int = 0, fail: Int = 0, error: Int = 0, notApplicable: Int = 0, notChecked: Int = 0, waived: Int = 0) {
        self.pass = pass
        self.fail = fail
        self.error = error
        self.notApplicable = notApplicable
        self.notChecked = notChecked
        self.waived = waived
    }

    /// Counts each status in `statuses`.
    public init(counting statuses: some Sequence<ResultStatus>) {
        self.init()
        for status in statuses { self[status] += 1 }
    }

    /// The count for one status.
    public subscript(status: ResultStatus) -> Int {
        get {
            switch status {
            case .pass: return pass
            case .fail: return fail
            case .error: return error
            case .notapplicable: return notApplicable
            case .notchecked: return notChecked
            case .waived: return waived
            }
        }
        set {
            switch status {
            case .pass: pass = newValue
            case .fail: fail = newValue
            case .error: error = newValue
            case .notapplicable: notApplicable = newValue
            case .notchecked: notChecked = newValue
            case .waived: waived = newValue
            }
        }
    }

    /// The counts keyed by the statuses' raw values (`pass`, …, `notapplicable`, `waived`), every
    /// status present: as the JSON results' summary and a pack's `run.json` write them.
    public var byRawValue: [String: Int] {
        Dictionary(uniqueKeysWithValues: ResultStatus.allCases.map { ($0.rawValue, self[$0]) })
    }

    /// All results together.
    public var total: Int { ResultStatus.allCases.reduce(0) { $0 + self[$1] } }
}
