public import AuditModel
import CalendarDates
public import Foundation

/// Renders one self-contained HTML page for the quality manager preparing an
/// audit and for the auditor reading it: no script, no network (a Content
/// Security Policy forbids any fetch), CSS and SVG charts inline, and print
/// styles so "Print to PDF" gives a clean document.
///
/// Sections (`docs/formats/html.md`): summary (score, findings by grade, clauses
/// by verdict, results by status), clauses with verdicts, trends (a line chart
/// per metric evaluated over periods), findings with requirement, evidence,
/// statement, measured values and remediation, the traceability matrix
/// (clause × rule × evidence item × result, clauses without evidence included),
/// and the inputs (rulesets and evidence files with SHA-256).
///
/// Long lists are cut at the context's list limit with "… and N more", so a
/// run with 100,000 results still gives a page a browser opens; the CSV and
/// JSON outputs stay complete.
public enum HTMLReport {
    /// Evidence items listed in the inputs section before the list is cut.
    public static let evidenceListLimit = 500

    /// Renders `run` as one HTML page (UTF-8), in memory.
    public static func render(_ run: AuditRun, context: ReportContext) -> Data {
        var page = Page(index: RunIndex(run, context: context))
        page.render()
        return Data(page.html.utf8)
    }

    private struct Page {
        let index: RunIndex
        var html = ""
        var run: AuditRun { index.run }
        var limit: Int { index.context.listLimit }

        init(index: RunIndex) {
            self.index = index
        }

        mutating func render() {
            let title = "Conformity report: \(run.evidence.organization) as of \(run.asOf)"
            html += """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
                <meta name="generator" content="cxaudit \(e(run.tool.version))">
                <title>\(e(title))</title>
                <style>\(HTMLReport.styleSheet)</style>
                </head>
                <body>

                """
            header()
            summary()
            about()
            clauses()
            html += HTMLHistorySection(run: run, history: index.context.history).html
            trends()
            findings()
            waivers()
            baseline()
            matrix()
            inputs()
            html += """
                <footer>
                <p>Generated \(e(index.context.generatedAt.iso8601)) by cxaudit \(e(run.tool.version)). Finding ids are fingerprints of rule, evidence item and record key: they stay the same across runs. \
                Grades: a <b>major</b> nonconformity is a requirement not met or a systemic failure; a <b>minor</b> one an isolated lapse; an <b>opportunity for improvement</b> (OFI) is conforming but could be better.</p>
                </footer>
                </body>
                </html>

                """
        }

        // MARK: - Sections

        private mutating func header() {
            let rulesets = run.rulesets.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
                + run.profiles.map { " · profile \($0.id) \($0.version)" }.joined()
            html += """
                <header>
                <p class="eyebrow">cxaudit conformity report</p>
                <h1>\(e(run.evidence.organization))</h1>
                <p class="meta">Audit date <b>\(run.asOf)</b> · rulesets \(e(rulesets)) · \(run.evidence.items.count) evidence items · generated \(e(index.context.generatedAt.iso8601))</p>

                """
            if run.isIncomplete {
                let errors = run.diagnostics.filter { $0.severity == .error }.count + run.results.filter { $0.status == .error }.count
                html += """
                    <p class="banner">The run is incomplete: \(errors) input or evaluation error\(errors == 1 ? "" : "s"). Conclusions about the affected clauses are withheld; see <a href="#inputs">Inputs</a>.</p>

                    """
            }
            html += """
                <nav><a href="#summary">Summary</a> <a href="#about">About this audit</a> <a href="#clauses">Clauses</a> <a href="#history">Over time</a> \(index.run.results.contains { $0.series?.isEmpty == false } ? "<a href=\"#trends\">Trends</a> " : "")<a href="#findings">Findings</a> \(hasWaivers ? "<a href=\"#waivers\">Waivers</a> " : "")\(run.baseline != nil ? "<a href=\"#baseline\">Baseline</a> " : "")<a href="#matrix">Traceability matrix</a> <a href="#inputs">Inputs</a></nav>
                </header>

                """
        }

        private mutating func summary() {
            let score = ConformityScore.percentage(of: run)
            let counts = index.counts
            html += "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n"
            html += "<div class=\"card\"><h3>Conformity score</h3>\(scoreDial(score))<p class=\"note\">Share of evaluated rules with no failure and no error.</p></div>\n"
            html += "<div class=\"card\"><h3>Findings by grade</h3>"
            html += bars(
                Grade.allCases.map { (label: $0.title, count: counts.findings[$0], css: $0.rawValue) }
                    + [(label: "Waived", count: counts.waived.total, css: "waived")])
            html += "<p class=\"note\">A waived finding is counted as waived only, not under its grade.</p>"
            html += "</div>\n<div class=\"card\"><h3>Clauses by verdict</h3>"
            html += bars(
                ClauseVerdict.allCases.map { (label: $0.title, count: counts.clauses[$0] ?? 0, css: Self.css($0)) })
            html += "</div>\n<div class=\"card\"><h3>Results by status</h3>"
            html += bars(
                ResultStatus.allCases.map { (label: ReportText.status($0), count: counts.results[$0], css: Self.css($0)) })
            html += "</div>\n"
            if let baseline = counts.baseline {
                html += "<div class=\"card\"><h3>Against the baseline</h3>"
                html += bars([
                    (label: "New", count: baseline.new, css: "minor"), (label: "Unchanged", count: baseline.unchanged, css: "na"),
                    (label: "Resolved", count: baseline.resolved, css: "pass"),
                ])
                html += "<p class=\"note\"><a href=\"#baseline\">Compared with \(e(run.baseline?.file ?? ""))</a>.</p></div>\n"
            }
            html += "</div>\n</section>\n"
        }

