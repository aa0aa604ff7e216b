import AuditModel
import AuditPacks
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
        let html = String(decoding: try #require(entries.first { $0.path == "index.html" }?.data), as: UTF8.self)
        let links = Self.links(in: html)
        #expect(links.contains("report/report.html"))
        #expect(links.contains("report/report.html#matrix"))
        #expect(links.contains("report/traceability.csv"))
        let paths = Set(entries.map(\.path))
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
        let html = String(decoding: try #require(try SamplePack.entry("index.html", of: pack.data)), as: UTF8.self)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"))
        #expect(!html.contains("<img"))
    }
}
