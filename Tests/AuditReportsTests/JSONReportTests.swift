import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("JSON report")
struct JSONReportTests {
    @Test("the document is versioned, has a summary and sorted keys")
    func structure() throws {
        let data = try JSONReport.render(sampleRun())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["$schemaVersion"] as? String == AuditRun.schemaVersion)
        #expect(Array(object.keys).sorted() == [
            "$schemaVersion", "asOf", "clauses", "diagnostics", "evidence", "findings", "profiles", "results", "rulesets", "summary", "tool",
        ])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["findings"] as? [String: Int])?["minor"] == 1)
        #expect(summary["conformityScore"] as? Double == 50)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"$schemaVersion\" : \"1.0\",\n  \"asOf\" : \"2026-11-30\""))
        #expect(text.hasSuffix("}\n"))
    }

    @Test("rendering is deterministic and round-trips the run")
    func deterministic() throws {
        let run = sampleRun(findingCount: 3)
        #expect(try JSONReport.render(run) == JSONReport.render(run))
        let object = try JSONSerialization.jsonObject(with: JSONReport.render(run)) as? [String: Any]
        let findings = try #require(object?["findings"] as? [Any])
        let decoded = try JSONDecoder().decode([Finding].self, from: JSONSerialization.data(withJSONObject: findings))
        #expect(decoded == run.findings)
    }
}
