public import AuditHistory
import AuditModel
import Foundation

/// The group report: one self-contained HTML page over many sites' recorded runs, for the
/// quality director who asks which clause fails where and whether it is getting better.
///
/// Each cell of the clause × site matrix is coloured by verdict and links to that site's
/// latest findings further down the page. A missing site's column is hatched grey and says
/// "missing": it carries no verdict, so it can never look conforming.
public enum GroupReport {
    /// The whole page, with its styles inline, so it can be mailed or archived as one file.
    public static func html(_ overview: GroupOverview) -> String {
        let escape = XMLMarkup.escape
        let generated = overview.generatedAt.formatted(Date.ISO8601FormatStyle())
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Group view: \(overview.sites.count) sites</title>
            <style>\(HTMLReport.styleSheet)\(styleSheet)</style></head><body><main>
            <h1>Group view: \(overview.sites.count) sites</h1>
            <p class="meta">From \(escape(overview.store)), as of \(escape(generated)). A site counts as reporting when its latest run \
            is within \(overview.windowDays) days; its cells show that run's verdicts.</p>

            """
        let missing = overview.missingSites
        if missing.isEmpty {
            page += "<p class=\"all-reported\">Every site reported within \(overview.windowDays) days.</p>\n"
        } else {
            page += "<section class=\"missing\"><h2>Missing sites (\(missing.count))</h2>\n"
            page += "<p>No verdict is shown for these sites and they are not counted as conforming.</p><ul>\n"
            for site in missing {
                let last = site.latestRun.map { "last run #\($0.id) recorded \($0.recordedAt.formatted(Date.ISO8601FormatStyle()))" } ?? "never reported"
                page += "<li><strong>\(escape(site.id))</strong>\(site.name.map { " (\(escape($0)))" } ?? ""): \(escape(last))</li>\n"
            }
            page += "</ul></section>\n"
        }

        page += "<h2>Clauses by site</h2>\n<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>Clause</th>"
        for site in overview.sites {
            page += "<th title=\"\(XMLMarkup.escapeAttribute(site.name ?? site.id))\">\(escape(site.id))</th>"
        }
        page += "<th>Across the group, per \(overview.periodDays) days</th></tr></thead><tbody>\n"
        for row in overview.clauses {
            page += "<tr><th scope=\"row\">\(escape(row.clause)) <span class=\"sub\">\(escape(row.title)) · \(escape(row.rulesetId))</span></th>"
            for (site, verdict) in zip(overview.sites, row.verdicts) {
                page += cell(site: site, verdict: verdict)
            }
            page += "<td class=\"trend\">\(trend(row.trend))</td></tr>\n"
        }
        page += "</tbody></table></div>\n"

        page += "<h2>Latest findings by site</h2>\n"
        for site in overview.sites {
            page += "<section id=\"site-\(anchor(site.id))\"><h3>\(escape(site.id))\(site.name.map { " — \(escape($0))" } ?? "")</h3>\n"
            guard site.status == .reporting, let run = site.latestRun else {
                page += "<p class=\"missing-note\">Missing: \(site.latestRun == nil ? "never reported" : "no run within \(overview.windowDays) days").</p></section>\n"
                continue
            }
            page += "<p>Run #\(run.id), recorded \(escape(run.recordedAt.formatted(Date.ISO8601FormatStyle()))), as of \(run.asOf): "
            page += "score \(run.conformityScore.map { String(format: "%.1f %%", $0) } ?? "–"), \(run.findings.major) major, "
            page += "\(run.findings.minor) minor, \(run.findings.ofi) OFI\(run.incomplete ? "; <strong>incomplete</strong>: some evidence could not be read" : "").</p>\n"
            if site.findings.isEmpty {
                page += "<p>No findings.</p>\n"
            } else {
                page += "<table><thead><tr><th>Grade</th><th>Clause</th><th>Rule</th><th>Where</th><th>Statement</th></tr></thead><tbody>\n"
                for finding in site.findings {
                    let place = [finding.itemId, finding.recordKey].compactMap { $0 }.joined(separator: " ")
                    let grade = finding.waived ? "waived" : finding.grade.rawValue
                    page += "<tr><td><span class=\"badge \(finding.waived ? "waived" : finding.grade.rawValue)\">\(grade)</span></td>"
                    page += "<td>\(escape(finding.clause))</td><td>\(escape(finding.ruleId))</td><td>\(escape(place))</td><td>\(escape(finding.statement))</td></tr>\n"
                }
                page += "</tbody></table>\n"
            }
            page += "</section>\n"
        }
        page += "</main></body></html>\n"
        return page
    }

    private static func cell(site: GroupOverview.Site, verdict: ClauseVerdict?) -> String {
        guard site.status == .reporting else {
            return "<td class=\"cell missing\" title=\"no run within the window\"><a href=\"#site-\(anchor(site.id))\">missing</a></td>"
        }
        let (label, style) = verdict.map { ($0.title, $0.cssClass) } ?? ("not assessed", "error")
        return "<td class=\"cell \(style)\"><a href=\"#site-\(anchor(site.id))\">\(XMLMarkup.escape(label))</a></td>"
    }

    /// The clause across the group period by period: conforming sites out of those that assessed it.
    private static func trend(_ points: [GroupOverview.TrendPoint]) -> String {
        points.map { point in
            let title = XMLMarkup.escapeAttribute("\(point.start) to \(point.end): \(point.conforming) of \(point.assessed) sites conforming, \(point.silent) without a run")
            guard point.assessed > 0 else { return "<span class=\"tp none\" title=\"\(title)\">–</span>" }
            let share = Double(point.conforming) / Double(point.assessed)
            let style = share == 1 ? "pass" : share >= 0.5 ? "minor" : "major"
            return "<span class=\"tp \(style)\" title=\"\(title)\">\(point.conforming)/\(point.assessed)</span>"
        }.joined(separator: " ")
    }

    /// A site id as a fragment: letters, digits, `-` and `_` kept, anything else as its code point.
    private static func anchor(_ id: String) -> String {
        id.unicodeScalars.map { scalar in
            scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
                ? String(scalar) : "_\(String(scalar.value, radix: 16))"
        }.joined()
    }

    private static let styleSheet = """
        .matrix td.cell{text-align:center;vertical-align:middle;font-size:12px;font-weight:600;white-space:nowrap}
        .matrix td.trend{white-space:nowrap;vertical-align:middle}
        .matrix td.cell a{color:#fff;text-decoration:none;display:block}
        .matrix td.pass{background:var(--pass)}.matrix td.major{background:var(--major)}.matrix td.minor{background:var(--minor)}
        .matrix td.ofi{background:var(--ofi)}.matrix td.na{background:var(--na)}.matrix td.error{background:var(--error)}
        .matrix td.missing{background:repeating-linear-gradient(45deg,#d0d5dd,#d0d5dd 6px,#f2f4f7 6px,#f2f4f7 12px)}
        .matrix td.missing a{color:var(--ink)}
        .matrix .sub{display:block;font-weight:400;color:var(--muted);font-size:12px}
        .scroll{overflow-x:auto}
        .tp{display:inline-block;min-width:2.5em;text-align:center;border-radius:4px;font-size:12px;color:#fff;margin:1px}
        .tp.pass{background:var(--pass)}.tp.minor{background:var(--minor)}.tp.major{background:var(--major)}.tp.none{color:var(--muted)}
        section.missing{border-left:4px solid var(--major);padding-left:12px}
        """
}
