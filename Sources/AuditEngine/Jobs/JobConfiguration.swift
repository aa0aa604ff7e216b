import AuditEvidence
public import AuditModel
public import Foundation
import TOMLKit

/// Defaults for a compliance job, read from `cxaudit.toml` in the evidence folder,
/// so a nightly job is one short command and its settings live with the evidence.
/// Command-line flags override every setting. Unknown keys are errors, as in
/// swift-format's configuration: a misspelt setting must not be silently ignored.
/// A setting that names one of a flag's values is read into the flag's own type, and
/// a name that is not one of them is an error too.
public struct JobConfiguration: Sendable, Equatable {
    /// The file name looked for in the evidence folder.
    public static let fileName = "cxaudit.toml"

    /// Ruleset, profile, waiver, baseline and output paths, resolved against the file's folder.
    public var rulesets: [URL] = []
    public var profiles: [URL] = []
    public var waivers: [URL] = []
    public var formats: [ReportFormat] = []
    public var outputDirectory: URL?
    public var failOn: FailThreshold?
    public var failOnNew: Bool?
    public var baseline: URL?
    public var history: Bool?
    public var historyStore: HistoryLocation?
    /// The site runs are recorded for in a shared history (docs/multi-site.md).
    public var site: String?
    public var jobs: Int?
    public var logLevel: String?
    public var csvDialect: CSVDialect?

    public init() {}

    /// Why a configuration file cannot be used.
    public enum ConfigurationError: Error, LocalizedError, Sendable, Equatable {
        case invalid(file: String, line: Int?, column: Int?, message: String)

        public var errorDescription: String? {
            guard case let .invalid(file, line, column, message) = self else { return nil }
            let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(file)\(position): error: \(message). Fix \(JobConfiguration.fileName) (see docs/jobs.md) or pass the setting as a flag."
        }
    }

    private static let keys: Set<String> = [
        "version", "rulesets", "profiles", "waivers", "formats", "output-dir", "fail-on", "fail-on-new", "baseline", "history",
        "history-store", "site", "jobs", "log-level", "csv-dialect",
    ]

    /// Reads `cxaudit.toml` from `folder`; nil when there is none.
    public static func load(from folder: URL) throws(ConfigurationError) -> JobConfiguration? {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let name = url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .invalid(file: name, line: nil, column: nil, message: "cannot read the file (\(FileErrorReason.describe(error, reading: url)))")
        }
        return try parse(text, file: name, base: folder)
    }

    /// Parses configuration text; relative paths resolve against `base`.
    public static func parse(_ text: String, file: String, base: URL) throws(ConfigurationError) -> JobConfiguration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .invalid(file: file, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw .invalid(file: file, line: nil, column: nil, message: "\(error)")
        }
        func fail(_ key: String, _ message: String) -> ConfigurationError {
            .invalid(file: file, line: line(of: key, in: text), column: nil, message: message)
        }
        for key in table.keys.sorted() where !keys.contains(key) {
            throw fail(key, "unknown setting '\(key)' (known: \(keys.sorted().joined(separator: ", ")))")
        }
        if let version = table["version"] {
            guard version.int == 1 else { throw fail("version", "version must be 1 (this cxaudit reads configuration version 1)") }
        }
        func strings(_ key: String) throws(ConfigurationError) -> [String] {
            guard let value = table[key] else { return [] }
            if let single = value.string { return [single] }
            guard let array = value.array else { throw fail(key, "'\(key)' must be a string or a list of strings") }
            var result: [String] = []
            for element in array {
                guard let string = element.string else { throw fail(key, "'\(key)' must be a list of strings") }
                result.append(string)
            }
            return result
        }
        func string(_ key: String, allowed: [String]? = nil) throws(ConfigurationError) -> String? {
            guard let value = table[key] else { return nil }
            guard let string = value.string else { throw fail(key, "'\(key)' must be a string") }
            if let allowed, !allowed.contains(string) {
                throw fail(key, notOneOf(allowed, key: key, value: string))
            }
            return string
        }
        // A value of the type its flag takes, named exactly as the type names it (in lower case).
        func named<Value: RawRepresentable & CaseIterable>(_ key: String, _ string: String) throws(ConfigurationError) -> Value
        where Value.RawValue == String {
            guard let value = Value(rawValue: string) else {
                throw fail(key, notOneOf(Value.allCases.map(\.rawValue), key: key, value: string))
            }
            return value
        }
        func bool(_ key: String) throws(ConfigurationError) -> Bool? {
            guard let value = table[key] else { return nil }
            guard let flag = value.bool else { throw fail(key, "'\(key)' must be true or false") }
            return flag
        }
        func path(_ text: String) -> URL {
            text.hasPrefix("/") ? URL(fileURLWithPath: text) : base.appendingPathComponent(text).standardizedFileURL
        }
        var configuration = JobConfiguration()
        configuration.rulesets = try strings("rulesets").map(path)
        configuration.profiles = try strings("profiles").map(path)
        configuration.waivers = try strings("waivers").map(path)
        for name in try strings("formats") {
            configuration.formats.append(try named("formats", name))
        }
        configuration.outputDirectory = try string("output-dir").map(path)
        if let threshold = try string("fail-on") {
            configuration.failOn = try named("fail-on", threshold)
        }
        configuration.failOnNew = try bool("fail-on-new")
        configuration.baseline = try string("baseline").map(path)
        configuration.history = try bool("history")
        if let store = try string("history-store") {
            do {
                configuration.historyStore = try HistoryLocation(store, relativeTo: base)
            } catch {
                throw fail("history-store", error.reason)
            }
        }
        configuration.site = try string("site")
        if let dialect = try string("csv-dialect") {
            configuration.csvDialect = try named("csv-dialect", dialect)
        }
        configuration.logLevel = try string("log-level", allowed: ["trace", "debug", "info", "notice", "warning", "error", "critical"])
        if let jobs = table["jobs"] {
            guard let count = jobs.int, count >= 1 else { throw fail("jobs", "'jobs' must be a whole number of at least 1") }
            configuration.jobs = count
        }
        return configuration
    }

    /// Why `value` is not accepted for `key`: the names that are (sorted), and the closest
    /// of them when one is close enough to be what was meant.
    private static func notOneOf(_ accepted: [String], key: String, value: String) -> String {
        let suggestion = NameSuggestion.closest(to: [value], among: accepted).map { " (did you mean '\($0)'?)" } ?? ""
        return "'\(key)' must be one of \(accepted.sorted().joined(separator: ", ")), not '\(value)'\(suggestion)"
    }

    /// The 1-based line where `key` is set, for messages. TOMLKit gives no positions for
    /// keys or values, so this scans the text for the first line that starts with `key =`
    /// (spaces and tabs allowed around it): a value spread over several lines is reported
    /// at its key's line, and a key written quoted or inside a table is not found (the
    /// message then has no line).
    private static func line(of key: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") {
                return index + 1
            }
        }
        return nil
    }
}
