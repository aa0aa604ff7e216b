public import AuditModel
public import Foundation
public import SafeZip

/// Assembles an evidence pack: one ZIP, a BagIt bag inside, that an external auditor can
/// open without cxaudit and check for tampering with stock tools.
///
/// The builder does not know how reports are made: the caller renders them from
/// `packedRun` (the run with input files named by their place in the pack) and hands
/// them over as bytes. The builder adds what the run cites — evidence files, the
/// register, rulesets, profiles and waiver files, copied byte for byte after checking
/// each still has the SHA-256 the run recorded — then `run.json` and `index.html`, all under
/// `data/`; then the bag's tag files (`bagit.txt`, `bag-info.txt`, `README.txt`, SHA-256 and
/// SHA-512 manifests), with a key the signed verdict (an in-toto statement in a DSSE
/// envelope), optionally its RFC 3161 time-stamp (`verdict.tsr`), and the tag manifests; and
/// writes them as a reproducible ZIP: the same inputs and generation time give the same
/// bytes (a time-stamp, made by a TSA at its own time, is the one exception).
public struct PackBuilder: Sendable {
    /// The four reports a pack carries, rendered from `packedRun`.
    public struct Reports: Sendable, Hashable {
        public var html: Data
        public var jsonResults: Data
        public var oscalResults: Data
        public var traceabilityCSV: Data

        /// The reports, each as the bytes its reporter rendered.
        public init(html: Data, jsonResults: Data, oscalResults: Data, traceabilityCSV: Data) {
            self.html = html
            self.jsonResults = jsonResults
            self.oscalResults = oscalResults
            self.traceabilityCSV = traceabilityCSV
        }
    }

    /// Why a pack could not be built; each names the file and what to do.
    public enum BuildError: Error, LocalizedError, Sendable, Hashable {
        /// An input file could not be read.
        case unreadable(path: String, reason: String)
        /// A file's bytes no longer have the SHA-256 the run recorded: it changed after the check.
        case changedSinceCheck(path: String, recorded: String, now: String)
        /// An evidence path leads outside the evidence folder (absolute, `..`, or a symlink out).
        case outsideEvidenceFolder(path: String)
        /// Signing failed.
        case signing(reason: String)
        /// The time-stamping authority could not time-stamp the verdict.
        case timestamp(TimestampError)
        /// The archive could not be written.
        case archive(ReproducibleArchive.WriteError)
        /// The pack would exceed what `PackVerifier` accepts (too large, too many entries, or an
        /// entry compressed like a ZIP bomb).
        case beyondVerifierLimits(reason: String)

        public var errorDescription: String? {
            switch self {
            case let .unreadable(path, reason):
                return "\(path): error: cannot read it for the pack: \(reason)"
            case let .changedSinceCheck(path, recorded, now):
                return "\(path): error: the file changed after it was checked (SHA-256 \(now), the run recorded \(recorded)); a pack must hold exactly what was audited. Run `cxaudit pack` again when the files no longer change."
            case let .outsideEvidenceFolder(path):
                return "\(path): error: leads outside the evidence folder; evidence packs only take files from inside it."
            case let .signing(reason):
                return "error: cannot sign the verdict: \(reason)"
            case let .timestamp(error):
                return error.errorDescription
            case let .archive(error):
                return "error: \(error.errorDescription ?? "cannot write the pack")"
            case let .beyondVerifierLimits(reason):
                return "error: the pack would be refused by `cxaudit verify` (\(reason)); leave the largest evidence files out of the register, or split the evidence folder."
            }
        }
    }

    /// The run as the check produced it.
    public let run: AuditRun
    /// Where each input goes in the pack.
    public let layout: PackLayout
    /// The evidence folder the run read (symlinks resolved).
    public let evidenceFolder: URL
    /// The folder relative paths of rulesets, profiles and waiver files in the run are relative to.
    public let workingDirectory: URL
    /// When the pack was generated: `run.json` says so and every ZIP entry carries it.
    public let generatedAt: Date
    /// The personal fields to redact from evidence copies and reports, or nil to ship originals.
    public let personalData: PersonalData?

