import AuditModel
import Foundation
import Testing

@testable import AuditReports

@Suite("JSON report")
struct JSONReportTests {
    static let schemaFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/formats/cxaudit-results-1.0.schema.json")

    @Test("the document is versioned, has a summary and sorted keys")
    func structure() throws {
        let input = ReportInput.sample()
        let object = try input.json(.json)
        #expect(object["$schemaVersion"] as? String == AuditRun.schemaVersion)
        #expect(Array(object.keys).sorted() == [
            "$schemaVersion", "asOf", "audit", "baseline", "clauses", "diagnostics", "evidence", "findings", "generatedAt", "profiles", "results",
            "rulesets", "summary", "tool", "waivers",
        ])
        let audit = try #require(object["audit"] as? [String: Any])
        #expect(audit["auditDate"] as? String == "2026-11-30")
        #expect((audit["basis"] as? String)?.contains("rest on the evidence provided") == true)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["findings"] as? [String: Int])?["minor"] == 1)
        #expect(summary["conformityScore"] as? Double == 50)
        let text = try input.text(.json)
        #expect(text.hasPrefix("{\n  \"$schemaVersion\" : \"1.0\",\n  \"asOf\" : \"2026-11-30\""))
        #expect(text.hasSuffix("}\n"))
    }

    @Test("rendering is deterministic and round-trips the run")
    func deterministic() throws {
        let input = ReportInput.sample(findingCount: 3)
        #expect(try input.rendered(.json) == input.rendered(.json))
        let findings = try #require(try input.json(.json)["findings"] as? [Any])
        let decoded = try JSONDecoder().decode([Finding].self, from: JSONSerialization.data(withJSONObject: findings))
        #expect(decoded == input.run.findings)
    }

    @Test("findings encoded in parts on several cores give the bytes of one encoding", arguments: [2, 3, 8])
    func findingsInParts(parallelism: Int) throws {
        var input = ReportInput.sample(findingCount: 7_001)
        input.run.findings = input.run.findings.enumerated().map { index, finding in
            var finding = finding
            finding.statement = "Complaint \"C-\(index)\" said: \\ ] }, \n\u{2028} </script> ü\u{1F600}"
            return finding
        }
        let whole = try input.rendered(.json)
        let spliced = try #require(try JSONReport.splicing(input.run, context: input.context, parts: parallelism), "the parts are laid out as expected")
        #expect(spliced + Data("\n".utf8) == whole)
        input.context.parallelism = parallelism
        #expect(try input.rendered(.json) == whole)
        let findings = try #require(try input.json(.json)["findings"] as? [[String: Any]])
        #expect(findings.count == 7_001)
        #expect(findings.last?["statement"] as? String == "Complaint \"C-7000\" said: \\ ] }, \n\u{2028} </script> ü\u{1F600}")
    }

    @Test("generatedAt is the context's timestamp, in UTC")
    func generatedAt() throws {
        #expect(try ReportInput.sample().json(.json)["generatedAt"] as? String == "2026-11-30T08:00:00Z")
    }

    @Test("the shipped JSON Schema describes this version of the document")
    func schemaVersion() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaFile)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect((properties["$schemaVersion"] as? [String: Any])?["const"] as? String == AuditRun.schemaVersion)
        let document = try ReportInput.edgeCases.json(.json)
        #expect(Set(document.keys) == Set(properties.keys), "every top-level key is described, and nothing else")
        #expect(Set(schema["required"] as? [String] ?? []) == Set(document.keys))
    }

    @Test("a trend result carries its unit as seriesUnit, which the shipped schema declares; without a unit the key is absent")
    func seriesUnit() throws {
        var input = ReportInput.edgeCases
        let index = try #require(input.run.results.firstIndex { $0.ruleId == "E-4" })
        let plain = try #require(try input.json(.json)["results"] as? [[String: Any]])
        #expect(plain.allSatisfy { $0["seriesUnit"] == nil })
        input.run.results[index].seriesUnit = "days"
        let results = try #require(try input.json(.json)["results"] as? [[String: Any]])
        let trend = try #require(results.first { $0["ruleId"] as? String == "E-4" })
        #expect(trend["seriesUnit"] as? String == "days")
        #expect((trend["series"] as? [Any])?.count == 3)
        #expect(results.filter { $0["seriesUnit"] != nil }.count == 1)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaFile)) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        let result = try #require(definitions["result"] as? [String: Any])
        #expect(result["additionalProperties"] as? Bool == false)
        let declared = Set(try #require(result["properties"] as? [String: Any]).keys)
        for object in results {
            #expect(Set(object.keys).isSubset(of: declared), "undeclared: \(Set(object.keys).subtracting(declared))")
        }
        #expect(((result["properties"] as? [String: Any])?["seriesUnit"] as? [String: Any])?["type"] as? String == "string")
    }

    @Test("the summary counts waived findings as waived, not under their grade, and states the baseline comparison")
    func summaryCounts() throws {
        let summary = try #require(try ReportInput.edgeCases.json(.json)["summary"] as? [String: Any])
        #expect(summary["findings"] as? [String: Int] == ["major": 1, "minor": 0, "ofi": 1])
        #expect(summary["waived"] as? [String: Int] == ["major": 1, "minor": 1, "ofi": 0])
        #expect(summary["results"] as? [String: Int] == ["pass": 0, "fail": 2, "error": 1, "notapplicable": 1, "notchecked": 0, "waived": 1])
        #expect(summary["baseline"] as? [String: Int] == ["new": 1, "unchanged": 3, "resolved": 1])
        #expect(try #require(try ReportInput.northwind.json(.json)["summary"] as? [String: Any])["baseline"] == nil, "absent without a baseline")
    }
}
