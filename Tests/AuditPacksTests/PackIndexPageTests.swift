import AuditModel
import AuditPacks
import CalendarDates
import Foundation
import Testing

@Suite("index.html: opens without cxaudit, links everything, escapes everything")
struct PackIndexPageTests {
    static func links(in html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }

    @Test("the sample's index links the report, the matrix and every cited evidence file, all inside the pack")
    func links() async throws {
        let entries = try SamplePack.entries(of: try await SamplePack.pack(signed: false))
        let html = String(decoding: try #require(entries.first { $0.path == "data/index.html" }?.data), as: UTF8.self)
        let links = Self.links(in: html)
        #expect(links.contains("report/report.html"))
        #expect(links.contains("report/report.html#matrix"))
        #expect(links.contains("report/traceability.csv"))
        // Links are relative to data/, where index.html is.
        let paths = Set(entries.map(\.path).filter { $0.hasPrefix("data/") }.map { String($0.dropFirst("data/".count)) })
        for link in links {
            let target = try #require(link.split(separator: "#").first.map(String.init)?.removingPercentEncoding)
            #expect(paths.contains(target), "\(link) points at an entry of the pack")
        }
        for path in paths where path.hasPrefix("evidence/") {
            #expect(links.contains(path), "\(path) is linked")
        }
        #expect(html.contains("default-src 'none'"), "no fetch, no script")
        #expect(!html.contains("<script"))
    }

    @Test("names from the organization are escaped, and links percent-encoded")
    func escaping() async throws {
        var run = try await SamplePack.run()
        run.evidence.organization = "<script>alert('x')</script> & Co"
        let index = try #require(run.evidence.items.firstIndex { $0.id == "CL-2026" })
        run.evidence.items[index].id = "CL\"><img src=x onerror=alert(1)>"
        let builder = SamplePack.builder(for: run)
        let pack = try builder.build(reports: try SamplePack.reports(for: builder))
        let html = String(decoding: try #require(try SamplePack.entry("data/index.html", of: pack.data)), as: UTF8.self)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"))
        #expect(!html.contains("<img"))
    }

    @Test("a waived major is counted as waived, not as a major nonconformity, in the index and in run.json")
    func waivedFindings() async throws {
        var run = try await SamplePack.run()
        let major = try #require(run.findings.firstIndex { $0.grade == .major })
        run.findings[major].waiver = WaiverReference(
            id: "W-1", justification: "Review moved to December.", approver: "Helen Marsh", expires: CalendarDate(year: 2026, month: 12, day: 31)!,
            file: "waivers.xml")
        let builder = SamplePack.builder(for: run)
        let pack = try builder.build(reports: try SamplePack.reports(for: builder))
        let html = String(decoding: try #require(try SamplePack.entry("data/index.html", of: pack.data)), as: UTF8.self)
        #expect(html.contains("<li>Major nonconformity: <strong>0</strong></li>"))
        #expect(html.contains("<li>Waived (an approved waiver covers them; not counted above): <strong>1</strong> — 1 major nonconformity</li>"))
        let metadata = try JSONDecoder().decode(PackMetadata.self, from: try #require(try SamplePack.entry("data/run.json", of: pack.data)))
        let counts = RunCounts(run)
        #expect(metadata.summary.findings == ["major": 0, "minor": counts.findings.minor, "ofi": counts.findings.ofi])
        #expect(metadata.summary.waived == ["major": 1, "minor": 0, "ofi": 0])
    }
}
