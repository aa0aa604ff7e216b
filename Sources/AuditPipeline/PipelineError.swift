public import AuditEngine
public import AuditEvidence
public import AuditHistory
public import AuditModel
public import Foundation

/// Why an audit could not be carried out as asked; each says what to do. The command that
/// ran the pipeline prints it and exits with status 2.
public enum PipelineError: Error, LocalizedError, Sendable {
    /// cxaudit's Rulesets/ folder (schemas, shipped rulesets) was not found.
    case resourcesNotFound
    /// The evidence folder does not exist or is not a folder.
    case notAFolder(String)
    case configuration(JobConfiguration.ConfigurationError)
    /// A schema, a profile or a waiver file could not be used.
    case criteria(RulesetError)
    /// No ruleset could be used: why, for each.
    case noUsableRuleset([LoadedAudit.RulesetFailure])
    /// Two profiles tailor the same ruleset.
    case profileConflict(file: String, rulesetId: String, other: String)
    /// The register is missing or invalid.
    case evidence(EvidenceError)
    case baseline(BaselineComparator.BaselineError)
    case history(HistoryError)
    case render(format: ReportFormat, reason: String)

    public var errorDescription: String? {
        switch self {
        case .resourcesNotFound:
            return "error: cannot find cxaudit's Rulesets/schema folder. Run from a cxaudit checkout, or set CXAUDIT_HOME to the folder that contains Rulesets/."
        case let .notAFolder(path):
            return "\(path): error: not a folder. Pass the evidence folder that holds \(EvidenceFolder.registerFileName)."
        case let .configuration(error): return error.errorDescription
        case let .criteria(error): return error.errorDescription
        case let .noUsableRuleset(failures): return failures.map(\.message).joined(separator: "\n")
        case let .profileConflict(file, rulesetId, other):
            return "\(file): error: ruleset '\(rulesetId)' is already tailored by \(other); give one profile per ruleset."
        case let .evidence(error): return error.errorDescription
        case let .baseline(error): return error.errorDescription
        case let .history(error): return error.errorDescription
        case let .render(format, reason): return "error: cannot render the \(format.rawValue) report: \(reason)"
        }
    }
}
