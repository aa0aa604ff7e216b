public import AuditModel
public import Foundation

/// Compares a run with a baseline results file (a JSON document from an earlier
/// `cxaudit check --format json`), by finding fingerprint.
public enum BaselineComparator {
    /// Why a baseline cannot be used.
    public enum BaselineError: Error, LocalizedError, Sendable {
        case unreadable(file: String, reason: String)

        public var errorDescription: String? {
            switch self {
            case let .unreadable(file, reason):
                return "\(file): error: cannot use as a baseline: \(reason). Pass a results file written by `cxaudit check --format json`."
            }
        }
    }

    /// What a comparison reads of a results document (`JSONReport`, or an encoded
    /// `AuditRun`): its date as written, and its findings as the model decodes them.
    /// The rest of the document is not needed, so a baseline written before some
    /// part of it grew still serves.
    private struct BaselineDocument: Decodable {
        let asOf: String?
        let findings: [Finding]
    }

    /// Marks each finding of `run` new or unchanged and lists the baseline's resolved findings.
    public static func compare(_ run: AuditRun, withBaseline url: URL, displayName: String? = nil) throws(BaselineError) -> AuditRun {
        let name = displayName ?? url.path
        let baseline: BaselineDocument
        do {
            baseline = try JSONDecoder().decode(BaselineDocument.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw .unreadable(file: name, reason: "not a cxaudit results document (\(Self.describe(error)))")
        } catch {
            throw .unreadable(file: name, reason: FileErrorReason.describe(error, reading: url))
        }
        var run = run
        let previous = Dictionary(baseline.findings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var new: [String] = []
        var unchanged: [String] = []
        var waiverChanged: [String] = []
        for index in run.findings.indices {
            let finding = run.findings[index]
            if let before = previous[finding.id] {
                run.findings[index].baseline = .unchanged
                unchanged.append(finding.id)
                if (before.waiver == nil) != (finding.waiver == nil) { waiverChanged.append(finding.id) }
            } else {
                run.findings[index].baseline = .new
                new.append(finding.id)
            }
        }
        let current = Set(run.findings.map(\.id))
        let resolved = baseline.findings.filter { !current.contains($0.id) }.map { finding in
            BaselineComparison.ResolvedFinding(
                id: finding.id, ruleId: finding.ruleId, grade: finding.grade, itemId: finding.evidence.itemId,
                recordKey: finding.evidence.recordKey, statement: finding.statement)
        }
        run.baseline = BaselineComparison(
            file: name, baselineAsOf: baseline.asOf, newFindings: new, unchangedFindings: unchanged, resolvedFindings: resolved,
            waiverChanged: waiverChanged)
        return run
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, _): return "missing '\(key.stringValue)'"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}
