import AuditModel
import AuditReports
import Foundation
import Testing

/// Golden files for reporters, in the style of swift-argument-parser's
/// `assertSnapshot`: the rendered bytes must equal `Fixtures/snapshots/<name>`.
/// Set `CXAUDIT_RECORD_SNAPSHOTS=1` to (re)write the files after an intended change,
/// then review the diff.
enum Snapshots {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let folder = fixtures.appendingPathComponent("snapshots")

    static var recording: Bool {
        ProcessInfo.processInfo.environment["CXAUDIT_RECORD_SNAPSHOTS"].map { !$0.isEmpty && $0 != "0" } ?? false
    }

    /// Compares `data` with the golden file `name`, recording it when asked to or when it is missing.
    static func assertMatches(_ data: Data, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name)
        let existing = try? Data(contentsOf: file)
        if recording || existing == nil {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: file)
            if existing == nil && !recording {
                Issue.record("Recorded a new snapshot \(name); check it in and run the tests again.", sourceLocation: sourceLocation)
            }
            return
        }
        guard let existing, existing != data else { return }
        let expected = String(decoding: existing, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actual = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, actual.count)
        let was = line < expected.count ? String(expected[line]) : "<end of file>"
        let now = line < actual.count ? String(actual[line]) : "<end of file>"
        Issue.record(
            "\(name) differs from its snapshot at line \(line + 1):\n  snapshot: \(was)\n  rendered: \(now)\nRe-record with CXAUDIT_RECORD_SNAPSHOTS=1 if the change is intended.",
            sourceLocation: sourceLocation)
    }
}

/// The runs every reporter has golden files of, named as the files begin.
enum GoldenRun: String, CaseIterable, Sendable {
    case northwind
    case edgeCases = "edge-cases"

    var input: ReportInput {
        switch self {
        case .northwind: return .northwind
        case .edgeCases: return .edgeCases
        }
    }
}

extension ReportFormat {
    /// How a format's golden files are named after their run's name (`northwind.junit.xml`);
    /// nil for the console, whose tests read its text. A new format does not compile until it is listed.
    var goldenFileSuffix: String? {
        switch self {
        case .console: return nil
        case .json: return "results.json"
        case .junit: return "junit.xml"
        case .sarif: return "sarif"
        case .svrl: return "svrl"
        case .oscal: return "oscal.json"
        case .html: return "html"
        case .csv: return "traceability.csv"
        case .markdown: return "summary.md"
        }
    }

    /// The formats that have golden files.
    static var withGoldenFiles: [ReportFormat] { allCases.filter { $0.goldenFileSuffix != nil } }
}

/// The sample organization's run of 2026-11-30 (`cxaudit check --as-of 2026-11-30 --format json`),
/// frozen so report snapshots do not move when the sample evidence evolves, with
/// the descriptions of its ruleset's rules.
enum NorthwindFixture {
    static let run: AuditRun = load()
    static let rules: [RuleDescription] = loadRules()

    /// Generated at 2026-11-30T08:00:00Z, evidence under `Evidence/northwind`, as `cxaudit check` run from a checkout.
    static let context = ReportContext(
        generatedAt: ReportTimestamp(secondsSinceEpoch: 1_796_025_600), evidenceFolder: "Evidence/northwind", rules: rules)

    /// Decodes the frozen run. Top-level arrays the model gained after the fixture
    /// was frozen (e.g. `waivers`) are added empty, so the fixture keeps loading as
    /// the model grows additively; anything else is a real mismatch and stops the tests.
    private static func load() -> AuditRun {
        let url = Snapshots.fixtures.appendingPathComponent("runs/northwind-2026-11-30.json")
        do {
            var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
            for _ in 0..<10 {
                do {
                    return try JSONDecoder().decode(AuditRun.self, from: JSONSerialization.data(withJSONObject: object))
                } catch let DecodingError.keyNotFound(key, context) where context.codingPath.isEmpty {
                    object[key.stringValue] = [Any]()
                }
            }
            return try JSONDecoder().decode(AuditRun.self, from: JSONSerialization.data(withJSONObject: object))
        } catch {
            preconditionFailure("cannot load \(url.path): \(error)")
        }
    }

    private static func loadRules() -> [RuleDescription] {
        let url = Snapshots.fixtures.appendingPathComponent("runs/northwind-rules.json")
        do {
            return try JSONDecoder().decode([RuleDescription].self, from: Data(contentsOf: url))
        } catch {
            preconditionFailure("cannot load \(url.path): \(error)")
        }
    }
}
