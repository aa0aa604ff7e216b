import ArgumentParser
import AuditPipeline
import AuditModel
import AuditPacks
import AuditReports
import Foundation

struct PackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Run the check and write an evidence pack an external auditor can verify.",
        discussion: """
            The pack is one ZIP holding a BagIt bag (RFC 8493). Under data/: index.html (open it \
            first), the HTML report, JSON results, OSCAL assessment-results, the traceability CSV, \
            every evidence file the results cite (same relative paths), the evidence register, the \
            rulesets, profiles and waiver files used, and run metadata (run.json). At the root: \
            bagit.txt, bag-info.txt, README.txt, SHA-256 and SHA-512 manifests and tag manifests; \
            --sign-key adds verdict.intoto.jsonl, the audit's verdict as an in-toto statement naming \
            every file by digest, in a DSSE envelope signed with Ed25519. The same inputs and \
            SOURCE_DATE_EPOCH give a byte-identical pack (docs/evidence-packs.md).

            --timestamp-url (with --sign-key) has an RFC 3161 time-stamping authority vouch for when \
            the verdict existed: after signing, the SHA-256 of verdict.intoto.jsonl is POSTed to the URL \
            (only that digest and a random nonce leave the machine: no evidence, report or name), \
            and the TSA's checked response is stored as verdict.tsr, listed in the tag manifests. \
            `openssl ts -verify -in verdict.tsr -data verdict.intoto.jsonl -CAfile tsa-ca.pem` checks \
            it; so does `cxaudit verify --tsa-cert tsa-ca.pem`. A TSA that cannot be reached, answers \
            an HTTP error, refuses, or answers with anything but a valid time-stamp of the verdict \
            (another digest, another nonce) fails the command, and no pack is written.

            Personal data is redacted by default: the fields the rulesets' evidence contracts mark \
            personal (names, e-mail addresses, phone numbers, free-text comments) read [redacted] in \
            the pack's CSV, JSON and XML evidence copies and in its reports; record keys, dates, \
            measured values and line numbers stay as audited, and run.json and the verdict record \
            the SHA-256 of each original and of its redacted copy. A cited office file (XLSX, ODS, \
            DOCX, ODT) with personal fields is left out, and run.json and index.html say why. \
            --no-redact ships the originals.

            Exit status: 0 the pack was written (findings do not change this: a pack is an artifact, \
            and its report says whether the run was complete); 2 it could not be (usage error, \
            unreadable or changed inputs, unusable key, time-stamping failed, unwritable output).
            """
    )

    @OptionGroup var inputs: AuditInputs

    @Option(help: ArgumentHelp("The pack file to write (atomically).", valueName: "pack.zip"))
    var output: String

    @Option(help: ArgumentHelp("A private key from `cxaudit keygen`: signs the verdict (verdict.intoto.jsonl) with Ed25519.", valueName: "key"))
    var signKey: String?

    @Option(
        name: .customLong("timestamp-url"),
        help: ArgumentHelp(
            "An RFC 3161 time-stamping authority: time-stamps the signed verdict as verdict.tsr (needs --sign-key). Only the verdict's SHA-256 is sent.",
            valueName: "url"))
    var timestampURL: String?

    @Option(
        name: .customLong("timestamp-timeout"),
        help: ArgumentHelp("Seconds to wait for the time-stamping authority.", valueName: "seconds"))
    var timestampTimeout: Double = 30

    @Flag(
        inversion: .prefixedNo,
        help: "Redact the personal fields the evidence contracts mark (default), or ship evidence and reports as they are (--no-redact).")
    var redact = true

    @Flag(help: "Replace an existing pack file (a pack handed to an auditor is not overwritten by accident).")
    var force = false

    mutating func validate() throws {
        try CheckPipeline.validate(inputs)
        if !force, FileManager.default.fileExists(atPath: output) {
            throw ValidationError("\(output) already exists; give another --output, or --force to replace it")
        }
        if let timestampURL {
            guard signKey != nil else {
                throw ValidationError("--timestamp-url time-stamps the signed verdict: give --sign-key too")
            }
            guard let url = URL(string: timestampURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--timestamp-url '\(timestampURL)' is not an http:// or https:// URL")
            }
        }
        guard timestampTimeout > 0 else {
            throw ValidationError("--timestamp-timeout must be a positive number of seconds")
        }
    }

    func run() async throws {
        // An unusable key should stop the command before the audit runs, not after.
        let key = try signKey.map { path in
            try Console.loadOrExit { () throws(PackKeyError) in try PackSigningKey(contentsOf: URL(fileURLWithPath: path)) }
        }
        let generatedAt: ReportTimestamp
        do {
            generatedAt = try ReportTimestamp.resolve(environment: ProcessInfo.processInfo.environment, now: Date())
        } catch {
            Console.error("error: \(error.description)")
            throw ExitStatus.incomplete
        }
        let evaluated = try await CheckPipeline.evaluate(CheckPipeline.load(CheckPipeline.request(inputs)))
        let audit = try Console.loadOrExit { () throws(PipelineError) in try evaluated.adjudicate() }
        let builder = PackBuilder(
            run: audit.run, evidenceFolder: audit.loaded.evidenceFolder,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            generatedAt: Date(timeIntervalSince1970: TimeInterval(generatedAt.secondsSinceEpoch)),
            redacting: redact ? PersonalData(rulesets: audit.loaded.rulesets) : nil)
        // Reports cite evidence under the pack's evidence folder, so their links work inside the pack.
        // The pack shows the runs recorded so far (cxaudit.toml's history) without recording one:
        // the run a pack repeats was recorded by the check it repeats.
        let history = try Console.loadOrExit { () throws(PipelineError) in try audit.recordedRuns() }
        let context = ReportContext(
            generatedAt: generatedAt, evidenceFolder: PackLayout.evidenceFolder, rules: RuleDescription.catalog(of: audit.loaded.rulesets),
            history: history, csvDialect: audit.loaded.csvDialect, parallelism: audit.loaded.parallelism)
        let reports: PackBuilder.Reports
        do {
            let run = builder.packedRun
            reports = PackBuilder.Reports(
                html: try ReportFormat.html.render(run, context: context), jsonResults: try ReportFormat.json.render(run, context: context),
                oscalResults: try ReportFormat.oscal.render(run, context: context),
                traceabilityCSV: try ReportFormat.csv.render(run, context: context))
        } catch {
            Console.error("error: cannot render the reports for the pack: \(error)")
            throw ExitStatus.incomplete
        }
        let pack: EvidencePack
        if let key, let authority = timestampURL.flatMap(URL.init(string:)).map({ TimestampAuthority(url: $0, timeout: timestampTimeout) }) {
            do {
                pack = try await builder.build(reports: reports, signingKey: key, timestampedBy: authority)
            } catch {
                Console.error(error.errorDescription ?? "\(error)")
                throw ExitStatus.incomplete
            }
        } else {
            pack = try Console.loadOrExit { () throws(PackBuilder.BuildError) in try builder.build(reports: reports, signingKey: key) }
        }
        let url = URL(fileURLWithPath: output)
        try Console.loadOrExit { () throws(ArtifactWriter.WriteError) in try ArtifactWriter.write(pack.data, to: url) }

        for diagnostic in audit.run.diagnostics {
            Console.error(diagnostic.description)
        }
        if audit.run.isIncomplete {
            Console.error("warning: the run is incomplete (some input could not be read or evaluated); the pack's report says so.")
        }
        let counts = RunCounts(audit.run)
        let findings = counts.findings.total
        print(
            "Wrote \(Console.displayPath(url)): a BagIt bag of \(pack.manifest.lines.count) payload files\(pack.isSigned ? " and a signed verdict" : "")\(pack.isTimestamped ? ", time-stamped" : ""); "
                + "\(findings) finding\(findings == 1 ? "" : "s")\(counts.waived.total > 0 ? " and \(counts.waived.total) waived" : ""). "
                + "Check it with `cxaudit verify \(Console.displayPath(url))"
                + (key.map { _ in " --public-key KEY.pub" } ?? "") + (pack.isTimestamped ? " --tsa-cert TSA-CA.pem" : "") + "`.")
    }
}
