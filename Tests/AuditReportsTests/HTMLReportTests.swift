import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    @Test("one self-contained page: no script, no external resource, network forbidden by its policy")
    func selfContained() throws {
        let page = try ReportInput.northwind.text(.html)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("src="))
        #expect(!page.contains("<link"))
        #expect(!page.contains("href=\"http"))
        #expect(page.contains("@media print"))
    }

    @Test("summary, score, clauses, trends, findings, matrix and inputs are all there")
    func sections() throws {
        let input = ReportInput.northwind
        let run = input.run
        let page = try input.text(.html)
        for id in ["summary", "clauses", "trends", "findings", "matrix", "inputs"] {
            #expect(page.contains("<section id=\"\(id)\">"), "section \(id)")
        }
        let score = try #require(ConformityScore.percentage(of: run))
        #expect(page.contains(">\(score == score.rounded() ? String(Int(score)) : String(score))%</text>"))
        #expect(page.components(separatedBy: "<polyline").count - 1 == run.results.filter { $0.series?.isEmpty == false }.count)
        let finding = try #require(run.findings.first)
        #expect(page.contains(XMLEscaped(finding.statement)))
        #expect(page.contains(XMLEscaped(finding.remediation)))
        #expect(page.contains(XMLEscaped(finding.requirement)))
        for item in run.evidence.items {
            #expect(page.contains(item.sha256 ?? "unreadable"))
        }
    }

    @Test("about this audit states objectives, scope and exclusions, criteria with the profile in force, dates, what was examined and the basis")
    func aboutThisAudit() throws {
        var input = ReportInput.northwind
        input.run.evidence.scope = AuditScope(
            activities: ["home-delivery"], exclusions: [.init(activity: "design-and-development", justification: "Bought in <ready-made>.")],
            sites: [.init(id: "leeds", name: "Leeds warehouse")])
        input.run.profiles = [
            ProfileInfo(
                id: "small-org", version: "1.0.0", title: "Small organization", rulesetId: "iso9001-2015-customer-improvement", file: "p.xml",
                sha256: "00", parameters: ["acknowledgement-days": "3"], references: ["Charter <v3> section 4"])
        ]
        let page = try input.text(.html)
        let about = try #require(page.components(separatedBy: "<section id=\"about\">").dropFirst().first?.components(separatedBy: "</section>").first)
        for expected in [
            "<th>Objectives</th><td>To determine whether Northwind Home Goods Ltd conforms to",
            "<th>Scope</th><td>home-delivery</td>",
            "<th>Exclusions</th><td>design-and-development: Bought in &lt;ready-made&gt;.</td>",
            "<th>Sites</th><td>Leeds warehouse (leeds)</td>",
            "<th>Tailoring</th><td>Small organization — small-org 1.0.0, tailoring iso9001-2015-customer-improvement; parameters changed: acknowledgement-days = 3; values from: Charter &lt;v3&gt; section 4</td>",
            "<th>Audit date</th><td>2026-11-30</td>",
            "not a sample", "rest on the evidence provided",
        ] {
            #expect(about.contains(expected), "\(expected)")
        }
        #expect(page.contains("· profile small-org 1.0.0</p>") || page.contains("· profile small-org 1.0.0 ·"))
    }

    @Test("evidence text is escaped; clauses with no rule and errors are shown")
    func edgeCases() throws {
        let page = try ReportInput.edgeCases.text(.html)
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(page.contains("<title>Conformity report: Acme &amp; Sons &lt;Ltd&gt; as of 2026-11-30</title>"))
        #expect(page.contains("No rule in the ruleset tests this clause"))
        #expect(page.contains("The run is incomplete"))
        #expect(page.contains("<span class=\"badge error\">unreadable</span>"))
        #expect(page.contains("DOCTYPE not allowed &lt;!DOCTYPE&gt;"))
    }

    @Test("a run with 100,000 results stays a page a browser opens: lists are cut with counts")
    func largeRunIsAggregated() throws {
        let input = ReportInput.large(rules: 4, items: 25_000)
        let page = try input.text(.html)
        #expect(input.run.results.count == 100_000)
        #expect(page.utf8.count < 1_500_000, "\(page.utf8.count) bytes")
        #expect(page.contains("… and 24975 more results for this rule"))
        #expect(page.contains("B-0: … and 24975 more failing results"))
        #expect(page.contains("… and 24500 more items"))
    }

    @Test("record keys and file:line are tokens a line never breaks inside, on screen or in print")
    func unbreakableLocations() throws {
        let page = try ReportInput.northwind.text(.html)
        #expect(page.contains(#"<span class="tok">complaints-log-2026.csv:45</span> <span class="tok">[C-2026-0043]</span>"#))
        #expect(page.contains(".tok{white-space:nowrap}"))
        #expect(!page.contains("word-break:break-all}.tok"), "locations no longer break anywhere")
        for finding in NorthwindFixture.run.findings {
            if let key = finding.evidence.recordKey {
                #expect(page.contains("<span class=\"tok\">[\(XMLEscaped(key))]</span>"), "record key \(key)")
            }
        }
    }

    @Test("trend charts start at zero with a labelled value axis, so 96.7 to 97.4 looks as flat as it is")
    func trendChartBaseline() throws {
        let page = try ReportInput.northwind.text(.html)
        let charts = page.components(separatedBy: "<svg viewBox=\"0 0 520 220\"").dropFirst().map { $0.components(separatedBy: "</svg>")[0] }
        #expect(charts.count == 3)
        for chart in charts {
            #expect(chart.contains("class=\"baseline\""), "a zero baseline")
            #expect(chart.contains("text-anchor=\"end\" class=\"axis\">0</text>"))
            #expect(chart.contains(">Value per quarter</text>"))
        }
        let delivery = try #require(charts.first { $0.contains(">97.4</text>") })
        #expect(delivery.contains(">120</text>") || delivery.contains(">100</text>"), "the axis goes past 97.4 from 0")
    }

    /// The edge-case run with its CSAT trend (E-4) given `unit`.
    static func edgeCases(unit: String) throws -> ReportInput {
        var input = ReportInput.edgeCases
        let index = try #require(input.run.results.firstIndex { $0.ruleId == "E-4" })
        input.run.results[index].seriesUnit = unit
        return input
    }

    /// The trend charts of `page`, each from its `<svg` to its `</svg>`.
    static func charts(_ page: String) -> [String] {
        page.components(separatedBy: "<svg viewBox=\"0 0 520 220\"").dropFirst().map { $0.components(separatedBy: "</svg>")[0] }
    }

    @Test("a trend's unit names the value axis and is in each point's tooltip; the printed values stay numbers")
    func trendChartUnit() throws {
        let chart = try #require(Self.charts(try Self.edgeCases(unit: "points").text(.html)).first)
        #expect(chart.contains("aria-label=\"Values per period (points)\""))
        #expect(chart.contains("rotate(-90)\" text-anchor=\"middle\" class=\"axis-title\">Value per quarter (points)</text>"), "fits as it is: \(chart)")
        for (period, value) in [("2026-Q1", "4.4"), ("2026-Q2", "4.1"), ("2026-Q3", "3.8")] {
            #expect(chart.contains("<g><title>\(period): \(value) points</title><circle "), "tooltip of \(period)")
            #expect(chart.contains("class=\"value\">\(value)</text></g>"), "printed value of \(period)")
        }
        let plain = try #require(Self.charts(try ReportInput.edgeCases.text(.html)).first)
        #expect(plain.contains("class=\"axis-title\">Value per quarter</text>") && !plain.contains("<title>"), "without a unit, as before")
    }

    @Test("a trend's unit is escaped, and one too long for the axis is squeezed onto it rather than cut off")
    func trendChartUnitEscapedAndFitted() throws {
        let marked = try #require(Self.charts(try Self.edgeCases(unit: "<b>% & co</b>").text(.html)).first)
        #expect(marked.contains(">Value per quarter (&lt;b&gt;% &amp; co&lt;/b&gt;)</text>"))
        #expect(marked.contains("<title>2026-Q1: 4.4 &lt;b&gt;% &amp; co&lt;/b&gt;</title>"))
        #expect(!marked.contains("<b>"))
        let long = try #require(Self.charts(try Self.edgeCases(unit: "complaints per 1,000 orders delivered").text(.html)).first)
        #expect(long.contains(#"rotate(-90) scale(0.56)" text-anchor="middle" class="axis-title">Value per quarter (complaints per 1,000 orders delivered)</text>"#), "\(long)")
    }

    private func XMLEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test("waived findings have their own section with the waiver's terms, expired waivers are marked, and findings carry their baseline state")
    func waiversAndBaseline() throws {
        let html = try ReportInput.edgeCases.text(.html)
        let findings = try #require(html.range(of: "<section id=\"findings\">").flatMap { start in
            html.range(of: "</section>", range: start.upperBound..<html.endIndex).map { String(html[start.upperBound..<$0.lowerBound]) }
        })
        #expect(!findings.contains("[C-2]"), "the waived record is not among what is left to fix")
        #expect(findings.contains("<span class=\"badge na\" title=\"In the baseline too\">Unchanged</span>"))
        let waivers = try #require(html.range(of: "<section id=\"waivers\">").map { String(html[$0.upperBound...]) })
        #expect(waivers.contains(#"<td class="loc"><span class="tok">complaints/</span><wbr><span class="tok">log &lt;2026&gt;.csv:9</span> <span class="tok">[C-2]</span></td>"#))
        #expect(waivers.contains("<b>W-REC</b><br>approved by Rajesh Iyer &amp; Co<br>expires <span class=\"tok\">2027-01-31</span></td><td>Acknowledged by post &lt;2026-11-02&gt;; the log was not updated | =SUM(A1)</td>"))
        #expect(waivers.contains("<span class=\"badge minor\" title=\"Not in the baseline\">New</span>"))
        #expect(waivers.contains("<span class=\"badge error\">Expired</span> <span class=\"tok\">2026-10-31</span>: its findings count again"))
        #expect(html.contains("<a href=\"#waivers\">Waivers</a>") && html.contains("<a href=\"#baseline\">Baseline</a>"))
        #expect(html.contains("<b>1</b> new, <b>3</b> unchanged, <b>1</b> resolved"))
        #expect(html.contains(#"<span class="badge pass">Resolved</span> <b>E-1</b></td><td class="loc"><span class="tok">complaints/</span><wbr><span class="tok">log &lt;2026&gt;.csv</span> <span class="tok">[=C-0]</span></td>"#))
        let northwind = try ReportInput.northwind.text(.html)
        #expect(!northwind.contains("<section id=\"waivers\">") && !northwind.contains("<section id=\"baseline\">"))
    }
}
