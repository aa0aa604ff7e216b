/// The output formats `cxaudit check --format` accepts.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Human-readable, grouped by clause; coloured on a terminal.
    case console
    /// The versioned result document (`docs/json-results.md`).
    case json

    /// The file extension for `--output-dir` style outputs.
    public var fileExtension: String {
        switch self {
        case .console: return "txt"
        case .json: return "json"
        }
    }
}
