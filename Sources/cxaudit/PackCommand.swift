import ArgumentParser
import AuditEngine
import AuditModel
import AuditPacks
import AuditReports
import CalendarDates
import Foundation

struct PackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Run the check and write an evidence pack an external auditor can verify.",
        discussion: """
            The pack is one ZIP: index.html (open it first), the HTML report, JSON results, OSCAL \\
            assessment-results, the traceability CSV, every evidence file the results cite (original \\
            bytes, same relative paths), the evidence register, the rulesets and profiles used, run \\
            metadata, and MANIFEST with the SHA-256 and size of every entry; --sign-key adds an Ed25519 \\
            signature of MANIFEST. Same inputs and SOURCE_DATE_EPOCH give a byte-identical pack \\
            (docs/evidence-packs.md).

            Exit status: 0 the pack was written (findings do not change this: a pack is an artifact);
            2 it could not be (usage error, unreadable inputs, unwritable output).
            """
    )

    @OptionGroup var inputs: AuditInputs

    @Option(help: "The pack file to write (atomically).")
    var output: String

    @Option(help: "A private key from `cxaudit keygen`: signs MANIFEST with Ed25519.")
    var signKey: String?

    mutating func validate() throws {
        try CheckPipeline.validate(inputs)
    }

    func run() async throws {
        let outcome = try await CheckPipeline(inputs: inputs).run()
        let run = outcome.run
        let timestamp: ReportTimestamp
        do {
            timestamp = try ReportTimestamp.resolve(environment: ProcessInfo.processInfo.environment, now: Date())
        } catch {
            Console.error("error: \(error.description)")
            throw ExitStatus.incomplete
        }
        let context = ReportContext(
            generatedAt: timestamp, evidenceFolder: "evidence", rules: RuleDescription.catalog(of: outcome.rulesets))
        var builder = PackBuilder(date: Date(timeIntervalSince1970: TimeInterval(timestamp.secondsSinceEpoch)))
        let reports: [(ReportFormat, String)] = [
            (.html, "report/report.html"), (.json, "report/results.json"), (.oscal, "report/assessment-results.json"),
            (.csv, "report/traceability.csv"),
        ]
        for (format, path) in reports {
            do {
                builder.add(path, try format.render(run, context: context))
            } catch {
                Console.error("error: cannot render the \(format.rawValue) report: \(error)")
                throw ExitStatus.incomplete
            }
        }
        let cited = Set(run.results.compactMap(\.itemId) + run.findings.compactMap(\.evidence.itemId))
        var evidenceFiles: [String] = []
        let root = outcome.evidenceFolder.standardizedFileURL.resolvingSymlinksInPath()
        for item in run.evidence.items where cited.contains(item.id) && item.sha256 != nil {
            let url = root.appendingPathComponent(item.file).standardizedFileURL.resolvingSymlinksInPath()
            guard url.path.hasPrefix(root.path + "/"), let data = try? Data(contentsOf: url) else { continue }
            builder.add("evidence/" + item.file, data)
            evidenceFiles.append(item.file)
        }
        try add(&builder, "evidence/\(EvidenceFolder.registerFileName)", outcome.evidenceFolder.appendingPathComponent(EvidenceFolder.registerFileName))
        var rulesetFiles: [String] = []
        for ruleset in outcome.rulesets {
            let name = "rulesets/" + URL(fileURLWithPath: ruleset.file).lastPathComponent
            try add(&builder, name, URL(fileURLWithPath: ruleset.file))
            rulesetFiles.append(name)
        }
        for profile in outcome.profiles {
            let name = "rulesets/profiles/" + URL(fileURLWithPath: profile.file).lastPathComponent
            try add(&builder, name, URL(fileURLWithPath: profile.file))
            rulesetFiles.append(name)
        }
        builder.add("run.json", try PackContents.metadata(run, generatedAt: timestamp.description))
        builder.add("index.html", PackContents.index(run, evidenceFiles: evidenceFiles.sorted(), rulesetFiles: rulesetFiles))
        let data: Data
        do {
            data = try builder.build(signingKeyAt: signKey.map { URL(fileURLWithPath: $0) })
        } catch {
            Console.error((error as? any LocalizedError)?.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }
        do {
            try ArtifactWriter.write(data, to: URL(fileURLWithPath: output))
        } catch {
            Console.error(error.errorDescription ?? "\(error)")
            throw ExitStatus.incomplete
        }
        print("Wrote \(output): \(builder.entries.count) entries\(signKey == nil ? "" : ", MANIFEST signed"); verify with `cxaudit verify \(output)`.")
    }

    private func add(_ builder: inout PackBuilder, _ path: String, _ url: URL) throws {
        do {
            builder.add(path, try Data(contentsOf: url))
        } catch {
            Console.error("\(url.path): error: cannot read it for the pack: \(error.localizedDescription)")
            throw ExitStatus.incomplete
        }
    }
}

