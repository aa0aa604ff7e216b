public import AuditModel
public import Foundation

/// Renders a run as the versioned JSON result document: stable key order and
/// layout, so the same run gives the same bytes.
public enum JSONReport {
    /// The document's top level: the run plus the schema version it follows.
    struct Document: Encodable {
        let schemaVersion: String
        let run: AuditRun
        let generatedAt: String
        let summary: Summary

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "$schemaVersion"
            case tool, asOf, generatedAt, audit, rulesets, profiles, waivers, baseline, evidence, summary, clauses, results, findings, diagnostics
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(schemaVersion, forKey: .schemaVersion)
            try container.encode(run.tool, forKey: .tool)
            try container.encode(run.asOf, forKey: .asOf)
            try container.encode(generatedAt, forKey: .generatedAt)
            try container.encode(AuditStatement(run), forKey: .audit)
            try container.encode(run.rulesets, forKey: .rulesets)
            try container.encode(run.profiles, forKey: .profiles)
            try container.encode(run.waivers, forKey: .waivers)
            try container.encode(run.baseline, forKey: .baseline)
            try container.encode(run.evidence, forKey: .evidence)
            try container.encode(summary, forKey: .summary)
            try container.encode(run.clauses, forKey: .clauses)
            try container.encode(run.results, forKey: .results)
            try container.encode(run.findings, forKey: .findings)
            try container.encode(run.diagnostics, forKey: .diagnostics)
        }
    }

    /// Counts a CI job reads without walking the results: `RunCounts`, keyed as the model's raw values.
    struct Summary: Encodable {
        /// Active (unwaived) findings per grade.
        let findings: [String: Int]
        /// Waived findings per grade.
        let waived: [String: Int]
        let results: [String: Int]
        let clauses: [String: Int]
        let baseline: Baseline?
        let conformityScore: Double?
        let incomplete: Bool

        init(_ counts: RunCounts, run: AuditRun) {
            findings = counts.findings.byRawValue
            waived = counts.waived.byRawValue
            results = counts.results.byRawValue
            clauses = Dictionary(uniqueKeysWithValues: ClauseVerdict.allCases.map { ($0.rawValue, counts.clauses[$0] ?? 0) })
            baseline = counts.baseline.map { Baseline(new: $0.new, unchanged: $0.unchanged, resolved: $0.resolved) }
            conformityScore = ConformityScore.percentage(of: run)
            incomplete = run.isIncomplete
        }
    }

    /// Findings against the baseline, when the run was compared with one.
    struct Baseline: Encodable {
        let new: Int
        let unchanged: Int
        let resolved: Int
    }

    /// Renders `run` as the result document.
    ///
    /// - Parameters:
    ///   - context: supplies `generatedAt`, the document's only timestamp.
    /// - Throws: an `EncodingError` (not expected: every value is encodable).
    public static func render(_ run: AuditRun, context: ReportContext) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(
            schemaVersion: AuditRun.schemaVersion, run: run, generatedAt: context.generatedAt.iso8601,
            summary: Summary(RunCounts(run), run: run))
        var data = try encoder.encode(document)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
