import AuditModel

/// The HTML report's "Over time" section: the conformity score and each clause's
/// verdict over the recorded runs, so the report itself shows whether the quality
/// management system improves (ISO 9001 10.3) — or, when runs are not recorded,
/// how to start recording them.
struct HTMLHistorySection {
    /// The run the report is about: its clauses are the rows.
    let run: AuditRun
    /// The recorded runs, oldest first; nil when runs are not recorded.
    let history: [RecordedRun]?

    /// Runs given a column in the verdict table, the most recent: more would not fit an A4
    /// page beside the clause titles. The chart shows every run given.
    static let tableRunLimit = 6

    /// The section, ready to insert into the page.
    var html: String {
        var html = "<section id=\"history\">\n<h2>Over time</h2>\n"
        guard let history, !history.isEmpty else {
            html += """
                <p class="muted">No run history is recorded, so this report cannot show how the conformity score and the clauses' verdicts moved from run to run. \
                Record every run with <code>cxaudit check --history</code> (or <code>history = true</code> in cxaudit.toml); from then on this section shows them run by run, \
                as evidence of continual improvement (ISO 9001 10.3).</p>
                </section>

                """
            return html
        }
        let columns = history.suffix(Self.tableRunLimit)
        let runs = history.count == 1 ? "1 recorded run" : "the \(history.count) most recent recorded runs"
        let table = columns.count == history.count ? "" : " (the table: the last \(columns.count))"
        html += "<p class=\"note\">The conformity score and each clause's verdict over \(runs)\(table), oldest first, one column per run.</p>\n"
        html += "<figure class=\"chart wide\">\n\(ScoreHistoryChart(runs: history).svg)\n</figure>\n"
        // The edition changes before each column, against the column before it (the first column has none shown).
        let columnRuns = Array(columns)
        let changes = columnRuns.indices.map { index in index == 0 ? [] : columnRuns[index].editionChanges(since: columnRuns[index - 1]) }
        func breakClass(_ index: Int, rulesetId: String? = nil) -> String {
            let changed = changes[index].contains { rulesetId == nil || $0.rulesetId == rulesetId }
            return changed ? " edition-break" : ""
        }
        html += "<div class=\"scroll\"><table class=\"history\">\n<thead><tr><th>Clause</th>"
        for (index, recorded) in columnRuns.enumerated() {
            let title = changes[index].map { "\($0.rulesetId): \($0.from) → \($0.to)" }.joined(separator: "; ")
            html += "<th class=\"run\(breakClass(index))\"\(title.isEmpty ? "" : " title=\"Edition changed: \(XMLMarkup.escape(title))\"")>"
                + "<span class=\"tok\">\(recorded.asOf)</span><br>#\(recorded.number)\(title.isEmpty ? "" : "<br><span class=\"provisional\">new edition</span>")</th>"
        }
        html += "</tr></thead>\n<tbody>\n<tr class=\"score\"><th>Conformity score</th>"
        for (index, recorded) in columnRuns.enumerated() {
            html += "<td class=\"num\(breakClass(index))\">\(recorded.conformityScore.map { "\(ReportText.short($0)) %" } ?? "–")</td>"
        }
        html += "</tr>\n"
        for clause in run.clauses {
            html += "<tr><th><b>\(XMLMarkup.escape(clause.number))</b> \(XMLMarkup.escape(clause.title))</th>"
            for (index, recorded) in columnRuns.enumerated() {
                let marker = breakClass(index, rulesetId: clause.rulesetId)
                html += "<td\(marker.isEmpty ? "" : " class=\"\(marker.dropFirst())\"")>\(cell(recorded.verdict(rulesetId: clause.rulesetId, clause: clause.number)))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        html += "<p class=\"note\">OK conforming · Major / Minor nonconformity · OFI opportunity for improvement · N/A not applicable · ? not assessed · – not assessed in that run.</p>\n"
        let described = changes.flatMap { $0 }.map { "\($0.rulesetId): \($0.from) → \($0.to)" }
        if !described.isEmpty {
            html += "<p class=\"note edition-note\">A double line before a run marks where the edition audited against changed (\(XMLMarkup.escape(described.joined(separator: "; ")))): "
                + "the verdicts and scores either side judge different requirements and are not to be compared.</p>\n"
        }
        return html + "</section>\n"
    }

    private func cell(_ verdict: ClauseVerdict?) -> String {
        guard let verdict else { return "<span class=\"muted\">–</span>" }
        return "<span class=\"badge \(verdict.cssClass)\" title=\"\(XMLMarkup.escape(verdict.title))\">\(Self.shortLabel(verdict))</span>"
    }

    /// A verdict in a few letters, for a column per run.
    private static func shortLabel(_ verdict: ClauseVerdict) -> String {
        switch verdict {
        case .conforming: return "OK"
        case .majorNonconformity: return "Major"
        case .minorNonconformity: return "Minor"
        case .opportunityForImprovement: return "OFI"
        case .notApplicable: return "N/A"
        case .notAssessed: return "?"
        }
    }
}
