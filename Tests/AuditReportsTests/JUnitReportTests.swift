import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("JUnit report")
struct JUnitReportTests {
    @Test("one test case per rule result, one suite per clause, counts that add up")
    func structure() throws {
        let root = try ReportInput.northwind.xml(.junit)
        let suites = root.children("testsuite")
        let run = NorthwindFixture.run
        #expect(root.name == "testsuites")
        #expect(suites.count == run.clauses.count)
        let cases = root.all("testcase")
        #expect(cases.count == run.results.count)
        #expect(root.attributes["tests"] == String(cases.count))
        #expect(root.attributes["failures"] == String(run.results.filter { $0.status == .fail }.count))
        #expect(root.attributes["timestamp"] == "2026-11-30T08:00:00")
        for suite in suites {
            #expect(suite.attributes["tests"] == String(suite.children("testcase").count))
            #expect(suite.all("property").contains { $0.attributes["name"] == "verdict" })
        }
        let failures = root.all("failure")
        #expect(failures.map { $0.attributes["message"] } == run.results.filter { $0.status == .fail }.map(\.statement))
    }

    @Test("a failure carries the statement, each finding with its location, requirement and remediation")
    func failureText() throws {
        let root = try ReportInput.northwind.xml(.junit)
        let testCase = try #require(root.all("testcase").first { $0.attributes["name"]?.hasPrefix("ISO9001-8.2.1-01 [CL-2026]") == true })
        #expect(testCase.attributes["classname"] == "iso9001-2015-customer-improvement.8.2.1")
        #expect(testCase.attributes["file"] == "Evidence/northwind/complaints/complaints-log-2026.csv")
        let failure = try #require(testCase.children("failure").first)
        #expect(failure.attributes["type"] == "minor")
        #expect(failure.text.contains("complaints/complaints-log-2026.csv:45 [C-2026-0043]: Complaint C-2026-0043 was acknowledged after 5 days"))
        #expect(failure.text.contains("Requirement: 8.2.1 Customer communication"))
        #expect(failure.text.contains("Remediation: Acknowledge each complaint"))
    }

    @Test("errors, skipped results, clauses without rules and input problems stay visible; markup is escaped")
    func edgeCases() throws {
        let input = ReportInput.edgeCases
        let root = try input.xml(.junit)
        let failure = try #require(root.all("failure").first)
        #expect(failure.attributes["message"] == input.run.results[0].statement.replacingOccurrences(of: "\u{0007}", with: "\u{FFFD}"))
        #expect(root.all("error").count == 2, "the evaluation error and the input error")
        let skipped = root.all("skipped").compactMap { $0.attributes["message"] }
        #expect(skipped.contains("Not applicable: design is out of scope."))
        #expect(skipped.contains { $0.hasPrefix("Waived: ") })
        #expect(skipped.contains { $0.hasPrefix("No rule was evaluated for this clause") })
        #expect(root.children("testsuite").last?.attributes["name"] == "inputs")
        #expect(failure.text.contains("… and") == false, "one finding is below the list limit")
    }

    @Test("a waived result is skipped with the waiver's justification; a partly waived failure marks its waived finding")
    func waivers() throws {
        let root = try ReportInput.edgeCases.xml(.junit)
        let waivedCase = try #require(root.all("testcase").first { $0.attributes["name"]?.hasPrefix("E-5") == true })
        let skipped = try #require(waivedCase.children("skipped").first)
        #expect(skipped.attributes["message"] == "Waived: waiver W-RULE, approved by Helen Marsh, expires 2027-01-31: Survey paused during the *system* migration.")
        #expect(skipped.text.hasPrefix("Minor nonconformity: =HYPERLINK(\"http://evil\") only 12 responses"), "the real outcome stays")
        let failure = try #require(root.all("failure").first)
        #expect(failure.text.contains(
            "  complaints/log <2026>.csv:9 [C-2]: Complaint C-2 was not acknowledged.\n    waived: waiver W-REC, approved by Rajesh Iyer & Co, expires 2027-01-31: "
                + "Acknowledged by post <2026-11-02>; the log was not updated | =SUM(A1)"))
    }
}
