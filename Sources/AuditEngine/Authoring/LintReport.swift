public import AuditModel
public import Foundation

/// What lint found in one file.
public struct LintedFile: Sendable, Hashable {
    /// The file as named in messages.
    public var file: String
    /// The ruleset's id and version, when the file could be read as a ruleset.
    public var rulesetId: String?
    public var rulesetVersion: String?
    /// False when the file itself could not be read (missing, a folder, no permission):
    /// an input problem rather than a problem in the ruleset.
    public var readable: Bool
    /// In document order.
    public var diagnostics: [LintDiagnostic]

    /// What lint found in one file.
    public init(file: String, rulesetId: String?, rulesetVersion: String?, readable: Bool, diagnostics: [LintDiagnostic]) {
        self.file = file
        self.rulesetId = rulesetId
        self.rulesetVersion = rulesetVersion
        self.readable = readable
        self.diagnostics = diagnostics
    }

    /// Number of diagnostics of a severity.
    public func count(_ severity: Diagnostic.Severity) -> Int {
        diagnostics.count { $0.diagnostic.severity == severity }
    }
}

/// What lint found in every file of one run, and its versioned JSON form for editors.
public struct LintReport: Sendable, Hashable {
    /// Version of the JSON document (docs/authoring-guide.md); bump on incompatible change.
    public static let schemaVersion = "1.0"

    /// The files, in the order linted.
    public var files: [LintedFile]

    /// A report over `files`.
    public init(files: [LintedFile]) {
        self.files = files
    }

    /// Every diagnostic, file by file in the order linted.
    public var diagnostics: [LintDiagnostic] { files.flatMap(\.diagnostics) }

    /// Number of diagnostics of a severity across all files.
    public func count(_ severity: Diagnostic.Severity) -> Int {
        files.reduce(0) { $0 + $1.count(severity) }
    }

    /// The report with only the diagnostics at least as serious as `severity`, for
    /// output; the counts then describe what is shown.
    public func showing(atLeast severity: Diagnostic.Severity) -> LintReport {
        var filtered = self
        for index in filtered.files.indices {
            filtered.files[index].diagnostics.removeAll { $0.diagnostic.severity.rank > severity.rank }
        }
        return filtered
    }

    /// True when some file could not be read at all.
    public var hasUnreadableFiles: Bool { files.contains { !$0.readable } }

    /// The report as the JSON document described in docs/authoring-guide.md: keys
    /// sorted, so the same inputs always give the same bytes.
    public func json(toolVersion: String = CXAuditVersion.current) throws -> Data {
        let document = Document(
            schemaVersion: Self.schemaVersion, tool: ToolInfo(version: toolVersion),
            summary: Counts(files: files.count, errors: count(.error), warnings: count(.warning), notes: count(.note)),
            files: files.map { file in
                FileEntry(
                    file: file.file, readable: file.readable,
                    ruleset: file.rulesetId.map { RulesetEntry(id: $0, version: file.rulesetVersion ?? "") },
                    errors: file.count(.error), warnings: file.count(.warning), notes: file.count(.note))
            },
            diagnostics: diagnostics.map { entry in
                DiagnosticEntry(
                    file: entry.diagnostic.location.file, line: entry.diagnostic.location.line,
                    column: entry.diagnostic.location.column, severity: entry.diagnostic.severity, check: entry.check,
                    message: entry.diagnostic.message)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document) + Data("\n".utf8)
    }

    private struct Document: Encodable {
        let schemaVersion: String
        let tool: ToolInfo
        let summary: Counts
        let files: [FileEntry]
        let diagnostics: [DiagnosticEntry]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "$schemaVersion"
            case tool, summary, files, diagnostics
        }
    }

    private struct Counts: Encodable {
        let files: Int
        let errors: Int
        let warnings: Int
        let notes: Int
    }

    private struct RulesetEntry: Encodable {
        let id: String
        let version: String
    }

    private struct FileEntry: Encodable {
        let file: String
        let readable: Bool
        let ruleset: RulesetEntry?
        let errors: Int
        let warnings: Int
        let notes: Int
    }

    private struct DiagnosticEntry: Encodable {
        let file: String
        let line: Int?
        let column: Int?
        let severity: Diagnostic.Severity
        let check: LintCheck
        let message: String
    }
}

extension Diagnostic.Severity {
    /// Lower is more serious: error 0, warning 1, note 2.
    var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .note: return 2
        }
    }
}

extension LintDiagnostic {
    /// By line, then column, then the order of `LintCheck`, then message: a total order, so output is stable.
    static func documentOrder(_ lhs: LintDiagnostic, _ rhs: LintDiagnostic) -> Bool {
        let left = lhs.diagnostic.location
        let right = rhs.diagnostic.location
        let leftRank = LintCheck.allCases.firstIndex(of: lhs.check) ?? 0
        let rightRank = LintCheck.allCases.firstIndex(of: rhs.check) ?? 0
        return (left.line ?? 0, left.column ?? 0, leftRank, lhs.diagnostic.message)
            < (right.line ?? 0, right.column ?? 0, rightRank, rhs.diagnostic.message)
    }
}