        /// The audit's objectives, scope, criteria, dates, what was examined and the basis of
        /// the conclusions, as ISO 19011:2018 6.5.1 asks an audit report to state.
        private mutating func about() {
            let statement = AuditStatement(run)
            func row(_ label: String, _ values: [String]) {
                guard !values.isEmpty else { return }
                let text = values.count == 1 ? e(values[0]) : "<ul>" + values.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
                html += "<tr><th>\(label)</th><td>\(text)</td></tr>\n"
            }
            html += "<section id=\"about\">\n<h2>About this audit</h2>\n<table class=\"about\">\n<tbody>\n"
            row("Auditee", [statement.auditee])
            row("Objectives", [statement.objectives])
            row("Scope", statement.scope)
            row("Exclusions", statement.exclusions)
            row("Sites", statement.sites)
            row("Criteria", statement.criteria)
            row("Audited against", statement.editions)
            row("Crosswalks", statement.crosswalks)
            row("Tailoring", statement.tailoring)
            row("Audit date", [statement.auditDate])
            row("Evidence period", statement.evidencePeriod.map { [$0] } ?? [])
            row("Examined", [statement.examined])
            row("Basis of the conclusions", [statement.basis])
            html += "</tbody>\n</table>\n</section>\n"
        }

        private mutating func clauses() {
            html += """
                <section id="clauses">
                <h2>Clauses</h2>
                <table class="clauses">
                <thead><tr><th>Clause</th><th>Verdict</th><th>Rules</th><th>Results</th><th>Findings</th></tr></thead>
                <tbody>

                """
            for clause in run.clauses {
                let rules = index.rules(of: clause)
                let results = rules.flatMap(\.results)
                let findings = results.flatMap { index.findings(of: $0) }
                let resultText = ResultStatus.allCases.compactMap { status -> String? in
                    let count = results.filter { $0.status == status }.count
                    return count == 0 ? nil : "\(count) \(ReportText.status(status).lowercased())"
                }
                var findingText = Grade.allCases.compactMap { grade -> String? in
                    let count = findings.count { $0.grade == grade && !$0.isWaived }
                    return count == 0 ? nil : "<span class=\"badge \(grade.rawValue)\">\(count) \(grade.rawValue)</span>"
                }
                let waived = findings.count(where: \.isWaived)
                if waived > 0 { findingText.append("<span class=\"badge waived\">\(waived) waived</span>") }
                let hasProblems = results.contains { $0.status == .fail || $0.status == .error }
                let name = "<b>\(e(clause.number))</b> \(e(clause.title))"
                html += """
                    <tr><td>\(hasProblems ? "<a href=\"#clause-\(anchor(clause))\">\(name)</a>" : name)\(crosswalk(clause))</td>\
                    <td>\(verdictBadge(clause.verdict))\(clause.systemic.map { "<br><span class=\"note\">\(e($0))</span>" } ?? "")</td><td class="num">\(rules.count)</td>\
                    <td>\(resultText.isEmpty ? "<span class=\"muted\">no result</span>" : e(resultText.joined(separator: ", ")))</td>\
                    <td>\(findingText.isEmpty ? "<span class=\"muted\">–</span>" : findingText.joined(separator: " "))</td></tr>

                    """
            }
            html += "</tbody>\n</table>\n</section>\n"
        }

        private mutating func trends() {
            let trendResults = index.rules.flatMap { rule in rule.results.filter { $0.series?.isEmpty == false }.map { (rule, $0) } }
            guard !trendResults.isEmpty else { return }
            html += "<section id=\"trends\">\n<h2>Trends</h2>\n<div class=\"charts\">\n"
            for (rule, result) in trendResults {
                html += """
                    <figure class="chart">
                    <figcaption><b>\(e(rule.key.ruleId))</b> \(e(rule.displayTitle)) \(outcomeBadge(result))<br><span class="muted">\(e(rule.clause)) \(e(rule.clauseTitle)) · \(e(result.evidenceType))</span></figcaption>
                    \(TrendChart(points: result.series ?? [], unit: result.seriesUnit, css: Self.css(result)).svg)
                    <p>\(e(result.statement))</p>
                    </figure>

                    """
            }
            html += "</div>\n</section>\n"
        }

        private mutating func findings() {
            html += "<section id=\"findings\">\n<h2>Findings</h2>\n"
            let problemStatuses: Set<ResultStatus> = [.fail, .error]
            var any = false
            for clause in run.clauses {
                let rules = index.rules(of: clause)
                let failing = rules.flatMap { rule in rule.results.filter { problemStatuses.contains($0.status) }.map { (rule, $0) } }
                if failing.isEmpty { continue }
                html += "<h3 id=\"clause-\(anchor(clause))\">\(e(clause.number)) \(e(clause.title)) \(verdictBadge(clause.verdict))</h3>\n"
                if let systemic = clause.systemic { html += "<p class=\"note\">\(e(systemic))</p>\n" }
                html += "<p class=\"intent\">\(e(clause.intent))</p>\n"
                any = true
                let ordered = failing.enumerated().sorted { lhs, rhs in
                    let left = Self.rank(lhs.element.1)
                    let right = Self.rank(rhs.element.1)
                    return left != right ? left < right : lhs.offset < rhs.offset
                }.map(\.element)
                // At most `limit` failing results per rule: a rule failing on thousands of items stays one screen.
                var shownPerRule: [RuleKey: Int] = [:]
                var hiddenPerRule: [RuleKey: Int] = [:]
                for (rule, result) in ordered {
                    if shownPerRule[rule.key, default: 0] < limit {
                        shownPerRule[rule.key, default: 0] += 1
                        finding(result, rule: rule)
                    } else {
                        hiddenPerRule[rule.key, default: 0] += 1
                    }
                }
                for rule in rules {
                    guard let hidden = hiddenPerRule[rule.key] else { continue }
                    html += "<p class=\"more\">\(e(rule.key.ruleId)): \(e(ReportText.more(hidden, noun: "more failing results"))) (see the traceability matrix CSV and the JSON results)</p>\n"
                }
            }
            if !any {
                html += "<p class=\"muted\">No nonconformity, opportunity for improvement or evaluation error: every evaluated rule conforms.</p>\n"
            }
            html += "</section>\n"
        }

