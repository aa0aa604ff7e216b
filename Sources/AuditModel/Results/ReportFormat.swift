/// The output formats `cxaudit check --format` and cxaudit.toml's `formats` accept, each
/// for a real consumer (`docs/formats/`). Adding a case does not compile until every
/// switch on it handles it: the file names below and the renderer in AuditReports
/// (`ReportFormat.render`).
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Human-readable, grouped by clause; coloured on a terminal.
    case console
    /// The versioned result document (`docs/json-results.md`), for scripts and archives.
    case json
    /// JUnit XML, for CI test-result views.
    case junit
    /// SARIF 2.1.0, for code-scanning UIs that annotate the evidence files.
    case sarif
    /// SVRL, the Schematron report language, for XML quality-assurance tool chains.
    case svrl
    /// OSCAL assessment-results (JSON), for GRC tools.
    case oscal
    /// One self-contained HTML page for the quality manager and the auditor.
    case html
    /// The traceability matrix as CSV, for spreadsheets.
    case csv
    /// A short Markdown summary for pull-request comments and CI job summaries.
    case markdown

    /// The file the format is written to in `--output-dir`.
    public var fileName: String {
        switch self {
        case .console: return "report.txt"
        case .json: return "results.json"
        case .junit: return "junit.xml"
        case .sarif: return "results.sarif"
        case .svrl: return "results.svrl"
        case .oscal: return "assessment-results.json"
        case .html: return "report.html"
        case .csv: return "traceability.csv"
        case .markdown: return "summary.md"
        }
    }

    /// The file extension of `fileName`.
    public var fileExtension: String {
        switch self {
        case .console: return "txt"
        case .json, .oscal: return "json"
        case .junit: return "xml"
        case .sarif: return "sarif"
        case .svrl: return "svrl"
        case .html: return "html"
        case .csv: return "csv"
        case .markdown: return "md"
        }
    }
}