    /// A builder for the pack of `run`.
    ///
    /// - Parameters:
    ///   - evidenceFolder: The folder the run's register and evidence files are relative to.
    ///   - workingDirectory: The folder the run's relative ruleset, profile and waiver paths
    ///     are relative to (the working directory of the check).
    ///   - generatedAt: `SOURCE_DATE_EPOCH` when set, so packs are reproducible.
    ///   - redacting: The personal fields to redact (`PersonalData(rulesets:)`), or nil to copy
    ///     evidence byte for byte (`--no-redact`).
    public init(run: AuditRun, evidenceFolder: URL, workingDirectory: URL, generatedAt: Date, redacting personalData: PersonalData? = nil) {
        self.run = run
        self.layout = PackLayout(run: run)
        self.evidenceFolder = evidenceFolder.standardizedFileURL.resolvingSymlinksInPath()
        self.workingDirectory = workingDirectory
        self.generatedAt = generatedAt
        self.personalData = personalData
    }

    /// The run the pack's reports must be rendered from: input files named by their
    /// place in the pack, no absolute paths.
    public var packedRun: AuditRun { layout.packedRun }

    /// Evidence items whose files go into the pack, by id: those a finding cites, and
    /// those an evaluated result (pass, fail, error, waived) rests on — the item itself,
    /// or every item of the type for results about a type as a whole. Items the run
    /// could not read (no SHA-256) are left out.
    public var citedItems: [EvidenceItemInfo] {
        let evaluated = run.results.filter { [.pass, .fail, .error, .waived].contains($0.status) }
        var ids = Set(run.findings.compactMap(\.evidence.itemId) + evaluated.compactMap(\.itemId))
        let wholeTypes = Set(evaluated.filter { $0.itemId == nil }.map(\.evidenceType))
        for item in run.evidence.items where wholeTypes.contains(item.type) { ids.insert(item.id) }
        return run.evidence.items.filter { ids.contains($0.id) && $0.sha256 != nil }
    }

    /// Builds the pack.
    ///
    /// - Parameters:
    ///   - reports: The reports rendered from `packedRun`.
    ///   - signingKey: Signs the verdict (`verdict.intoto.jsonl`) with Ed25519 when given.
    /// - Throws: `BuildError` when an input cannot be read, changed since the check,
    ///   lies outside the evidence folder, or the archive cannot be written.
    public func build(reports: Reports, signingKey: PackSigningKey? = nil) throws(BuildError) -> EvidencePack {
        try seal(assemble(reports: reports, signingKey: signingKey), isSigned: signingKey != nil)
    }

    /// Builds the pack with its signed verdict time-stamped by an RFC 3161 TSA: after
    /// signing, the SHA-256 of `verdict.intoto.jsonl` — and nothing else — is sent to
    /// `authority`, and its checked response is stored as `verdict.tsr`, a tag file the
    /// tag manifests list.
    ///
    /// The verdict file, not the DSSE signature inside it, is what is stamped: it is the one
    /// file that signs everything else, and `openssl ts -verify -data verdict.intoto.jsonl`
    /// checks it without any cxaudit-specific step.
    ///
    /// - Parameters:
    ///   - reports: The reports rendered from `packedRun`.
    ///   - signingKey: Signs the verdict; a time-stamp without a signed verdict would vouch for nothing.
    ///   - authority: The TSA.
    /// - Throws: `BuildError` as `build(reports:signingKey:)` does, and `.timestamp` when the
    ///   TSA cannot be reached, refuses, or answers with anything but a valid time-stamp.
    public func build(
        reports: Reports, signingKey: PackSigningKey, timestampedBy authority: TimestampAuthority
    ) async throws(BuildError) -> EvidencePack {
        var entries = try assemble(reports: reports, signingKey: signingKey)
        guard let verdict = entries[PackLayout.verdict] else {
            throw .signing(reason: "no verdict was signed, so there is nothing to time-stamp")
        }
        do {
            entries[PackLayout.timestamp] = try await authority.timestamp(verdict)
        } catch {
            throw .timestamp(error)
        }
        return try seal(entries, isSigned: true)
    }

