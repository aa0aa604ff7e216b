public import Foundation

/// Why the history store cannot be used; each case names the file and says what to do.
public enum HistoryError: Error, LocalizedError, Sendable, Equatable {
    case missing(path: String)
    case newerVersion(path: String, version: Int)
    case unusable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .missing(path):
            return "\(path): error: no history store yet. Record runs with `cxaudit check --history` (or history = true in cxaudit.toml), or pass --store."
        case let .newerVersion(path, version):
            return "\(path): error: the history store has schema version \(version), newer than this cxaudit understands (\(HistoryStore.schemaVersion)). Use a newer cxaudit."
        case let .unusable(path, reason):
            return "\(path): error: cannot use the history store: \(reason). Check the folder is writable and the file is a cxaudit history database."
        }
    }
}
