/// The id of a recorded run: assigned by the store in recording order, shown as `#N`.
///
/// A type of its own, so a run id is never confused with a count or a limit.
public struct RunID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// The number alone, as in `cxaudit history --run 12`.
    public var description: String { String(rawValue) }

    public static func < (lhs: RunID, rhs: RunID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
