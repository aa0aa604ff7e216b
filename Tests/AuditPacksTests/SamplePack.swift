import AuditEngine
import AuditEvidence
import AuditModel
import AuditPacks
import AuditReports
import CalendarDates
import Foundation
import ZIPFoundation

/// The evidence pack of the shipped sample organization (Evidence/northwind, the
/// default ISO 9001 ruleset, as of 2026-11-30), built once and shared by the tests,
/// plus helpers to take packs apart and put them together the way a tamperer would.
enum SamplePack {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let evidence = repository.appendingPathComponent("Evidence/northwind")
    static let rulesetName = "Rulesets/iso9001-2015-customer-improvement.xml"
    static let asOf = CalendarDate(year: 2026, month: 11, day: 30)!
    /// 2026-11-30T08:00:00Z, as `SOURCE_DATE_EPOCH=1796025600` gives it.
    static let generatedAt = Date(timeIntervalSince1970: 1_796_025_600)
    static let signer = PackSigningKey.generate()
    static let otherSigner = PackSigningKey.generate()
    private static let cache = Cache()

    private actor Cache {
        var run: Task<AuditRun, any Error>?
        var packs: [Bool: Task<Data, any Error>] = [:]

        func sampleRun() async throws -> AuditRun {
            if let run { return try await run.value }
            let task = Task { try await SamplePack.audit(rulesetDisplayName: SamplePack.rulesetName) }
            run = task
            return try await task.value
        }

        func pack(signed: Bool) async throws -> Data {
            if let pack = packs[signed] { return try await pack.value }
            let task = Task { try await SamplePack.build(signingKey: signed ? SamplePack.signer : nil).data }
            packs[signed] = task
            return try await task.value
        }
    }

    /// The audit `cxaudit pack --as-of 2026-11-30` runs from the repository root.
    static func audit(rulesetDisplayName: String, evidence: URL = evidence) async throws -> AuditRun {
        let resources = ResourceLocator(home: repository)
        let ruleset = try RulesetLoader(schema: resources.rulesetSchema).load(resources.defaultRuleset, displayName: rulesetDisplayName)
        return try await Auditor(options: AuditOptions(asOf: asOf, parallelism: 2, toolVersion: "1.0.0-test")).run(
            rulesets: [ruleset], profiles: [], folder: EvidenceFolder(root: evidence),
            registerLoader: EvidenceRegisterLoader(schema: resources.registerSchema))
    }

    static func run() async throws -> AuditRun { try await cache.sampleRun() }

    /// The sample pack's bytes, signed with `signer` or unsigned.
    static func pack(signed: Bool) async throws -> Data { try await cache.pack(signed: signed) }

    static func builder(for run: AuditRun, evidence: URL = evidence) -> PackBuilder {
        PackBuilder(run: run, evidenceFolder: evidence, workingDirectory: repository, generatedAt: generatedAt)
    }

    /// The four reports, rendered as `cxaudit pack` renders them.
    static func reports(for builder: PackBuilder) throws -> PackBuilder.Reports {
        let context = ReportContext(
            generatedAt: ReportTimestamp(generatedAt), evidenceFolder: PackLayout.evidenceFolder)
        let run = builder.packedRun
        return PackBuilder.Reports(
            html: try ReportFormat.html.render(run, context: context), jsonResults: try ReportFormat.json.render(run, context: context),
            oscalResults: try ReportFormat.oscal.render(run, context: context), traceabilityCSV: try ReportFormat.csv.render(run, context: context))
    }

    static func build(signingKey: PackSigningKey? = nil) async throws -> EvidencePack {
        let builder = builder(for: try await run())
        return try builder.build(reports: try reports(for: builder), signingKey: signingKey)
    }

    /// Every entry of a ZIP, in archive order, read with ZIPFoundation directly (no limits: test data only).
    static func entries(of data: Data) throws -> [(path: String, data: Data)] {
        let archive = try Archive(data: data, accessMode: .read)
        return try archive.map { entry in
            var bytes = Data()
            _ = try archive.extract(entry, skipCRC32: true) { bytes.append($0) }
            return (entry.path, bytes)
        }
    }

    /// One entry's bytes.
    static func entry(_ path: String, of data: Data) throws -> Data? {
        try entries(of: data).first { $0.path == path }?.data
    }

    /// A ZIP of the given entries in the given order, as any ZIP tool would write them
    /// (names are not checked: tests build hostile archives with it).
    static func zip(_ entries: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, bytes) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) {
                (position: Int64, size: Int) in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// The bag's manifests and tag manifests recomputed, as a tamperer covering their tracks
    /// would (with bagit.py's `--update`-like care): what only the signature can catch.
    static func rebag(_ entries: inout [(path: String, data: Data)], oxum: Bool = false) throws {
        func replace(_ path: String, _ data: Data) {
            if let index = entries.firstIndex(where: { $0.path == path }) { entries[index].data = data } else { entries.append((path, data)) }
        }
        let payload = Dictionary(uniqueKeysWithValues: entries.filter { $0.path.hasPrefix("data/") }.map { ($0.path, $0.data) })
        if oxum, let index = entries.firstIndex(where: { $0.path == "bag-info.txt" }) {
            let info = String(decoding: entries[index].data, as: UTF8.self).split(separator: "\n").map { line in
                line.hasPrefix("Payload-Oxum: ") ? "Payload-Oxum: \(payload.values.reduce(0) { $0 + $1.count }).\(payload.count)" : String(line)
            }
            entries[index].data = Data((info.joined(separator: "\n") + "\n").utf8)
        }
        for algorithm in BagDigest.allCases {
            replace("manifest-\(algorithm.rawValue).txt", BagManifest(.payload, algorithm, entries: payload).data)
        }
        let tags = Dictionary(
            uniqueKeysWithValues: entries.filter { !$0.path.hasPrefix("data/") && !$0.path.hasPrefix("tagmanifest-") }.map { ($0.path, $0.data) })
        for algorithm in BagDigest.allCases {
            replace("tagmanifest-\(algorithm.rawValue).txt", BagManifest(.tag, algorithm, entries: tags).data)
        }
    }

    /// The pack taken apart, changed by `change`, and zipped again.
    static func tamper(_ pack: Data, _ change: (inout [(path: String, data: Data)]) throws -> Void) throws -> Data {
        var entries = try entries(of: pack)
        try change(&entries)
        return try zip(entries)
    }
}

extension Array where Element == (path: String, data: Data) {
    struct NoSuchEntry: Error {
        let path: String
    }

    /// Flips the lowest bit of one byte of the entry at `path`.
    mutating func flipByte(in path: String, at offset: Int = 0) throws {
        guard let index = firstIndex(where: { $0.path == path }) else { throw NoSuchEntry(path: path) }
        let position = self[index].data.startIndex + offset % Swift.max(self[index].data.count, 1)
        self[index].data[position] ^= 0x01
    }
}