        private mutating func finding(_ result: RuleResult, rule: RuleEntry) {
            // Waived findings are in the waivers section, not among what is left to fix.
            let findings = index.activeFindings(of: result)
            let first = findings.first
            let item = result.itemId.map { " <span class=\"item\">[\(e($0))]</span>" } ?? ""
            html += "<article class=\"finding \(Self.css(result))\">\n"
            html += "<h4>\(outcomeBadge(result)) <b>\(e(result.ruleId))</b>\(item) \(e(rule.displayTitle))</h4>\n<dl>\n"
            if let requirement = first?.requirement ?? rule.requirement {
                html += "<dt>Requirement</dt><dd>\(e(requirement))</dd>\n"
            }
            html += "<dt>Statement</dt><dd class=\"statement\">\(e(result.statement))</dd>\n"
            html += "<dt>Evidence</dt><dd>\(evidenceDescription(result, first: first))</dd>\n"
            if !result.measurements.isEmpty {
                html += "<dt>Measured</dt><dd>\(measurements(result.measurements))</dd>\n"
            }
            if let remediation = first?.remediation ?? rule.remediation, !remediation.isEmpty, result.status == .fail {
                html += "<dt>Remediation</dt><dd>\(e(remediation))</dd>\n"
            }
            html += "</dl>\n"
            let listed = findings.count > 1 || (first.map { $0.statement != result.statement } ?? false)
            if listed {
                html += "<table class=\"records\">\n<colgroup><col class=\"c-where\"><col class=\"c-finding\"><col class=\"c-measured\"></colgroup>\n<thead><tr><th>Where</th><th>Statement</th><th>Measured</th></tr></thead>\n<tbody>\n"
                for finding in findings.prefix(limit) {
                    html += """
                        <tr><td class="loc">\(LocationMarkup.location(finding.evidence, file: index.file(of: finding.evidence)))\(finding.evidence.xpath.map { "<br><code class=\"tok\">\(e($0))</code>" } ?? "")</td>\
                        <td>\(e(finding.statement))\(baselineBadge(finding))<br><span class="fid">id <code>\(e(finding.id))</code></span></td><td>\(measurements(finding.measurements))</td></tr>

                        """
                }
                if findings.count > limit {
                    html += "<tr class=\"more\"><td colspan=\"3\">\(e(ReportText.more(findings.count - limit))) of \(findings.count) records; every record is in the JSON, SARIF and OSCAL outputs.</td></tr>\n"
                }
                html += "</tbody>\n</table>\n"
            } else if let first {
                html += "<p class=\"fid\">Finding id <code>\(e(first.id))</code>\(baselineBadge(first))</p>\n"
            }
            html += "</article>\n"
        }

        private var hasWaivers: Bool { !run.waivers.isEmpty || run.findings.contains(where: \.isWaived) }

        /// The waived findings, each with its waiver's terms, then every waiver given, active or expired.
        private mutating func waivers() {
            guard hasWaivers else { return }
            let waived = index.waivedFindings
            html += "<section id=\"waivers\">\n<h2>Waivers</h2>\n"
            html += "<p class=\"note\">A waived finding keeps its real outcome but is counted as waived, not under its grade, and does not decide the exit status until its waiver expires.</p>\n"
            html += "<h3>Waived findings (\(waived.count))</h3>\n"
            if waived.isEmpty {
                html += "<p class=\"muted\">None: no active waiver covers a finding of this run.</p>\n"
            } else {
                html += "<table>\n<thead><tr><th>Finding</th><th>Where</th><th>Waiver</th><th>Justification</th></tr></thead>\n<tbody>\n"
                for finding in waived.prefix(limit) {
                    guard let waiver = finding.waiver else { continue }
                    html += """
                        <tr><td><span class="badge waived" title="\(e(finding.grade.title)), waived">Waived \(e(finding.grade.rawValue))</span> <b>\(e(finding.ruleId))</b> \(e(finding.statement))\(baselineBadge(finding))<br><span class="fid">id <code>\(e(finding.id))</code></span></td>\
                        <td class="loc">\(LocationMarkup.location(finding.evidence, file: index.file(of: finding.evidence)))</td>\
                        <td><b>\(e(waiver.id))</b><br>approved by \(e(waiver.approver))<br>expires \(LocationMarkup.token(waiver.expires.description))</td><td>\(e(waiver.justification))</td></tr>

                        """
                }
                if waived.count > limit {
                    html += "<tr class=\"more\"><td colspan=\"4\">\(e(ReportText.more(waived.count - limit, noun: "more waived findings"))) (see the JSON results)</td></tr>\n"
                }
                html += "</tbody>\n</table>\n"
            }
            guard !run.waivers.isEmpty else {
                html += "</section>\n"
                return
            }
            html += "<h3>Waivers given (\(run.waivers.count))</h3>\n"
            html += "<table>\n<thead><tr><th>Waiver</th><th>Covers</th><th>Approved</th><th>Expires</th><th class=\"num\">Findings waived</th></tr></thead>\n<tbody>\n"
            for waiver in run.waivers {
                let scope = [waiver.rulesetId.map { "ruleset \($0)" }, waiver.itemId.map { "item \($0)" }, waiver.site.map { "site \($0)" }, waiver.recordKey.map { "record \($0)" }]
                    .compactMap { $0 }
                let covered = run.findings.count { $0.waiver?.id == waiver.id }
                let state = waiver.isActive(on: run.asOf)
                    ? LocationMarkup.token(waiver.expires.description)
                    : "<span class=\"badge error\">Expired</span> \(LocationMarkup.token(waiver.expires.description)): its findings count again"
                html += """
                    <tr><td><b>\(e(waiver.id))</b><br><span class="muted">\(e(waiver.location.description))</span></td><td>\(e(waiver.ruleId))\(scope.isEmpty ? "" : "<br><span class=\"muted\">\(e(scope.joined(separator: ", ")))</span>")</td>\
                    <td>\(e(waiver.approver))\(waiver.approved.map { "<br>\(e($0.description))" } ?? "")</td><td>\(state)</td><td class="num">\(covered)</td></tr>

                    """
            }
            html += "</tbody>\n</table>\n</section>\n"
        }

