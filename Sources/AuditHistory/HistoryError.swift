public import Foundation
import GRDB

/// Why the history store cannot be used. Each case names the store's path and says
/// what to do, because the reader is usually a job log, not someone at a debugger.
public enum HistoryError: Error, LocalizedError, Sendable, Equatable {
    /// Nothing at the path yet, and the caller only reads (`cxaudit history`).
    case missing(path: String)
    /// The store was written by a newer cxaudit: reading it could misinterpret columns.
    case newerVersion(path: String, version: Int)
    /// The file is not an SQLite database, is damaged, or is some other program's database.
    case notAStore(path: String, reason: String)
    /// The folder cannot be created or the file cannot be opened for writing.
    case unwritable(path: String, reason: String)
    /// Another process held the store locked for longer than the busy timeout.
    case busy(path: String, seconds: Int)
    /// No run with this id was recorded in the store.
    case noSuchRun(path: String, id: Int64)
    /// The database server cannot be reached, or refused the login.
    case unreachable(path: String, reason: String)
    /// Any other failure of the database.
    case failed(path: String, reason: String)

    /// The store's path, for callers that show it apart from the message.
    public var path: String {
        switch self {
        case let .missing(path), let .newerVersion(path, _), let .notAStore(path, _), let .unwritable(path, _), let .busy(path, _),
            let .noSuchRun(path, _), let .unreachable(path, _), let .failed(path, _):
            return path
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .missing(path):
            return "\(path): error: no history store yet. Record runs with `cxaudit check --history` "
                + "(or history = true in cxaudit.toml), or pass --store with the store's path."
        case let .newerVersion(path, version):
            return "\(path): error: the history store has schema version \(version), newer than this cxaudit "
                + "understands (\(HistorySchema.version)). Use the cxaudit that wrote it or a newer one; this one will not touch it."
        case let .notAStore(path, reason):
            return "\(path): error: not a cxaudit history store (\(reason)). If it is damaged, move it aside "
                + "(a new store is created on the next recorded run) or restore it from a backup; otherwise pass --store with another path."
        case let .unwritable(path, reason):
            return "\(path): error: cannot create or write the history store (\(reason)). Make the folder writable "
                + "for this user, or pass --store (check: --history-store) with a writable path."
        case let .busy(path, seconds):
            return "\(path): error: the history store stayed locked by another process for \(seconds) seconds. "
                + "Retry when the other job has finished, or give each site its own store."
        case let .noSuchRun(path, id):
            return "\(path): error: no run #\(id) in the history store. `cxaudit history` lists the recorded runs."
        case let .unreachable(path, reason):
            return "\(path): error: cannot reach the history database (\(reason)). Check that the server runs and the address, "
                + "user and password (PGPASSWORD or a password file, PGPASSFILE) are right; the run itself is not recorded."
        case let .failed(path, reason):
            return "\(path): error: the history store failed: \(reason)."
        }
    }

    /// Maps an error from SQLite, GRDB or the file system to the case that says what to do.
    static func from(_ error: any Error, path: String, busyTimeout: Int) -> HistoryError {
        if let error = error as? HistoryError { return error }
        guard let error = error as? DatabaseError else {
            return .failed(path: path, reason: error.localizedDescription)
        }
        let reason = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notAStore(path: path, reason: reason)
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_FULL, .SQLITE_IOERR:
            return .unwritable(path: path, reason: reason)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path, seconds: busyTimeout)
        default:
            return .failed(path: path, reason: reason)
        }
    }
}
