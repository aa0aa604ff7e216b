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