    /// Every entry of the pack but the tag manifests: the payload, the tag files and,
    /// with a key, the signed verdict.
    private func assemble(reports: Reports, signingKey: PackSigningKey?) throws(BuildError) -> [String: Data] {
        var payload: [String: Data] = [
            PackLayout.htmlReport: reports.html, PackLayout.jsonResults: reports.jsonResults,
            PackLayout.oscalResults: reports.oscalResults, PackLayout.traceabilityCSV: reports.traceabilityCSV,
        ]
        let evidence = try packedEvidence()
        payload.merge(evidence.copies) { _, copy in copy }
        if personalData != nil {
            let redactor = ReportRedactor(values: evidence.personalValues)
            for report in [PackLayout.htmlReport, PackLayout.jsonResults, PackLayout.oscalResults, PackLayout.traceabilityCSV] {
                payload[report] = payload[report].map(redactor.redact)
            }
        }
        let cited = evidence.cited
        payload[layout.register.entry] = try readEvidence(layout.register.source, recorded: nil)
        for file in layout.rulesets + layout.profiles + layout.waiverFiles {
            payload[file.entry] = try readInput(file)
        }
        let metadata = PackMetadata(
            layout: layout, generatedAt: generatedAt, cited: cited, redacted: personalData != nil, redactions: evidence.redactions,
            withheld: evidence.withheld)
        do {
            payload[PackLayout.metadata] = try metadata.encoded()
        } catch {
            throw .unreadable(path: PackLayout.metadata, reason: "cannot encode the run metadata: \(error)")
        }
        payload[PackLayout.index] = PackIndexPage.render(layout: layout, metadata: metadata)

        // The bag: payload under data/, then the tag files that describe and list it.
        var entries = Dictionary(uniqueKeysWithValues: payload.map { (PackLayout.bagPath(ofPayload: $0.key), $0.value) })
        entries[PackLayout.bagDeclaration] = Data(PackLayout.bagDeclarationText.utf8)
        entries[BagInfo.fileName] = bagInfo(metadata: metadata, payload: payload).data
        entries[PackLayout.readme] = PackReadme.data
        let bagged = entries
        for algorithm in BagDigest.allCases {
            entries[BagManifest.fileName(.payload, algorithm)] =
                BagManifest(.payload, algorithm, entries: bagged.filter { $0.key.hasPrefix(PackLayout.payloadFolder + "/") }).data
        }
        if let signingKey {
            entries[PackLayout.verdict] = try verdict(entries: entries, payload: payload, metadata: metadata, signedWith: signingKey)
        }
        return entries
    }

    /// The pack of `entries`: the tag manifests over every tag file (the time-stamp
    /// included), then the reproducible ZIP.
    private func seal(_ assembled: [String: Data], isSigned: Bool) throws(BuildError) -> EvidencePack {
        var entries = assembled
        let tagFiles = entries.filter { !$0.key.hasPrefix(PackLayout.payloadFolder + "/") }
        for algorithm in BagDigest.allCases {
            entries[BagManifest.fileName(.tag, algorithm)] = BagManifest(.tag, algorithm, entries: tagFiles).data
        }

        var archive = ReproducibleArchive(modificationDate: generatedAt)
        let bytes: Data
        do throws(ReproducibleArchive.WriteError) {
            for (path, data) in entries { try archive.add(path, data) }
            bytes = try archive.data()
        } catch {
            throw .archive(error)
        }
        // A pack `verify` would refuse is no use to the auditor: fail here, where the cause can be fixed.
        do {
            _ = try SafeArchive(data: bytes, limits: PackVerifier.limits)
        } catch {
            throw .beyondVerifierLimits(reason: error.message)
        }
        let manifest = BagManifest(.payload, .sha256, entries: entries.filter { $0.key.hasPrefix(PackLayout.payloadFolder + "/") })
        return EvidencePack(
            data: bytes, manifest: manifest, entryCount: entries.count, isSigned: isSigned, isTimestamped: entries[PackLayout.timestamp] != nil)
    }