        /// The comparison with the baseline: its counts and the findings it had that are gone.
        private mutating func baseline() {
            guard let comparison = run.baseline, let counts = index.counts.baseline else { return }
            html += "<section id=\"baseline\">\n<h2>Baseline</h2>\n"
            html += "<p>Compared with <span class=\"loc\">\(e(comparison.file))</span>\(comparison.baselineAsOf.map { " (audit date \(e($0)))" } ?? ""): "
                + "<b>\(counts.new)</b> new, <b>\(counts.unchanged)</b> unchanged, <b>\(counts.resolved)</b> resolved. "
                + "Each finding above is marked new or unchanged; a finding's fingerprint (rule, evidence item, record key) is what is compared.</p>\n"
            html += "<h3>Resolved since the baseline (\(comparison.resolvedFindings.count))</h3>\n"
            guard !comparison.resolvedFindings.isEmpty else {
                html += "<p class=\"muted\">None: every finding of the baseline still occurs.</p>\n</section>\n"
                return
            }
            html += "<table>\n<thead><tr><th>Rule</th><th>Where</th><th>Was</th><th>Statement</th></tr></thead>\n<tbody>\n"
            for resolved in comparison.resolvedFindings.prefix(limit) {
                html += """
                    <tr><td><span class="badge pass">Resolved</span> <b>\(e(resolved.ruleId))</b></td><td class="loc">\(index.resolvedFile(resolved).map { LocationMarkup.path($0) } ?? "")\(resolved.recordKey.map { " " + LocationMarkup.token("[\($0)]") } ?? "")</td>\
                    <td>\(e(resolved.grade.title))</td><td>\(e(resolved.statement))<br><span class="fid">id <code>\(e(resolved.id))</code></span></td></tr>

                    """
            }
            if comparison.resolvedFindings.count > limit {
                html += "<tr class=\"more\"><td colspan=\"4\">\(e(ReportText.more(comparison.resolvedFindings.count - limit, noun: "more resolved findings"))) (see the JSON results)</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</section>\n"
        }

        private mutating func matrix() {
            html += """
                <section id="matrix">
                <h2>Traceability matrix</h2>
                <p class="note">Clause × rule × evidence item × result, clauses without evidence included. NC: nonconformity; OFI: opportunity for improvement. Up to \(limit) results are shown per rule; traceability.csv has every row.</p>
                <table class="matrix">
                <colgroup><col class="c-rule"><col class="c-item"><col class="c-result"><col class="c-count"><col class="c-statement"></colgroup>
                <thead><tr><th>Rule</th><th>Evidence item</th><th>Result</th><th class="num">Findings</th><th>Statement</th></tr></thead>

                """
            var covered: Set<RuleKey> = []
            for clause in run.clauses {
                let rules = index.rules(of: clause)
                html += """
                    <tbody class="clause-group"><tr class="clause-row"><th colspan="5"><b>\(e(clause.number))</b> \(e(clause.title)) \(verdictBadge(clause.verdict))</th></tr>

                    """
                if rules.isEmpty {
                    html += "<tr class=\"gap\"><td colspan=\"5\">No rule in the ruleset tests this clause: no evidence is looked at for it.</td></tr>\n"
                }
                for rule in rules {
                    covered.insert(rule.key)
                    matrixRows(rule)
                }
                html += "</tbody>\n"
            }
            let orphans = index.rules.filter { !covered.contains($0.key) }
            if !orphans.isEmpty {
                html += "<tbody class=\"clause-group\"><tr class=\"clause-row\"><th colspan=\"5\">Rules of clauses not in the run</th></tr>\n"
                for rule in orphans { matrixRows(rule) }
                html += "</tbody>\n"
            }
            html += "</table>\n</section>\n"
        }

        private mutating func matrixRows(_ rule: RuleEntry) {
            let shown = rule.results.prefix(limit)
            let rows = max(1, shown.count) + (rule.results.count > limit ? 1 : 0)
            let ruleCell = "<td rowspan=\"\(rows)\"><b>\(e(rule.key.ruleId))</b><br><span class=\"muted\">\(e(rule.displayTitle))</span></td>"
            if rule.results.isEmpty {
                html += "<tr class=\"gap\">\(ruleCell)<td colspan=\"4\">No result was recorded for this rule.</td></tr>\n"
                return
            }
            for (position, result) in shown.enumerated() {
                let item = result.itemId.flatMap { index.itemsById[$0] }
                let itemText: String
                if let itemId = result.itemId {
                    itemText = "<b>\(e(itemId))</b>" + (item.map { "<br><span class=\"loc\">\(LocationMarkup.path($0.file))</span>" } ?? "")
                } else {
                    itemText = "<span class=\"muted\">all \(e(result.evidenceType))</span>"
                }
                html += """
                    <tr>\(position == 0 ? ruleCell : "")<td>\(itemText)</td><td>\(outcomeBadge(result, short: true))</td>\
                    <td class="num">\(result.findingIds.count)</td><td>\(e(result.statement))</td></tr>

                    """
            }
            if rule.results.count > limit {
                html += "<tr class=\"more\"><td colspan=\"4\">\(e(ReportText.more(rule.results.count - limit, noun: "more results"))) for this rule (see traceability.csv)</td></tr>\n"
            }
        }

        private mutating func inputs() {
            html += """
                <section id="inputs">
                <h2>Inputs</h2>
                <h3>Rulesets</h3>
                <table>
                <thead><tr><th>Ruleset</th><th>Version</th><th>File</th><th>SHA-256</th></tr></thead>
                <tbody>

                """
            for ruleset in run.rulesets {
                html += "<tr><td><b>\(e(ruleset.id))</b><br><span class=\"muted\">\(e(ruleset.title))</span></td><td>\(e(ruleset.version))</td><td class=\"loc\">\(LocationMarkup.path(ruleset.file))</td><td><code class=\"hash\">\(e(ruleset.sha256))</code></td></tr>\n"
            }
            html += """
                </tbody>
                </table>
                <h3>Evidence (\(run.evidence.items.count) items, register \(e(run.evidence.register)))</h3>
                <table class="evidence">
                <thead><tr><th>Item</th><th>Type</th><th>File</th><th>Date</th><th>Owner</th><th>SHA-256</th></tr></thead>
                <tbody>

                """
            for item in run.evidence.items.prefix(HTMLReport.evidenceListLimit) {
                html += """
                    <tr><td><b>\(e(item.id))</b></td><td>\(e(item.type))</td><td class="loc">\(LocationMarkup.path(item.file))</td><td>\(item.date.map { e($0.description) } ?? "")</td>\
                    <td>\(e(item.owner ?? ""))</td><td>\(item.sha256.map { "<code class=\"hash\">\(e($0))</code>" } ?? "<span class=\"badge error\">unreadable</span>")</td></tr>

                    """
            }
            if run.evidence.items.count > HTMLReport.evidenceListLimit {
                html += "<tr class=\"more\"><td colspan=\"6\">\(e(ReportText.more(run.evidence.items.count - HTMLReport.evidenceListLimit, noun: "more items"))) (see results.json)</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
            html += "<h3>Problems with the inputs</h3>\n"
            if run.diagnostics.isEmpty {
                html += "<p class=\"muted\">None: every input was read.</p>\n"
            } else {
                html += "<ul class=\"diagnostics\">\n"
                for diagnostic in run.diagnostics {
                    html += "<li class=\"\(diagnostic.severity.rawValue)\"><code>\(e(diagnostic.location.description))</code> <b>\(e(diagnostic.severity.rawValue))</b>: \(e(diagnostic.message))</li>\n"
                }
                html += "</ul>\n"
            }
            html += "</section>\n"
        }

        // MARK: - Pieces

        private func e(_ text: String) -> String { XMLMarkup.escape(text) }

        private func anchor(_ clause: ClauseSummary) -> String {
            XMLMarkup.ncName("\(clause.rulesetId)-\(clause.number)")
        }

        /// `≈ ISO 9001:2008 5.2, 7.2.1; ISO 9001:2026 4.2 (provisional)`, a provisional entry
        /// titled with its note and source so a reader hovering it sees what it rests on.
        private func crosswalk(_ clause: ClauseSummary) -> String {
            guard !clause.crosswalk.isEmpty else { return "" }
            let entries = clause.crosswalk.map { entry -> String in
                let text = e("\(entry.standard) \(entry.clauses.joined(separator: ", "))")
                guard entry.status == .provisional else { return text }
                let note = entry.note.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
                let title = [note, entry.source.map { "source: \($0)" }].compactMap { $0 }.joined(separator: "; ")
                return text + " <span class=\"provisional\"\(title.isEmpty ? "" : " title=\"\(e(title))\"")>(provisional)</span>"
            }
            return "<br><span class=\"muted\">≈ \(entries.joined(separator: "; "))</span>"
        }

        /// A `New` or `Unchanged` badge after a finding of a run compared with a baseline.
        private func baselineBadge(_ finding: Finding) -> String {
            switch finding.baseline {
            case .new: return " <span class=\"badge minor\" title=\"Not in the baseline\">New</span>"
            case .unchanged: return " <span class=\"badge na\" title=\"In the baseline too\">Unchanged</span>"
            case nil: return ""
            }
        }

        private func verdictBadge(_ verdict: ClauseVerdict) -> String {
            "<span class=\"badge \(Self.css(verdict))\">\(e(verdict.title))</span>"
        }

        /// The result as a coloured badge; `short` gives `Minor NC`-style labels for narrow table columns.
        private func outcomeBadge(_ result: RuleResult, short: Bool = false) -> String {
            let label: String
            if result.status == .fail {
                switch result.grade {
                case .major: label = short ? "Major NC" : result.grade.title
                case .minor: label = short ? "Minor NC" : result.grade.title
                case .ofi: label = short ? "OFI" : result.grade.title
                }
            } else {
                label = ReportText.status(result.status)
            }
            return "<span class=\"badge \(Self.css(result))\" title=\"\(e(ReportText.outcome(result)))\">\(e(label))</span>"
        }

        private func evidenceDescription(_ result: RuleResult, first: Finding?) -> String {
            if let item = result.itemId.flatMap({ index.itemsById[$0] }) {
                var text = "<b>\(e(item.id))</b> <span class=\"loc\">\(LocationMarkup.path(item.file))</span>"
                if let date = item.date { text += " · \(e(date.description))" }
                if let sha256 = item.sha256 { text += "<br><span class=\"muted\">SHA-256</span> <code class=\"hash\">\(e(sha256))</code>" }
                if let first, let line = first.evidence.line, result.findingIds.count == 1 {
                    text += "<br>at <span class=\"loc\">\(LocationMarkup.location(first.evidence, file: index.file(of: first.evidence)))</span>"
                    if line > 0, let xpath = first.evidence.xpath { text += " <code class=\"tok\">\(e(xpath))</code>" }
                }
                return text
            }
            let items = index.items(ofType: result.evidenceType)
            if items.isEmpty {
                return "No <b>\(e(result.evidenceType))</b> item is in the evidence register."
            }
            let shown = items.prefix(limit).map { "<b>\(e($0.id))</b>" }.joined(separator: ", ")
            let more = items.count > limit ? " " + e(ReportText.more(items.count - limit)) : ""
            return "All \(items.count) <b>\(e(result.evidenceType))</b> items: \(shown)\(more)"
        }

        private func measurements(_ values: [AuditModel.Measurement]) -> String {
            values.map { "<span class=\"measure\"><span class=\"muted\">\(e($0.name))</span> \(e($0.value))</span>" }.joined(separator: " ")
        }

        private func scoreDial(_ score: Double?) -> String {
            guard let score else {
                return "<p class=\"big muted\">–</p><p class=\"note\">No rule was evaluated.</p>"
            }
            let circumference = 2 * Double.pi * 42
            let filled = circumference * max(0, min(100, score)) / 100
            let css = score >= 80 ? "pass" : score >= 50 ? "minor" : "major"
            return """
                <svg class="dial" viewBox="0 0 100 100" width="120" height="120" role="img" aria-label="Conformity score \(ReportText.number(score)) percent">\
                <circle cx="50" cy="50" r="42" class="track"/>\
                <circle cx="50" cy="50" r="42" class="fill \(css)" stroke-dasharray="\(ReportText.short(filled)) \(ReportText.short(circumference))" transform="rotate(-90 50 50)"/>\
                <text x="50" y="56" text-anchor="middle" class="dial-text">\(ReportText.number(score))%</text></svg>
                """
        }

        private func bars(_ rows: [(label: String, count: Int, css: String)]) -> String {
            let maximum = max(1, rows.map(\.count).max() ?? 1)
            var text = "<div class=\"bars\">"
            for row in rows {
                let width = Double(row.count) / Double(maximum) * 100
                text += """
                    <div class="bar-row\(row.count == 0 ? " zero" : "")"><span class="bar-label">\(e(row.label))</span><span class="num">\(row.count)</span>\
                    <svg viewBox="0 0 100 6" preserveAspectRatio="none" width="100%" height="6" aria-hidden="true">\
                    <rect x="0" y="0" width="100" height="6" class="track"/><rect x="0" y="0" width="\(ReportText.short(width))" height="6" class="\(row.css)"/></svg></div>
                    """
            }
            return text + "</div>"
        }

        static func rank(_ result: RuleResult) -> Int {
            result.status == .error ? 0 : 1 + result.grade.rank
        }

        static func css(_ result: RuleResult) -> String {
            result.status == .fail ? result.grade.rawValue : css(result.status)
        }

        static func css(_ status: ResultStatus) -> String {
            switch status {
            case .pass: return "pass"
            case .fail: return "major"
            case .error: return "error"
            case .notapplicable: return "na"
            case .notchecked: return "na"
            case .waived: return "waived"
            }
        }

        static func css(_ verdict: ClauseVerdict) -> String {
            verdict.cssClass
        }
    }

