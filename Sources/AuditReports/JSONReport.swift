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
            case tool, asOf, generatedAt, rulesets, profiles, waivers, baseline, evidence, summary, clauses, results, findings, diagnostics
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(schemaVersion, forKey: .schemaVersion)
            try container.encode(run.tool, forKey: .tool)
            try container.encode(run.asOf, forKey: .asOf)
            try container.encode(generatedAt, forKey: .generatedAt)
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

    /// Counts a CI job reads without walking the results.
    struct Summary: Encodable {
        let findings: [String: Int]
        let results: [String: Int]
        let clauses: [String: Int]
        let conformityScore: Double?
        let incomplete: Bool
    }

    /// Renders `run` as the result document.
    ///
    /// - Parameters:
    ///   - context: supplies `generatedAt`, the document's only timestamp.
    /// - Throws: an `EncodingError` (not expected: every value is encodable).
    public static func render(_ run: AuditRun, context: ReportContext) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let findingCounts = Dictionary(uniqueKeysWithValues: Grade.allCases.map { grade in
            (grade.rawValue, run.findings.filter { $0.grade == grade }.count)
        })
        let resultCounts = Dictionary(uniqueKeysWithValues: ResultStatus.allCases.map { ($0.rawValue, run.statusCounts[$0] ?? 0) })
        let clauseCounts = Dictionary(uniqueKeysWithValues: ClauseVerdict.allCases.map { verdict in
            (verdict.rawValue, run.clauses.filter { $0.verdict == verdict }.count)
        })
        let document = Document(
            schemaVersion: AuditRun.schemaVersion, run: run, generatedAt: context.generatedAt.iso8601,
            summary: Summary(
                findings: findingCounts, results: resultCounts, clauses: clauseCounts,
                conformityScore: ConformityScore.percentage(of: run), incomplete: run.isIncomplete))
        var data = try encoder.encode(document)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
