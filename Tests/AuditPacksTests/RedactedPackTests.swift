import AuditEngine
import AuditEvidence
import AuditModel
import AuditPacks
import AuditReports
import Foundation
import Testing

/// The sample organization's pack with personal data redacted, audited with the shipped
/// default ruleset, whose contracts mark the personal fields.
enum RedactedSample {
    /// The fields the shipped rulesets mark personal, by evidence type.
    static let marked: [String: [String]] = [
        "complaints-log": ["customer", "description"], "customer-communication": ["customer", "subject"],
        "requirement-reviews": ["customer"], "customer-property": ["customer"], "satisfaction-survey": ["comment"],
        "complaint-follow-up": ["comment"], "touchpoint-review": ["shopper", "notes"],
    ]

    struct Sample: Sendable {
        let run: AuditRun
        let ruleset: Ruleset
        let redacted: EvidencePack
        let original: EvidencePack
    }

    private static let cache = Task { try await make() }

    static func sample() async throws -> Sample { try await cache.value }

    private static func make() async throws -> Sample {
        let url = SamplePack.repository.appendingPathComponent(SamplePack.rulesetName)
        let resources = ResourceLocator(home: SamplePack.repository)
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(url, displayName: url.path)
        let run = try await Auditor(options: AuditOptions(asOf: SamplePack.asOf, parallelism: 2, toolVersion: "1.0.0-test")).run(
            rulesets: [ruleset], profiles: [], folder: EvidenceFolder(root: SamplePack.evidence),
            registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
        func pack(_ personal: PersonalData?) throws -> EvidencePack {
            let builder = PackBuilder(
                run: run, evidenceFolder: SamplePack.evidence, workingDirectory: SamplePack.repository, generatedAt: SamplePack.generatedAt,
                redacting: personal)
            return try builder.build(reports: try SamplePack.reports(for: builder), signingKey: SamplePack.signer)
        }
        let sample = Sample(
            run: run, ruleset: ruleset, redacted: try pack(PersonalData(rulesets: [ruleset])), original: try pack(nil))
        return sample
    }
}

@Suite("Evidence packs with personal data redacted")
struct RedactedPackTests {
    /// The records of a CSV text, cells unquoted (quoted cells may hold commas and line breaks).
    static func records(of text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var cell = ""
        var quoted = false
        var previous: Character?
        for character in text {
            if character == "\"" {
                if !quoted, previous == "\"" { cell.append("\"") }
                quoted.toggle()
            } else if character == ",", !quoted {
                record.append(cell)
                cell = ""
            } else if character.isNewline, !quoted {
                record.append(cell)
                if record != [""] { records.append(record) }
                record = []
                cell = ""
            } else {
                cell.append(character)
            }
            previous = character
        }
        if !cell.isEmpty || !record.isEmpty { records.append(record + [cell]) }
        return records
    }

    @Test("the shipped ruleset marks the personal fields, and PersonalData reads them from the loaded ruleset")
    func personalFieldsRead() async throws {
        let sample = try await RedactedSample.sample()
        let personal = PersonalData(rulesets: [sample.ruleset])
        #expect(personal.fields(ofType: "complaints-log").map(\.name).sorted() == ["customer", "description"])
        #expect(personal.fields(ofType: "satisfaction-survey").map(\.name) == ["comment"])
        #expect(personal.fields(ofType: "complaints-policy").isEmpty)
    }

    @Test("no entry of the sample pack holds a customer name from the complaints log")
    func noCustomerNames() async throws {
        let sample = try await RedactedSample.sample()
        let personal = PersonalData(rulesets: [sample.ruleset])
        let log = try String(
            contentsOf: SamplePack.evidence.appendingPathComponent("complaints/complaints-log-2026.csv"), encoding: .utf8)
        let rows = Self.records(of: log)
        let header = try #require(rows.first).map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
        // The columns the loaded ruleset marks personal (their names or aliases), not a list of our own.
        let fields = personal.fields(ofType: "complaints-log")
        let customerColumn = try #require(header.firstIndex { label in
            fields.contains { $0.name == "customer" && ([$0.name] + $0.aliases).contains { $0.caseInsensitiveCompare(label) == .orderedSame } }
        })
        let names = Set(rows.dropFirst().compactMap { $0.count > customerColumn ? $0[customerColumn] : nil }.filter { !$0.isEmpty })
        #expect(names.count > 20, "the sample's complaints log names many customers")