    /// An inline SVG line chart of one metric per period, with a dashed
    /// least-squares line: the same fit the trend check judges. The y axis always
    /// includes zero, so a change of 0.7 on values near 97 looks as small as it is;
    /// the values are printed at their points for the detail. With the trend's unit, the value
    /// axis names it and each point's tooltip gives its value with it.
    struct TrendChart {
        let points: [SeriesPoint]
        /// What the values are in (`days`, `%`); nil when the ruleset does not say.
        let unit: String?
        let css: String

        private let width = 520.0
        private let height = 220.0
        private let left = 52.0
        private let right = 12.0
        private let top = 20.0
        private let bottom = 34.0
        /// Space between the plot's edge and the first and last period, so their labels fit.
        private let inset = 34.0

        init(points: [SeriesPoint], unit: String? = nil, css: String) {
            self.points = points
            self.unit = unit
            self.css = css
        }

        /// The value axis's title: the period, read from the series' labels (`2026-Q2`,
        /// `2026-H1`, `2026-05`, `2026`: `cx:period`'s forms), and the unit. The aggregate is
        /// the rule's, not the series', so the title says "value".
        var axisTitle: String {
            let title = "Value per \(Self.periodName(of: points.map(\.period)))"
            return unit.map { "\(title) (\($0))" } ?? title
        }

