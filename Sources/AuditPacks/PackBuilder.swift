public import AuditModel
public import Foundation
public import SafeZip

/// Assembles an evidence pack: one ZIP an external auditor can open without cxaudit
/// and check for tampering.
///
/// The builder does not know how reports are made: the caller renders them from
/// `packedRun` (the run with input files named by their place in the pack) and hands
/// them over as bytes. The builder adds what the run cites — evidence files, the
/// register, rulesets, profiles and waiver files, copied byte for byte after checking
/// each still has the SHA-256 the run recorded — then `run.json`, `index.html`,
/// `MANIFEST` and, with a key, `MANIFEST.sig`, and writes them as a reproducible ZIP:
/// the same inputs and generation time give the same bytes.
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
                return "error: cannot sign the manifest: \(reason)"
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

    /// A builder for the pack of `run`.
    ///
    /// - Parameters:
    ///   - evidenceFolder: The folder the run's register and evidence files are relative to.
    ///   - workingDirectory: The folder the run's relative ruleset, profile and waiver paths
    ///     are relative to (the working directory of the check).
    ///   - generatedAt: `SOURCE_DATE_EPOCH` when set, so packs are reproducible.
    public init(run: AuditRun, evidenceFolder: URL, workingDirectory: URL, generatedAt: Date) {
        self.run = run
        self.layout = PackLayout(run: run)
        self.evidenceFolder = evidenceFolder.standardizedFileURL.resolvingSymlinksInPath()
        self.workingDirectory = workingDirectory
        self.generatedAt = generatedAt
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
    ///   - signingKey: Signs `MANIFEST` with Ed25519 when given.
    /// - Throws: `BuildError` when an input cannot be read, changed since the check,
    ///   lies outside the evidence folder, or the archive cannot be written.
    public func build(reports: Reports, signingKey: PackSigningKey? = nil) throws(BuildError) -> EvidencePack {
        var entries: [String: Data] = [
            PackLayout.htmlReport: reports.html, PackLayout.jsonResults: reports.jsonResults,
            PackLayout.oscalResults: reports.oscalResults, PackLayout.traceabilityCSV: reports.traceabilityCSV,
        ]
        var cited: [String: String] = [:]
        for item in citedItems {
            let entry = PackLayout.evidenceEntry(item.file)
            if entries[entry] == nil {
                entries[entry] = try readEvidence(item.file, recorded: item.sha256)
            }
            cited[item.id] = entry
        }
        entries[layout.register.entry] = try readEvidence(layout.register.source, recorded: nil)
        for file in layout.rulesets + layout.profiles + layout.waiverFiles {
            entries[file.entry] = try readInput(file)
        }
        let metadata = PackMetadata(layout: layout, generatedAt: generatedAt, cited: cited)
        do {
            entries[PackLayout.metadata] = try metadata.encoded()
        } catch {
            throw .unreadable(path: PackLayout.metadata, reason: "cannot encode the run metadata: \(error)")
        }
        entries[PackLayout.index] = PackIndexPage.render(layout: layout, metadata: metadata)

        let manifest = PackManifest(entries: entries)
        var signature: Data?
        if let signingKey {
            do {
                signature = try PackSignature.file(signing: manifest.data, with: signingKey)
            } catch {
                throw .signing(reason: "\(error)")
            }
        }
        var archive = ReproducibleArchive(modificationDate: generatedAt)
        let bytes: Data
        do throws(ReproducibleArchive.WriteError) {
            for (path, data) in entries { try archive.add(path, data) }
            try archive.add(PackManifest.fileName, manifest.data)
            if let signature { try archive.add(PackSignature.fileName, signature) }
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
        return EvidencePack(data: bytes, manifest: manifest, isSigned: signature != nil)
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
            let now = PackManifest.Line(path: name, data: data).sha256
            guard now == recorded else { throw .changedSinceCheck(path: name, recorded: recorded, now: now) }
        }
        return data
    }
}

/// A finished pack: its bytes and the manifest they carry.
public struct EvidencePack: Sendable, Hashable {
    /// The ZIP file's bytes.
    public let data: Data
    public let manifest: PackManifest
    /// Whether `MANIFEST.sig` is in the pack.
    public let isSigned: Bool
}