        let entries = try SamplePack.entries(of: sample.redacted.data)
        #expect(entries.contains { $0.path == "data/evidence/complaints/complaints-log-2026.csv" })
        for (path, data) in entries {
            let text = String(decoding: data, as: UTF8.self)
            for name in names {
                #expect(!text.contains(name), "\(path) names the customer \(name)")
            }
        }
        // The unredacted pack does hold them: the test would see a leak.
        let original = try SamplePack.entries(of: sample.original.data)
        let originalLog = try #require(original.first { $0.path == "data/evidence/complaints/complaints-log-2026.csv" })
        #expect(names.allSatisfy { String(decoding: originalLog.data, as: UTF8.self).contains($0) })
    }

    @Test("every finding in the redacted pack still cites its file, line and record key")
    func findingsTraceable() async throws {
        let sample = try await RedactedSample.sample()
        let data = try #require(try SamplePack.entry("data/report/results.json", of: sample.redacted.data))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count == sample.run.findings.count)
        let packed = Dictionary(findings.compactMap { finding in (finding["id"] as? String).map { ($0, finding) } }) { first, _ in first }
        var cited = 0
        for finding in sample.run.findings {
            let evidence = try #require(packed[finding.id]?["evidence"] as? [String: Any], "finding \(finding.id)")
            if let file = finding.evidence.file { #expect(evidence["file"] as? String == "evidence/" + file || evidence["file"] as? String == file, "\(finding.id)") }
            #expect(evidence["line"] as? Int == finding.evidence.line, "finding \(finding.id) keeps its line")
            #expect(evidence["recordKey"] as? String == finding.evidence.recordKey, "finding \(finding.id) keeps its record key")
            if finding.evidence.line != nil, finding.evidence.recordKey != nil { cited += 1 }
        }
        #expect(cited > 0, "some findings point at records")

        // The line a finding cites still holds its record key in the redacted copy.
        let entries = try SamplePack.entries(of: sample.redacted.data)
        for finding in sample.run.findings {
            guard let file = finding.evidence.file, let line = finding.evidence.line, let key = finding.evidence.recordKey,
                let copy = entries.first(where: { $0.path == "data/evidence/" + file }), file.hasSuffix(".csv")
            else { continue }
            // Lines as a reader counts them: split at line feeds, bytes (CRLF files keep their CR).
            let lines = copy.data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            #expect(lines.count >= line && lines[line - 1].contains(key), "\(file):\(line) still holds \(key) (\(lines.count) lines)")
        }
    }

    @Test("run.json and the verdict carry the SHA-256 of each original and of its redacted copy")
    func digests() async throws {
        let sample = try await RedactedSample.sample()
        let entries = try SamplePack.entries(of: sample.redacted.data)
        let runJSON = try #require(entries.first { $0.path == "data/run.json" }).data
        let metadata = try JSONDecoder().decode(PackMetadata.self, from: runJSON)
        #expect(metadata.redacted)
        // Every personal field of the sample is in a CSV column, JSON member or XML element the redactor finds.
        #expect(metadata.evidence.filter { $0.withheld != nil }.map(\.id) == [])
        let log = try #require(metadata.evidence.first { $0.id == "CL-2026" })
        let original = try Data(contentsOf: SamplePack.evidence.appendingPathComponent(log.file))
        let copy = try #require(entries.first { $0.path == "data/" + (log.entry ?? "") }).data
        #expect(log.sha256 == BagDigest.sha256.hex(of: original))
        #expect(log.redactedSha256 == BagDigest.sha256.hex(of: copy))
        #expect(log.sha256 != log.redactedSha256)

        let verdict = try #require(entries.first { $0.path == "verdict.intoto.jsonl" })
        let envelope = try JSONDecoder().decode(DSSEEnvelope.self, from: verdict.data)
        let payload = try #require(envelope.payloadBytes)
        let statement = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        let predicate = try #require(statement["predicate"] as? [String: Any])
        #expect(predicate["redacted"] as? Bool == true)
        let redactions = try #require(predicate["redactions"] as? [[String: Any]])
        let entry = try #require(redactions.first { $0["name"] as? String == "data/evidence/complaints/complaints-log-2026.csv" })
        #expect((entry["originalDigest"] as? [String: String])?["sha256"] == log.sha256)
        #expect((entry["redactedDigest"] as? [String: String])?["sha256"] == log.redactedSha256)
        // Redacting the original again gives the copy: the organization can show where it came from.
        let again = try EvidenceRedactor(fields: PersonalData(rulesets: [sample.ruleset]).fields(ofType: "complaints-log"))
            .redact(original, format: .csv)
        #expect(again.data == copy)
    }

    @Test("--no-redact ships the originals byte for byte and says so")
    func noRedact() async throws {
        let sample = try await RedactedSample.sample()
        let entries = try SamplePack.entries(of: sample.original.data)
        for (path, data) in entries where path.hasPrefix("data/evidence/") {
            #expect(data == (try Data(contentsOf: SamplePack.evidence.appendingPathComponent(String(path.dropFirst("data/evidence/".count))))))
        }
        let metadata = try JSONDecoder().decode(PackMetadata.self, from: try #require(entries.first { $0.path == "data/run.json" }).data)
        #expect(!metadata.redacted)
        #expect(metadata.evidence.allSatisfy { $0.redactedSha256 == nil && $0.withheld == nil })
    }

    @Test("a redacted pack is reproducible and verifies")
    func reproducibleAndVerifies() async throws {
        let sample = try await RedactedSample.sample()
        let builder = PackBuilder(
            run: sample.run, evidenceFolder: SamplePack.evidence, workingDirectory: SamplePack.repository, generatedAt: SamplePack.generatedAt,
            redacting: PersonalData(rulesets: [sample.ruleset]))
        #if os(Linux)
            #expect(try builder.build(reports: try SamplePack.reports(for: builder), signingKey: SamplePack.signer).data == sample.redacted.data)
        #endif
        let report = try PackVerifier.verify(sample.redacted.data, name: "pack.zip", publicKey: SamplePack.signer.publicKey)
        #expect(report.isIntact, "\(report.problems)")
    }
}
