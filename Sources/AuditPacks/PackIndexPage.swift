import AuditModel
import Foundation

/// `index.html`: the page an auditor opens first, in any browser, without cxaudit.
///
/// One self-contained file: no script, no network (its security policy forbids any
/// fetch), every link relative to the pack's root, every value from the run escaped —
/// evidence file names and the organization's name come from the organization.
enum PackIndexPage {
    static func render(layout: PackLayout, metadata: PackMetadata) -> Data {
        let run = layout.packedRun
        let organization = escape(run.evidence.organization)
        let grades = Grade.allCases.map { grade in
            "<li>\(escape(grade.title)): <strong>\(metadata.summary.findings[grade.rawValue] ?? 0)</strong></li>"
        }.joined()
        let waived = Grade.allCases.filter { (metadata.summary.waived[$0.rawValue] ?? 0) > 0 }
            .map { "\(metadata.summary.waived[$0.rawValue] ?? 0) \(escape($0.title.lowercased()))" }
        let waivedItem = "<li>Waived (an approved waiver covers them; not counted above): <strong>"
            + "\(metadata.summary.waived.values.reduce(0, +))</strong>\(waived.isEmpty ? "" : " — " + waived.joined(separator: ", "))</li>"
        let baseline = metadata.summary.baseline.map { baseline in
            "<li>Against the baseline \(escape(run.baseline?.file ?? "")): <strong>\(baseline.new)</strong> new, \(baseline.unchanged) unchanged, "
                + "\(baseline.resolved) resolved since</li>"
        } ?? ""
        let reports = PackLayout.reports.map { "<li>\(link($0.path, $0.title))</li>" }.joined(separator: "\n")
        let matrix = "<li>\(link(PackLayout.htmlReport, "Traceability matrix (in the HTML report)", fragment: "matrix"))</li>"
        let clauses = run.clauses.map { clause in
            "<tr><td>\(escape(clause.number))</td><td>\(escape(clause.title))</td><td class=\"\(escape(clause.verdict.rawValue))\">\(escape(clause.verdict.title))</td></tr>"
        }.joined(separator: "\n")
        let included = metadata.evidence.filter { $0.entry != nil }
        let evidence = included.map { file in
            let digest = file.redactedSha256.map { "\(escape($0)) (redacted copy; original \(escape(file.sha256 ?? "")))" } ?? escape(file.sha256 ?? "")
            return "<tr><td>\(escape(file.id))</td><td>\(escape(file.type))</td><td>\(link(file.entry ?? "", file.file))</td><td><code>\(digest)</code></td></tr>"
        }.joined(separator: "\n")
        let withheldFiles = metadata.evidence.filter { $0.entry == nil && $0.withheld != nil }
        let withheld = withheldFiles.isEmpty ? "" : "<p>Cited, but not in the pack:</p>\n<ul>\n" + withheldFiles.map { file in
            "<li>\(escape(file.id)) (<code>\(escape(file.file))</code>, SHA-256 <code>\(escape(file.sha256 ?? ""))</code>): \(escape(file.withheld ?? ""))</li>"
        }.joined(separator: "\n") + "\n</ul>"
        let redaction = metadata.redacted
            ? "Personal data (the fields the rulesets' contracts mark personal) is redacted in these copies and in the reports: each value reads <code>[redacted]</code>; record keys, dates, measured values and line numbers are as audited, and a redacted copy shows the SHA-256 of its original."
            : "Every file a finding or result rests on, byte for byte as it was audited."
        let left = metadata.evidence.filter { $0.entry == nil && $0.withheld == nil }
        let notIncluded = left.isEmpty ? "" : """
            <p>Registered but not cited by any result, so not in the pack: \(left.map { "\(escape($0.id)) (<code>\(escape($0.file))</code>)" }.joined(separator: ", ")).</p>
            """
        let inputs = (metadata.rulesets.map { ("Ruleset", $0) } + metadata.profiles.map { ("Profile", $0) } + metadata.waivers.map { ("Waivers", $0) })
            .map { kind, input in
                let name = [input.title, input.version.map { "version \($0)" }].compactMap { $0 }.joined(separator: ", ")
                return "<tr><td>\(kind)</td><td>\(link(input.entry, input.entry))\(name.isEmpty ? "" : " — " + escape(name))</td><td><code>\(escape(input.sha256 ?? ""))</code></td></tr>"
            }.joined(separator: "\n")
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Evidence pack — \(organization)</title>
            <style>
            body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1a1a1a}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
            code{font-size:.8em;word-break:break-all}.major{color:#a00;font-weight:600}.minor{color:#b45309;font-weight:600}.ofi{color:#1d4ed8}
            pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}
            </style>
            </head>
            <body>
            <h1>Evidence pack — \(organization)</h1>
            <p>Audit date <strong>\(escape(metadata.asOf))</strong> · generated \(escape(metadata.generatedAt)) by \(escape(run.tool.name)) \(escape(run.tool.version))\(metadata.summary.incomplete ? " · <strong>the run is incomplete: some input could not be read or evaluated</strong>" : "")</p>
            <h2>Findings</h2>
            <ul>\(grades)\(waivedItem)\(baseline)</ul>
            <h2>Reports</h2>
            <ul>
            \(reports)
            \(matrix)
            </ul>
            <h2>Clauses</h2>
            <table><thead><tr><th>Clause</th><th>Title</th><th>Verdict</th></tr></thead><tbody>
            \(clauses)
            </tbody></table>
            <h2>Evidence cited</h2>
            <p>\(redaction) The register is \(link(metadata.register.entry, metadata.register.entry)).</p>
            <table><thead><tr><th>Item</th><th>Type</th><th>File</th><th>SHA-256</th></tr></thead><tbody>
            \(evidence)
            </tbody></table>
            \(withheld)
            \(notIncluded)
            <h2>Rulesets, profiles and waivers used</h2>
            <table><thead><tr><th>Kind</th><th>File</th><th>SHA-256</th></tr></thead><tbody>
            \(inputs)
            </tbody></table>
            <h2>Checking this pack</h2>
            <p>The pack is a BagIt bag (RFC 8493): this page and everything it links are in its <code>data/</code> folder; \
            next to that folder, <code>manifest-sha256.txt</code> and <code>manifest-sha512.txt</code> list every file of it \
            with its digest, <code>bag-info.txt</code> describes the audit, and <code>\(PackLayout.verdict)</code>, when present, \
            is the signed verdict: an in-toto statement naming every file by its SHA-256, in a DSSE envelope signed with Ed25519. \
            With cxaudit, using the public key you received from the organization separately:</p>
            <pre>cxaudit verify pack.zip --public-key KEY.pub</pre>
            <p>Without it, in the folder the pack was unzipped to (<code>pip install bagit</code>):</p>
            <pre>bagit.py --validate .</pre>
            <p>and the signature as the pack's documentation shows (docs/evidence-packs.md, “Verifying without cxaudit”).</p>
            </body>
            </html>

            """
        return Data(html.utf8)
    }

    /// A link to a path in the pack, each segment percent-encoded.
    static func link(_ path: String, _ text: String, fragment: String? = nil) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#")
        let href = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
            .joined(separator: "/") + (fragment.map { "#" + $0 } ?? "")
        return "<a href=\"\(escape(href))\">\(escape(text))</a>"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
