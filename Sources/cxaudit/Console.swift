import AuditModel
import CalendarDates
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Terminal and process helpers the commands share.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Runs a loading step; a failure prints its message and exits with status 2.
    static func loadOrExit<T, E: Error & LocalizedError>(_ body: () throws(E) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Console.error(error.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }
    }

    static func today() -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Paths in messages are shown relative to the working directory when inside it.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let working = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(working) ? String(path.dropFirst(working.count)) : path
    }

    /// A history store as messages name it: a file relative to here, an address without credentials.
    static func displayLocation(_ location: HistoryLocation) -> String {
        switch location {
        case let .file(url): displayPath(url)
        case .postgres: location.description
        }
    }
}