        /// What one point stands for when every label has one form, else "period".
        static func periodName(of labels: [String]) -> String {
            func kind(_ label: String) -> String {
                let parts = label.split(separator: "-", omittingEmptySubsequences: false)
                guard let year = parts.first, year.count == 4, year.allSatisfy(\.isNumber) else { return "period" }
                guard parts.count == 2 else { return parts.count == 1 ? "year" : "period" }
                let rest = parts[1]
                if rest.hasPrefix("Q") { return "quarter" }
                if rest.hasPrefix("H") { return "half-year" }
                return rest.count == 2 && rest.allSatisfy(\.isNumber) ? "month" : "period"
            }
            let kinds = Set(labels.map(kind))
            return kinds.count == 1 ? kinds.first ?? "period" : "period"
        }

        var svg: String {
            let values = points.map(\.value)
            guard let low = values.min(), let high = values.max() else { return "" }
            let ticks = Self.ticks(low: min(0, low), high: max(0, high))
            let minimum = ticks.first ?? low
            let maximum = ticks.last ?? high
            let plotWidth = width - left - right - 2 * inset
            let plotHeight = height - top - bottom
            func x(_ position: Int) -> Double {
                points.count == 1 ? left + inset + plotWidth / 2 : left + inset + plotWidth * Double(position) / Double(points.count - 1)
            }
            func y(_ value: Double) -> Double {
                top + plotHeight * (1 - (value - minimum) / (maximum - minimum))
            }
            func f(_ value: Double) -> String { ReportText.number((value * 10).rounded() / 10) }

            let label = unit.map { "Values per period (\($0))" } ?? "Values per period"
            var svg = "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"100%\" class=\"trend\" role=\"img\" aria-label=\"\(XMLMarkup.escape(label))\">"
            for value in ticks {
                let position = y(value)
                svg += "<line x1=\"\(f(left))\" y1=\"\(f(position))\" x2=\"\(f(width - right))\" y2=\"\(f(position))\" class=\"\(value == 0 ? "baseline" : "grid")\"/>"
                svg += "<text x=\"\(f(left - 6))\" y=\"\(f(position + 4))\" text-anchor=\"end\" class=\"axis\">\(XMLMarkup.escape(ReportText.short(value)))</text>"
            }
            if points.count > 1, let fit = leastSquares(values) {
                let startValue = fit.intercept
                let endValue = fit.intercept + fit.slope * Double(points.count - 1)
                svg += "<line x1=\"\(f(x(0)))\" y1=\"\(f(y(startValue)))\" x2=\"\(f(x(points.count - 1)))\" y2=\"\(f(y(endValue)))\" class=\"fit\"/>"
            }
            let path = points.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element.value)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" class=\"line \(css)\"/>"
            for (position, point) in points.enumerated() {
                let px = x(position)
                let py = y(point.value)
                let dot = "<circle cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"4\" class=\"dot \(css)\"/>"
                let value = "<text x=\"\(f(px))\" y=\"\(f(py - 9))\" text-anchor=\"middle\" class=\"value\">\(XMLMarkup.escape(ReportText.short(point.value)))</text>"
                // The printed value stays a bare number, so a long unit cannot crowd the points;
                // the unit is on the axis, and in the tooltip of the point and its value. Without a
                // unit a tooltip would only repeat what is printed.
                if let unit {
                    let tooltip = "\(point.period): \(ReportText.short(point.value)) \(unit)"
                    svg += "<g><title>\(XMLMarkup.escape(tooltip))</title>\(dot)\(value)</g>"
                } else {
                    svg += dot + value
                }
                svg += "<text x=\"\(f(px))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\" class=\"axis\">\(XMLMarkup.escape(point.period))</text>"
            }
            let shrink = titleScale < 1 ? " scale(\(ReportText.number(titleScale)))" : ""
            svg += "<text transform=\"translate(12 \(f(top + plotHeight / 2))) rotate(-90)\(shrink)\" text-anchor=\"middle\" class=\"axis-title\">\(XMLMarkup.escape(axisTitle))</text>"
            return svg + "</svg>"
        }

