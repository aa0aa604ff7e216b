public import AuditModel
public import Foundation
import Synchronization

/// Renders a run as the versioned JSON result document: stable key order and
/// layout, so the same run gives the same bytes.
public enum JSONReport {
    /// The document's top level: the run plus the schema version it follows.
    struct Document: Encodable {
        let schemaVersion: String
        let run: AuditRun
        let generatedAt: String
        let summary: Summary
        /// Written in place of the findings when they are encoded apart (`splicing`).
        var findingsPlaceholder: String?

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
            if let findingsPlaceholder {
                try container.encode(findingsPlaceholder, forKey: .findings)
            } else {
                try container.encode(run.findings, forKey: .findings)
            }
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
        let parts = min(context.parallelism, run.findings.count / findingsPerPart)
        var data: Data
        if parts > 1, let spliced = try splicing(run, context: context, parts: parts) {
            data = spliced
        } else {
            data = try encoder().encode(document(run, context: context))
        }
        data.append(UInt8(ascii: "\n"))
        return data
    }

    private static func document(_ run: AuditRun, context: ReportContext) -> Document {
        Document(
            schemaVersion: AuditRun.schemaVersion, run: run, generatedAt: context.generatedAt.iso8601, summary: Summary(RunCounts(run), run: run))
    }

    /// Findings a core encodes at the least when they are shared out (a large run's
    /// findings are most of its report and of the time it takes to write it).
    private static let findingsPerPart = 2_000

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The findings as the top level's only key, so that each element is laid out (indented)
    /// exactly as in the whole document.
    private struct FindingsPart: Encodable {
        let findings: [Finding]
    }

    /// The document with its findings encoded in `parts` parts at once, one a core, and put
    /// in place of a placeholder: the same bytes as one encoding of the whole (a test holds
    /// them to it). Nil when the encoder lays the parts out otherwise than expected; the
    /// caller then encodes the whole.
    static func splicing(_ run: AuditRun, context: ReportContext, parts: Int) throws -> Data? {
        var document = document(run, context: context)
        let placeholder = "cxaudit-findings-\(UUID().uuidString)"
        document.findingsPlaceholder = placeholder
        let rest = try encoder().encode(document)
        let findings = run.findings
        let bounds = (0...parts).map { findings.count * $0 / parts }
        let encoded = Mutex<[Int: Result<Data, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let result = Result { try encoder().encode(FindingsPart(findings: Array(findings[bounds[part]..<bounds[part + 1]]))) }
            encoded.withLock { $0[part] = result }
        }
        let opening = Data("{\n  \"findings\" : [\n".utf8)
        let closing = Data("\n  ]\n}".utf8)
        guard let slot = rest.range(of: Data("\"\(placeholder)\"".utf8)) else { return nil }
        var data = Data(rest[..<slot.lowerBound])
        data.append(contentsOf: "[\n".utf8)
        let results = encoded.withLock { $0 }
        for part in 0..<parts {
            guard let encodedPart = try results[part]?.get(), encodedPart.starts(with: opening),
                encodedPart.suffix(closing.count).elementsEqual(closing)
            else { return nil }
            if part > 0 { data.append(contentsOf: ",\n".utf8) }
            data.append(encodedPart.dropFirst(opening.count).dropLast(closing.count))
        }
        data.append(contentsOf: "\n  ]".utf8)
        data.append(rest[slot.upperBound...])
        return data
    }
}
