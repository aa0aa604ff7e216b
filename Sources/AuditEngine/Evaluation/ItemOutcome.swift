import AuditEvidence
import AuditModel

/// What evaluating one evidence item produced, before results are combined across items.
struct ItemOutcome: Sendable {
    /// The rule a partial result belongs to (the model's key, under the name the auditor uses).
    typealias RuleKey = AuditModel.RuleKey

    /// A rule's result on this item, or the data a cross-item check needs from it.
    enum Partial: Sendable {
        case complete(RuleResult, [Finding])
        case trendPoints([TrendCheckEvaluator.Point])
        case references([CrossReferenceCheckEvaluator.Reference])
        case targetKeys(Set<String>)
        case failed(String)
    }

    let item: EvidenceItem
    var info: EvidenceItemInfo
    var diagnostics: [Diagnostic] = []
    /// Why the item's file could not be used, if it could not: rules reading it give `error`.
    var loadError: String?
    /// `loadError` naming the item, for results about the whole type (the contract's
    /// statement already names it; a parser's message does not).
    var loadErrorNamingItem: String? {
        loadError.map { $0.hasPrefix("item \(item.id): ") ? $0 : "item \(item.id): \($0)" }
    }
    /// Why the item holds too few records for its contract: rules reading it fail.
    var shortfall: String?
    var partials: [RuleKey: [Partial]] = [:]

    /// Takes what reading the item found against its contract; false when its rules cannot
    /// be evaluated (a required field missing: `loadError`; too few records: `shortfall`).
    mutating func accept(_ conformance: ContractConformance, warnings: [Diagnostic]) -> Bool {
        diagnostics = warnings + conformance.warnings + conformance.dataQualityDiagnostics
        if let statement = conformance.errorStatement {
            diagnostics.append(Diagnostic(location: item.location, message: statement))
            loadError = statement
            return false
        }
        if !conformance.shortfalls.isEmpty {
            shortfall = conformance.shortfalls.map(\.statement).joined(separator: " ")
            return false
        }
        return true
    }

    /// The item's file could not be read or parsed: rules reading it give `error`.
    mutating func unreadable(_ error: EvidenceError) {
        diagnostics = error.diagnostics
        loadError = error.diagnostics.first?.message ?? "unreadable"
    }
}