        /// How much to shrink an axis title too long for the chart's height (a long unit), so
        /// that the chart's edge does not cut it off; 1 for a title that fits. The title is
        /// centred on the plot, so its room is twice the distance to the nearer edge. Its width
        /// is estimated from its length: 11 px bold is about 6.3 px a character in the widest
        /// common sans-serif (DejaVu Sans Bold), so the estimate errs on the side of fitting.
        /// Scaling the whole title keeps its letters' shape, which stretching to a length would not.
        private var titleScale: Double {
            let centre = top + (height - top - bottom) / 2
            let room = 2 * min(centre, height - centre) - 4
            let estimate = Double(axisTitle.count) * 6.3
            return estimate > room ? (room / estimate * 100).rounded(.down) / 100 : 1
        }

        /// Three to six round axis values (steps of 1, 2 or 5 × 10ⁿ) enclosing `low`…`high`;
        /// a bound at zero stays the first or last value.
        static func ticks(low: Double, high: Double) -> [Double] {
            let span = high - low
            let rough = (span == 0 ? max(abs(high) * 0.1, 1) : span) / 3
            let magnitude = pow(10, (log10(rough)).rounded(.down))
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
            var start = (low / step).rounded(.down) * step
            var end = (high / step).rounded(.up) * step
            // Room beyond the extreme values for their labels, except at a zero baseline.
            if start == low && span > 0 && low != 0 { start -= step }
            if end == high && high != 0 { end += step }
            let count = Int(((end - start) / step).rounded())
            return (0...max(1, count)).map { start + Double($0) * step }
        }

        private func leastSquares(_ values: [Double]) -> (slope: Double, intercept: Double)? {
            let count = Double(values.count)
            let meanX = (count - 1) / 2
            let meanY = values.reduce(0, +) / count
            var numerator = 0.0
            var denominator = 0.0
            for (position, value) in values.enumerated() {
                numerator += (Double(position) - meanX) * (value - meanY)
                denominator += (Double(position) - meanX) * (Double(position) - meanX)
            }
            guard denominator > 0 else { return nil }
            let slope = numerator / denominator
            return (slope, meanY - slope * meanX)
        }
    }