    /// `bag-info.txt`: the bag's reserved labels and the audit's own.
    private func bagInfo(metadata: PackMetadata, payload: [String: Data]) -> BagInfo {
        let run = layout.packedRun
        var fields: [(label: String, value: String)] = [
            ("Source-Organization", run.evidence.organization),
            ("Bagging-Date", String(metadata.generatedAt.prefix(10))),
            ("Payload-Oxum", BagInfo.oxum(bytes: payload.values.reduce(0) { $0 + $1.count }, files: payload.count)),
            ("Bag-Software-Agent", "\(run.tool.name) \(run.tool.version) <https://cxaudit.dev>"),
            ("External-Description", "cxaudit evidence pack: the audit of \(run.evidence.organization) as of \(run.asOf); open data/index.html first"),
            ("CXAudit-Pack-Format", PackMetadata.currentFormat),
            ("CXAudit-Audit-Date", "\(run.asOf)"),
            ("CXAudit-Generated-At", metadata.generatedAt),
            ("CXAudit-Version", run.tool.version),
            ("CXAudit-Redacted", metadata.redacted ? "yes" : "no"),
        ]
        fields += run.rulesets.map { ("CXAudit-Ruleset", "\($0.id) \($0.version)") }
        fields += run.profiles.map { ("CXAudit-Profile", "\($0.id) \($0.version)") }
        return BagInfo(fields: fields)
    }

    /// `verdict.intoto.jsonl`: the statement about every file so far, signed.
    private func verdict(
        entries: [String: Data], payload: [String: Data], metadata: PackMetadata, signedWith key: PackSigningKey
    ) throws(BuildError) -> Data {
        func describe(_ entry: String, annotations: [String: String]? = nil) -> ResourceDescriptor {
            ResourceDescriptor(name: PackLayout.bagPath(ofPayload: entry), data: payload[entry] ?? Data(), annotations: annotations)
        }
        let run = layout.packedRun
        let policy = AuditVerdict.Policy(
            rulesets: zip(run.rulesets, layout.rulesets).map { describe($1.entry, annotations: ["id": $0.id, "version": $0.version]) },
            profiles: zip(run.profiles, layout.profiles).map { describe($1.entry, annotations: ["id": $0.id, "version": $0.version]) },
            waivers: layout.waiverFiles.map { describe($0.entry) })
        let sha256 = BagDigest.sha256.rawValue
        let redactions = metadata.evidence.compactMap { file -> AuditVerdict.Redaction? in
            guard let entry = file.entry, let original = file.sha256, let redacted = file.redactedSha256 else { return nil }
            return AuditVerdict.Redaction(
                name: PackLayout.bagPath(ofPayload: entry), original: file.file, originalDigest: [sha256: original],
                redactedDigest: [sha256: redacted])
        }
        let withheld = metadata.evidence.compactMap { file -> AuditVerdict.Withheld? in
            file.withheld.map { AuditVerdict.Withheld(file: file.file, digest: file.sha256.map { [sha256: $0] } ?? [:], reason: $0) }
        }
        let predicate = AuditVerdict(
            run: run, generatedAt: generatedAt, register: describe(layout.register.entry), policy: policy, redacted: metadata.redacted,
            redactions: metadata.redacted ? Self.unique(redactions) : nil, withheld: metadata.redacted ? withheld : nil)
        let subjects = ReproducibleArchive.sorted(Array(entries.keys)).map { ResourceDescriptor(name: $0, data: entries[$0] ?? Data()) }
        do {
            let statement = try InTotoStatement(subject: subjects, predicate: predicate).encoded()
            return try DSSEEnvelope.signed(statement, type: DSSEEnvelope.inTotoPayloadType, with: key).encoded()
        } catch {
            throw .signing(reason: "\(error)")
        }
    }

    /// Redaction entries once per copy (several items can share a file), in file order.
    private static func unique(_ redactions: [AuditVerdict.Redaction]) -> [AuditVerdict.Redaction] {
        var seen = Set<String>()
        return redactions.filter { seen.insert($0.name).inserted }.sorted { $0.name < $1.name }
    }

