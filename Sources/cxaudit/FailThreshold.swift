import ArgumentParser
import AuditModel

/// The least serious grade that makes `check` exit with status 1.
enum FailThreshold: String, CaseIterable, ExpressibleByArgument {
    case major
    case minor
    case ofi
    case never

    var grade: Grade? {
        switch self {
        case .major: return .major
        case .minor: return .minor
        case .ofi: return .ofi
        case .never: return nil
        }
    }
}