    static let styleSheet = """
        :root{--ink:#1d2939;--muted:#667085;--line:#e4e7ec;--bg:#f9fafb;--major:#b42318;--minor:#b54708;--ofi:#175cd3;--pass:#067647;--na:#98a2b3;--error:#7a2e0e;--waived:#6941c6}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:1120px;padding:24px 32px 48px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
        h1{font-size:28px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--ink)}h3{font-size:16px;margin:20px 0 8px}h4{font-size:14px;margin:0 0 8px}
        .eyebrow{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted)}
        .meta,.note,.muted{color:var(--muted)}.note{font-size:12px;margin:4px 0 0}.provisional{color:var(--minor);font-style:italic}.history .edition-break{border-left:4px double var(--minor)}
        nav{margin:12px 0 0;display:flex;gap:16px;flex-wrap:wrap}nav a{color:var(--ofi);text-decoration:none}
        a{color:inherit}
        .banner{background:#fef3f2;border:1px solid var(--major);color:var(--major);padding:8px 12px;border-radius:6px}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px}
        .card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:var(--bg);break-inside:avoid}.card h3{margin:0 0 8px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        .dial .track{fill:none;stroke:var(--line);stroke-width:10}.dial .fill{fill:none;stroke-width:10;stroke-linecap:round}
        .dial .fill.pass{stroke:var(--pass)}.dial .fill.minor{stroke:var(--minor)}.dial .fill.major{stroke:var(--major)}
        .dial-text{font-size:20px;font-weight:700;fill:var(--ink)}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
        thead th{background:var(--bg);font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
        thead{display:table-header-group}tr{break-inside:avoid}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        .bar-row{display:grid;grid-template-columns:1fr auto;column-gap:8px;margin:0 0 5px}.bar-row svg{grid-column:1 / span 2;display:block}.bar-row.zero{color:var(--muted)}.bar-label{font-size:13px}
        rect.track{fill:var(--line)}
        rect.major{fill:var(--major)}rect.minor{fill:var(--minor)}rect.ofi{fill:var(--ofi)}rect.pass{fill:var(--pass)}rect.na{fill:var(--na)}rect.error{fill:var(--error)}rect.waived{fill:var(--waived)}
        .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:var(--na);white-space:nowrap}
        .badge.major{background:var(--major)}.badge.minor{background:var(--minor)}.badge.ofi{background:var(--ofi)}.badge.pass{background:var(--pass)}.badge.error{background:var(--error)}.badge.waived{background:var(--waived)}
        .intent{color:var(--muted);margin:-4px 0 8px;font-style:italic}
        .finding{border:1px solid var(--line);border-left:5px solid var(--na);border-radius:6px;padding:12px 14px;margin:0 0 12px}.finding h4,.finding dl{break-inside:avoid;break-after:avoid}
        .finding.major{border-left-color:var(--major)}.finding.minor{border-left-color:var(--minor)}.finding.ofi{border-left-color:var(--ofi)}.finding.error{border-left-color:var(--error)}
        .finding dl{display:grid;grid-template-columns:120px 1fr;gap:4px 12px;margin:0}.finding dt{color:var(--muted);font-weight:600}.finding dd{margin:0}
        .statement{font-weight:600}.item{color:var(--muted)}
        .records{margin-top:10px;table-layout:fixed}.c-where{width:32%}.c-measured{width:18%}
        .matrix{table-layout:fixed}.c-rule{width:19%}.c-item{width:27%}.c-result{width:11%}.c-count{width:10%}.c-statement{width:33%}
        .clause-row th{background:#eef2f6;color:var(--ink);font-size:13px;text-transform:none;letter-spacing:0;border-top:2px solid var(--line)}
        .matrix tbody{break-inside:auto}.evidence td:nth-child(4){white-space:nowrap}
        .loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}.tok{white-space:nowrap}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}.hash{word-break:break-all;font-size:11px;color:var(--muted)}
        .measure{display:inline-block;margin:0 8px 0 0;white-space:nowrap}
        .fid{font-size:11px;color:var(--muted)}p.fid{margin:8px 0 0}
        tr.more td,p.more{color:var(--muted);font-style:italic}tr.gap td{background:#fffaeb;color:var(--minor)}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:16px}
        .chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px;break-inside:avoid}.chart p{margin:6px 0 0;font-size:13px}
        .trend .grid{stroke:var(--line)}.trend .axis{font-size:11px;fill:var(--muted)}.trend .value{font-size:11px;font-weight:600;fill:var(--ink)}
        .trend .fit{stroke:var(--muted);stroke-dasharray:5 4}.trend .line{fill:none;stroke-width:2.5}.trend .baseline{stroke:var(--muted)}.trend .axis-title{font-size:11px;font-weight:600;fill:var(--muted)}
        .chart.wide{max-width:760px;margin:0 0 12px}.history th.run{text-align:center;font-size:11px;font-weight:600}.history td{text-align:center}.history tbody th{font-weight:400;min-width:180px}.scroll{overflow-x:auto}.history tr.score td{font-variant-numeric:tabular-nums;font-weight:600}
        .line.pass{stroke:var(--pass)}.line.major{stroke:var(--major)}.line.minor{stroke:var(--minor)}.line.ofi{stroke:var(--ofi)}.line.error,.line.na,.line.waived{stroke:var(--na)}
        .dot{stroke:#fff;stroke-width:1.5}.dot.pass{fill:var(--pass)}.dot.major{fill:var(--major)}.dot.minor{fill:var(--minor)}.dot.ofi{fill:var(--ofi)}.dot.error,.dot.na,.dot.waived{fill:var(--na)}
        .diagnostics li.error b{color:var(--major)}.diagnostics li.warning b{color:var(--minor)}
        table.about th{width:18%;white-space:nowrap}table.about ul{margin:0;padding-left:18px}
        footer{margin-top:40px;padding-top:12px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
        @media (max-width:720px){body{padding:16px}table{display:block;overflow-x:auto}.finding dl{grid-template-columns:1fr}.charts{grid-template-columns:1fr}}
        @page{size:A4;margin:14mm 12mm}
        @media print{body{padding:0;max-width:none;font-size:11px}table{font-size:10px}.loc,code{font-size:9px}.bar-label,.chart p{font-size:11px}nav{display:none}h2{break-after:avoid}h3,h4{break-after:avoid}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}#matrix,#inputs{break-before:page}.charts{grid-template-columns:1fr 1fr}.cards{grid-template-columns:repeat(4,1fr)}a{text-decoration:none}}
        """
}
