public import Foundation
public import SafeZip
import X509

/// Checks an evidence pack as a BagIt bag — every file against the payload and tag
/// manifests, and `Payload-Oxum` — and, with the signer's public key, the signed verdict:
/// its DSSE signature, and every file against the digest the signed statement gives it;
/// and the RFC 3161 time-stamp of the verdict (`verdict.tsr`) when the pack has one.
///
/// The pack is read in memory through `SafeArchive` only: nothing is extracted, so a
/// hostile archive has nowhere to write, and zip-slip names, symbolic links, duplicate
/// names and ZIP bombs are refused before any entry is decompressed.
public enum PackVerifier {
    /// Limits a pack is read with: evidence files may be large (up to the 1 GiB cxaudit
    /// reads), but nothing may expand without bound.
    public static let limits = SafeArchive.Limits(
        maxEntries: 100_000, maxEntryBytes: 1 << 30, maxTotalBytes: 4 << 30, maxCompressionRatio: 200, ratioThresholdBytes: 1 << 20)

    /// One thing wrong with the pack, naming the entry.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// What went wrong, so scripts can tell a changed entry from a bad signature.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// The entry's bytes differ from what the manifests list.
            case modified
            /// `bag-info.txt`'s `Payload-Oxum` (bytes and files of the payload) differs from the payload.
            case size
            /// Listed in a manifest, absent from the pack.
            case missing
            /// In the pack, listed in no manifest.
            case extra
            /// Listed under one name, present under another with the same bytes.
            case renamed
            /// The entry cannot be decompressed (its CRC-32 or compressed data is wrong).
            case damaged
            /// A manifest does not follow its format, or contradicts the other manifest of its kind.
            case manifest
            /// The verdict's signature is missing, invalid or from another key, or the pack
            /// differs from what the signed verdict lists.
            case signature
            /// The time-stamp (`verdict.tsr`) is malformed, altered, for other bytes than the
            /// verdict, missing while a TSA certificate was given, or not from a trusted TSA.
            case timestamp
        }

        public let kind: Kind
        /// The entry concerned, as the manifests name it (for `renamed`, its listed name).
        public let path: String
        public let message: String

        /// `kind: path: message`.
        public var description: String { "\(kind.rawValue): \(path): \(message)" }
    }

    /// What verification found.
    public struct Report: Sendable, Hashable {
        /// The state of the signature.
        public enum Signature: Sendable, Hashable {
            /// Valid for the given key, identified by its fingerprint, and every file is the one it signed.
            case verified(fingerprint: String)
            /// The pack is signed, but no public key was given, so the signature was not checked.
            case notChecked
            /// The pack carries no signed verdict.
            case unsigned
            /// The signature does not hold for the given key, or the pack is not what it
            /// signed (a `signature` problem says why).
            case invalid
        }

        /// The state of the RFC 3161 time-stamp of the verdict.
        public enum Timestamp: Sendable, Hashable {
            /// The pack holds no `verdict.tsr`.
            case absent
            /// The token is valid for the verdict's bytes: `authority` (the TSA certificate's
            /// subject) saw them at `time`. `trusted` is true when the TSA's certificate chains to
            /// a certificate the verifier was given, false when none was given.
            case valid(authority: String, time: Date, trusted: Bool)
            /// The time-stamp does not hold (a `timestamp` problem says why).
            case invalid
        }

        /// Entries the manifests list.
        public let listed: Int
        /// Every problem, sorted by path.
        public let problems: [Problem]
        public let signature: Signature
        public let timestamp: Timestamp
        /// The signed verdict, when its signature holds for the given key.
        public let verdict: AuditVerdict?

        /// True when every entry matches the manifests and the signature, if a key was given, holds.
        public var isIntact: Bool { problems.isEmpty }
    }

    /// Why a file cannot be verified at all: not readable as a ZIP, not a pack, or hostile.
    public struct UnusablePack: Error, LocalizedError, Sendable, Hashable {
        public let path: String
        public let reason: String
        /// Why `SafeArchive` refused the archive, when it did.
        public let refusal: SafeArchive.Refusal.Reason?

        public var errorDescription: String? {
            "\(path): error: cannot verify: \(reason)"
        }
    }

    /// Verifies a pack.
    ///
    /// - Parameters:
    ///   - data: The pack's bytes.
    ///   - name: How to name the pack in errors (its path).
    ///   - publicKey: The signer's key; without it a signature is reported as not checked.
    ///   - tsaTrust: The TSA certificates to trust; without them a valid time-stamp is reported
    ///     as not checked against a trusted certificate, and with them a pack without one fails.
    /// - Returns: The problems found; an empty list means the pack is intact.
    /// - Throws: `UnusablePack` when the data is not a ZIP archive, is not a bag with a
    ///   SHA-256 manifest, or is refused as hostile (unsafe names, symbolic links, duplicate
    ///   names, ZIP bombs).
    public static func verify(
        _ data: Data, name: String, publicKey: PackVerifyingKey? = nil, tsaTrust: TSATrust? = nil
    ) throws(UnusablePack) -> Report {
        let archive: SafeArchive
        do {
            archive = try SafeArchive(data: data, limits: limits)
        } catch {
            throw UnusablePack(path: name, reason: error.message, refusal: error.reason)
        }
        guard archive.contains(PackLayout.bagDeclaration) || archive.contains(BagManifest.fileName(.payload, .sha256)) else {
            let old = archive.contains("MANIFEST") ? " (it has a MANIFEST: a pack of format 1, made by an earlier cxaudit, which that cxaudit verifies)" : ""
            throw UnusablePack(
                path: name, reason: "it has neither bagit.txt nor manifest-sha256.txt, so it is not a cxaudit evidence pack\(old)", refusal: nil)
        }
        var check = Check(archive: archive, name: name)
        try check.run(publicKey: publicKey, tsaTrust: tsaTrust)
        let sorted = check.problems.sorted { lhs, rhs in
            lhs.path == rhs.path ? lhs.kind.rawValue < rhs.kind.rawValue : lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
        }
        return Report(
            listed: check.listed.count, problems: sorted, signature: check.signature, timestamp: check.timestamp, verdict: check.verdict)
    }

    /// One verification's state: the archive, what was read, what was found.
    private struct Check {
        var archive: SafeArchive
        let name: String
        var problems: [Problem] = []
        /// Entries some problem already names, so one change is reported once.
        var named: Set<String> = []
        var listed: Set<String> = []
        var signature: Report.Signature = .unsigned
        var timestamp: Report.Timestamp = .absent
        var verdict: AuditVerdict?
        private var bytes: [String: Data] = [:]
        private var unreadable: Set<String> = []

        init(archive: SafeArchive, name: String) {
            self.archive = archive
            self.name = name
        }

        mutating func report(_ kind: Problem.Kind, _ path: String, _ message: String) {
            problems.append(Problem(kind: kind, path: path, message: message))
            named.insert(path)
        }

        /// An entry's bytes; nil (with a `damaged` problem) when it cannot be decompressed.
        mutating func read(_ path: String) throws(UnusablePack) -> Data? {
            if let data = bytes[path] { return data }
            if unreadable.contains(path) { return nil }
            do {
                let data = try archive.read(path)
                bytes[path] = data
                return data
            } catch where error.reason == .damaged || error.reason == .outgrowsDeclaredSize {
                // An altered deflate stream may fail its CRC or expand past its size: damage either way.
                unreadable.insert(path)
                report(.damaged, path, "cannot be decompressed: its bytes were altered or damaged")
                return nil
            } catch {
                throw UnusablePack(path: name, reason: error.message, refusal: error.reason)
            }
        }

        mutating func run(publicKey: PackVerifyingKey?, tsaTrust: TSATrust?) throws(UnusablePack) {
            // Tag manifests first: a payload manifest they show altered explains the
            // payload mismatches it alone would report.
            let tag = try compare(.tag, altered: [])
            let altered = Set(problems.filter { $0.kind == .modified }.map(\.path))
            let payload = try compare(.payload, altered: altered)
            try extras(tagManifests: tag, payloadManifests: payload)
            if !problems.contains(where: { $0.path.hasPrefix(PackLayout.payloadFolder + "/") }) { try oxum() }
            try checkSignature(publicKey)
            try checkTimestamp(tsaTrust)
        }

        /// The time-stamp against the verdict file's bytes as the pack holds them, and, with
        /// `trust`, the TSA's certificate against it.
        private mutating func checkTimestamp(_ trust: TSATrust?) throws(UnusablePack) {
            let file = PackLayout.timestamp
            guard archive.contains(file) else {
                if trust != nil {
                    report(.timestamp, file, "the pack has no time-stamp, but a TSA certificate was given: it was removed, or the pack was made without --timestamp-url")
                    timestamp = .invalid
                }
                return
            }
            timestamp = .invalid
            guard let data = try read(file) else { return }
            guard archive.contains(PackLayout.verdict), let verdict = try read(PackLayout.verdict) else {
                report(.timestamp, file, "time-stamps \(PackLayout.verdict), which is not in the pack")
                return
            }
            do throws(TimestampError.Reason) {
                let response = try TimeStampResponse(derEncoded: data)
                guard response.isGranted, let token = response.token else {
                    throw TimestampError.Reason("holds no granted time-stamp (PKIStatus \(response.status))")
                }
                let certificate = try token.validate(among: trust?.certificates ?? [])
                guard token.info.imprint.matches(verdict) else {
                    throw TimestampError.Reason("is a time-stamp of other bytes than \(PackLayout.verdict) (its message imprint differs): the verdict was replaced, or the time-stamp belongs to another pack")
                }
                var trusted = false
                if let trust {
                    guard token.chains(certificate, to: trust.certificates) else {
                        throw TimestampError.Reason("signed by \(certificate.subject), which is not the given TSA certificate nor issued by it (or was not valid at \(token.info.genTime))")
                    }
                    trusted = true
                }
                timestamp = .valid(authority: "\(certificate.subject)", time: token.info.genTime, trusted: trusted)
            } catch {
                report(.timestamp, file, "\(error)")
            }
        }

        /// Reads the manifests of `kind` and compares every entry they list with them.
        /// Returns the manifests that could be read.
        private mutating func compare(_ kind: BagManifest.Kind, altered: Set<String>) throws(UnusablePack) -> [BagManifest] {
            var manifests: [BagManifest] = []
            for algorithm in BagDigest.allCases {
                let file = BagManifest.fileName(kind, algorithm)
                guard archive.contains(file) else {
                    report(.missing, file, "a pack always has it; it was removed")
                    continue
                }
                guard let data = try read(file) else { continue }
                do {
                    manifests.append(try BagManifest(parsing: data, kind: kind, algorithm: algorithm))
                } catch where !named.contains(file) {
                    report(.manifest, file, "\(error.errorDescription ?? "malformed"); it was altered or damaged, so the files it lists cannot be checked against it")
                } catch {
                    // Already reported: the tag manifests show it modified.
                }
            }
            var missing: [String: BagManifest.Line] = [:]
            for manifest in manifests {
                let trusted = !altered.contains(manifest.fileName)
                let others = manifests.filter { $0.algorithm != manifest.algorithm }
                for line in manifest.lines {
                    listed.insert(line.path)
                    guard archive.contains(line.path) else {
                        // Missing when every manifest of the kind lists it; else a manifest was edited (below).
                        let everywhere = others.allSatisfy { other in other.lines.contains { $0.path == line.path } }
                        if trusted && everywhere { missing[line.path] = missing[line.path] ?? line }
                        continue
                    }
                    guard let data = try read(line.path) else { continue }
                    let actual = manifest.algorithm.hex(of: data)
                    // A manifest the tag manifests show altered explains its own mismatches.
                    guard actual != line.digest, trusted, !named.contains(line.path) else { continue }
                    // Another manifest of the kind vouching for the bytes means this line was edited.
                    let vouched = others.contains { other in
                        other.lines.contains { $0.path == line.path && $0.digest == other.algorithm.hex(of: data) }
                    }
                    if vouched {
                        if !named.contains(manifest.fileName) {
                            report(.manifest, manifest.fileName, "lists \(line.path) with a \(manifest.algorithm.displayName) its bytes do not have, while \(others.map(\.fileName).joined(separator: ", ")) agrees with them: \(manifest.fileName) was altered")
                        }
                    } else {
                        report(.modified, line.path, "\(manifest.algorithm.displayName) is \(actual) (\(data.count) bytes); \(manifest.fileName) lists \(line.digest)")
                    }
                }
            }
            // Every file is in every manifest of a bag: a path one lists and another does not
            // was added to the first (when the file is absent) or dropped from the second.
            for manifest in manifests where !altered.contains(manifest.fileName) {
                for other in manifests where other.algorithm != manifest.algorithm && !altered.contains(other.fileName) {
                    let paths = Set(other.lines.map(\.path))
                    for line in manifest.lines where !paths.contains(line.path) {
                        let culprit = archive.contains(line.path) ? other.fileName : manifest.fileName
                        guard !named.contains(culprit) else { continue }
                        report(
                            .manifest, culprit,
                            archive.contains(line.path)
                                ? "does not list \(line.path), which \(manifest.fileName) lists and the pack holds: \(culprit) was altered"
                                : "lists \(line.path), which is not in the pack and which \(other.fileName) does not list: \(culprit) was altered")
                    }
                }
            }
            pendingMissing.merge(missing) { first, _ in first }
            return manifests
        }

        /// Files listed but absent, until extras are known (an absent file may have been renamed).
        private var pendingMissing: [String: BagManifest.Line] = [:]

        /// Entries no manifest lists, and absent entries found again under another name.
        private mutating func extras(tagManifests: [BagManifest], payloadManifests: [BagManifest]) throws(UnusablePack) {
            var extras: [(path: String, data: Data)] = []
            for path in archive.paths where !listed.contains(path) && !BagManifest.allFileNames.contains(path) {
                let isPayload = path.hasPrefix(PackLayout.payloadFolder + "/")
                // Without a readable manifest of the kind, nothing can be told extra.
                guard !(isPayload ? payloadManifests : tagManifests).isEmpty else { continue }
                guard let data = try read(path) else { continue }
                extras.append((path, data))
            }
            for (path, line) in pendingMissing.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) where !named.contains(path) {
                let algorithm = BagDigest.allCases.first { $0.hexLength == line.digest.count } ?? .sha256
                if let index = extras.firstIndex(where: { algorithm.hex(of: $0.data) == line.digest }) {
                    report(.renamed, path, "listed in the manifests, but in the pack as '\(extras[index].path)'")
                    named.insert(extras[index].path)
                    extras.remove(at: index)
                } else {
                    report(.missing, path, "listed in the manifests, but not in the pack")
                }
            }
            for extra in extras {
                report(.extra, extra.path, "in the pack, but listed in no manifest")
            }
        }

        /// `Payload-Oxum` against the payload, once every payload file matched its manifests:
        /// then only an edited `bag-info.txt` can disagree.
        private mutating func oxum() throws(UnusablePack) {
            guard archive.contains(BagInfo.fileName), let data = try read(BagInfo.fileName), let oxum = BagInfo(parsing: data)["Payload-Oxum"] else { return }
            var total = 0
            var files = 0
            for path in archive.paths where path.hasPrefix(PackLayout.payloadFolder + "/") {
                guard let bytes = try read(path) else { return }
                total += bytes.count
                files += 1
            }
            let actual = BagInfo.oxum(bytes: total, files: files)
            if oxum != actual {
                report(.size, BagInfo.fileName, "Payload-Oxum is \(oxum); the payload holds \(actual) (bytes.files): bag-info.txt was altered")
            }
        }

        private mutating func checkSignature(_ publicKey: PackVerifyingKey?) throws(UnusablePack) {
            let file = PackLayout.verdict
            signature = archive.contains(file) ? .notChecked : .unsigned
            guard let publicKey else { return }
            guard signature != .unsigned else {
                report(.signature, file, "the pack has no signed verdict, but a public key was given: it was removed, or the pack was made without --sign-key")
                return
            }
            signature = .invalid
            guard let data = try read(file) else { return }
            let envelope: DSSEEnvelope
            do {
                envelope = try DSSEEnvelope(parsing: data, file: file)
            } catch {
                report(.signature, file, "\(error.reason): it was altered")
                return
            }
            guard envelope.isSigned(by: publicKey) else {
                report(.signature, file, "not a valid signature of the verdict by the key \(publicKey.fingerprint): the verdict or its signature was altered, or another key signed it")
                return
            }
            guard envelope.payloadType == DSSEEnvelope.inTotoPayloadType, let payload = envelope.payloadBytes,
                let statement = try? JSONDecoder().decode(InTotoStatement.self, from: payload),
                statement.type == InTotoStatement.statementType, statement.predicateType == AuditVerdict.predicateType
            else {
                report(.signature, file, "the key signed it, but it is not a cxaudit verdict (an in-toto Statement v1 of \(AuditVerdict.predicateType))")
                return
            }
            // Every file but the signature's own must be the one the statement names.
            let unsigned: Set<String> = Set(BagManifest.allFileNames.filter { $0.hasPrefix(BagManifest.Kind.tag.rawValue + "-") } + [file, PackLayout.timestamp])
            var subjects: [String: String] = [:]
            for subject in statement.subject { subjects[subject.name] = subject.digest[BagDigest.sha256.rawValue] }
            var differs = false
            for path in archive.paths where !unsigned.contains(path) && !named.contains(path) {
                guard let bytes = try read(path) else { continue }
                let actual = BagDigest.sha256.hex(of: bytes)
                guard let signed = subjects[path] else {
                    report(.signature, path, "not named by the signed verdict: added after signing, with the manifests rewritten to match")
                    differs = true
                    continue
                }
                if signed != actual {
                    report(.signature, path, "SHA-256 is \(actual); the signed verdict lists \(signed): changed after signing, with the manifests rewritten to match")
                    differs = true
                }
            }
            for name in subjects.keys.sorted() where !archive.contains(name) && !named.contains(name) {
                report(.signature, name, "named by the signed verdict, but not in the pack: removed after signing, with the manifests rewritten to match")
                differs = true
            }
            if !differs {
                signature = .verified(fingerprint: publicKey.fingerprint)
                verdict = statement.predicate
            }
        }
    }
}