/// The pack's own files: run metadata and the index page.
enum PackContents {
    /// Host-independent run metadata: no host names, no absolute paths.
    static func metadata(_ run: AuditRun, generatedAt: String) throws -> Data {
        struct Metadata: Encodable {
            let tool: ToolInfo
            let generatedAt: String
            let asOf: String
            let organization: String
            let rulesets: [[String: String]]
            let profiles: [[String: String]]
            let evidence: [[String: String]]
        }
        let metadata = Metadata(
            tool: run.tool, generatedAt: generatedAt, asOf: run.asOf.description, organization: run.evidence.organization,
            rulesets: run.rulesets.map { ["id": $0.id, "version": $0.version, "sha256": $0.sha256, "file": URL(fileURLWithPath: $0.file).lastPathComponent] },
            profiles: run.profiles.map { ["id": $0.id, "version": $0.version, "ruleset": $0.rulesetId, "sha256": $0.sha256] },
            evidence: run.evidence.items.map { ["id": $0.id, "type": $0.type, "file": $0.file, "sha256": $0.sha256 ?? ""] })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(metadata) + Data("\n".utf8)
    }

    static func index(_ run: AuditRun, evidenceFiles: [String], rulesetFiles: [String]) -> Data {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func link(_ path: String) -> String {
            let href = path.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }
                .joined(separator: "/")
            return "<li><a href=\"\(escape(href))\">\(escape(path))</a></li>"
        }
        let grades = Grade.allCases.map { grade in "\(run.findings.filter { $0.grade == grade }.count) \(grade.rawValue)" }.joined(separator: ", ")
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>Evidence pack — \(escape(run.evidence.organization))</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{background:#eee;padding:0 .2rem}</style>
            </head><body>
            <h1>Evidence pack — \(escape(run.evidence.organization))</h1>
            <p>Audit date \(escape(run.asOf.description)) · cxaudit \(escape(run.tool.version)) · findings: \(escape(grades)).</p>
            <h2>Reports</h2><ul>
            \(link("report/report.html"))
            \(link("report/traceability.csv"))
            \(link("report/results.json"))
            \(link("report/assessment-results.json"))
            \(link("run.json"))
            </ul>
            <h2>Evidence cited</h2><ul>
            \(link("evidence/\(EvidenceFolder.registerFileName)"))
            \(evidenceFiles.map { link("evidence/" + $0) }.joined(separator: "\n"))
            </ul>
            <h2>Rulesets and profiles</h2><ul>
            \(rulesetFiles.map(link).joined(separator: "\n"))
            </ul>
            <h2>Checking this pack</h2>
            <p><code>MANIFEST</code> lists every file with its SHA-256 and size; <code>MANIFEST.sig</code>, when present, is an
            Ed25519 signature of it. Verify with <code>cxaudit verify pack.zip --public-key KEY</code>, or by hand as
            described in docs/evidence-packs.md.</p>
            </body></html>

            """
        return Data(html.utf8)
    }
}