    /// The evidence files that go into the pack, as the pack holds them.
    private struct PackedEvidence {
        /// Bytes by payload path: originals, or redacted copies when redacting.
        var copies: [String: Data] = [:]
        /// Payload path by item id, for the items in the pack.
        var cited: [String: String] = [:]
        /// Digests of original and copy, by payload path, for copies redaction changed.
        var redactions: [String: PackMetadata.Redaction] = [:]
        /// Why a cited item's file was left out, by item id.
        var withheld: [String: String] = [:]
        /// Every personal value taken out of the copies: the reports must not quote them either.
        var personalValues: Set<String> = []
    }

    /// Reads every cited file once; when redacting, a file is redacted for the personal
    /// fields of every cited item it holds, and left out when that cannot be done.
    private func packedEvidence() throws(BuildError) -> PackedEvidence {
        var packed = PackedEvidence()
        let items = citedItems
        var order: [String] = []
        var itemsByFile: [String: [EvidenceItemInfo]] = [:]
        for item in items {
            if itemsByFile[item.file] == nil { order.append(item.file) }
            itemsByFile[item.file, default: []].append(item)
        }
        for file in order {
            let sharing = itemsByFile[file] ?? []
            guard let first = sharing.first else { continue }
            let entry = PackLayout.evidenceEntry(file)
            let original = try readEvidence(file, recorded: first.sha256)
            var copy = original
            if let personalData {
                var fields: [EvidenceContract.Field] = []
                for item in sharing {
                    for field in personalData.fields(of: item) where !fields.contains(where: { $0.name == field.name }) {
                        fields.append(field)
                    }
                }
                do {
                    let redacted = try EvidenceRedactor(fields: fields).redact(
                        original, format: first.format, delimiter: first.personalData.delimiter)
                    copy = redacted.data
                    packed.personalValues.formUnion(redacted.values)
                } catch {
                    for item in sharing { packed.withheld[item.id] = error.reason }
                    continue
                }
                if copy != original {
                    packed.redactions[entry] = PackMetadata.Redaction(
                        original: BagDigest.sha256.hex(of: original), redacted: BagDigest.sha256.hex(of: copy))
                }
            }
            packed.copies[entry] = copy
            for item in sharing { packed.cited[item.id] = entry }
        }
        return packed
    }

    /// An evidence-folder file's bytes, refusing paths that lead out of the folder and
    /// bytes that differ from what the run read.
    private func readEvidence(_ file: String, recorded: String?) throws(BuildError) -> Data {
        guard SafeArchive.isSafe(file) else { throw .outsideEvidenceFolder(path: file) }
        let url = evidenceFolder.appendingPathComponent(file).standardizedFileURL.resolvingSymlinksInPath()
        guard url.path.hasPrefix(evidenceFolder.path + "/") else { throw .outsideEvidenceFolder(path: file) }
        return try read(url, shownAs: file, recorded: recorded)
    }

    private func readInput(_ file: PackLayout.InputFile) throws(BuildError) -> Data {
        let url = file.source.hasPrefix("/")
            ? URL(fileURLWithPath: file.source) : workingDirectory.appendingPathComponent(file.source)
        return try read(url, shownAs: file.source, recorded: file.sha256)
    }

    private func read(_ url: URL, shownAs name: String, recorded: String?) throws(BuildError) -> Data {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: name, reason: FileErrorReason.describe(error, reading: url))
        }
        if let recorded {
            let now = BagDigest.sha256.hex(of: data)
            guard now == recorded else { throw .changedSinceCheck(path: name, recorded: recorded, now: now) }
        }
        return data
    }
}

/// A finished pack: its bytes and what they hold.
public struct EvidencePack: Sendable, Hashable {
    /// The ZIP file's bytes.
    public let data: Data
    /// The SHA-256 payload manifest: every file under `data/`.
    public let manifest: BagManifest
    /// Entries in the ZIP, tag files included.
    public let entryCount: Int
    /// Whether the signed verdict is in the pack.
    public let isSigned: Bool
    /// Whether the pack holds an RFC 3161 time-stamp of the verdict (`verdict.tsr`).
    public let isTimestamped: Bool
}
