import Foundation
import Logging

/// Logs for scheduled jobs: swift-log on standard error, at a chosen level.
enum JobLogging {
    typealias Logger = Logging.Logger

    static let levelNames = Logging.Logger.Level.allCases.map(\.rawValue)

    static func level(named name: String) -> Logging.Logger.Level? {
        Logging.Logger.Level(rawValue: name)
    }

    /// A logger writing to standard error at `levelName` (unknown names mean `notice`).
    static func logger(level levelName: String) -> Logging.Logger {
        var logger = Logging.Logger(label: "cxaudit") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = level(named: levelName) ?? .notice
        return logger
    }
}

/// A one-line progress display on standard error, only when it is a terminal
/// (never in cron or CI logs).
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(_ text: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
