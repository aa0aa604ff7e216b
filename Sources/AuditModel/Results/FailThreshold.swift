/// The least serious grade of an active finding that makes a run fail (`check` exits
/// with status 1): `--fail-on` and cxaudit.toml's `fail-on`.
public enum FailThreshold: String, Sendable, Hashable, CaseIterable {
    case major
    case minor
    case ofi
    /// No finding fails the run.
    case never

    /// The grade at or above which a finding fails the run; nil for `never`.
    public var grade: Grade? {
        switch self {
        case .major: return .major
        case .minor: return .minor
        case .ofi: return .ofi
        case .never: return nil
        }
    }
}
