import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("SARIF report")
struct SARIFReportTests {
    /// The log's one run.
    private func firstRun(_ document: [String: Any]) throws -> [String: Any] {
        try #require((document["runs"] as? [[String: Any]])?.first)
    }

    @Test("a SARIF 2.1.0 log whose results point at the evidence file and line of each finding")
    func resultsPointAtEvidence() throws {
        let run = NorthwindFixture.run
        let log = try ReportInput.northwind.json(.sarif)
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == SARIFReport.schemaURI)
        let sarifRun = try firstRun(log)
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        #expect(results.count == run.findings.count)
        for (result, finding) in zip(results, run.findings) {
            #expect(result["ruleId"] as? String == finding.ruleId)
            #expect((result["message"] as? [String: Any])?["text"] as? String == finding.statement)
            #expect((result["partialFingerprints"] as? [String: String])?["cxauditFinding/v1"] == finding.id)
            let expectedLevel = ["major": "error", "minor": "warning", "ofi": "note"][finding.grade.rawValue]
            #expect(result["level"] as? String == expectedLevel)
            let physical = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            if let file = finding.evidence.file {
                #expect(artifact["uri"] as? String == "Evidence/northwind/" + file)
                #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            }
            #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == finding.evidence.line)
        }
    }

    @Test("rules carry clause, title, requirement and help; every rule of the ruleset is described")
    func rules() throws {
        let sarifRun = try firstRun(ReportInput.northwind.json(.sarif))
        let driver = try #require((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == NorthwindFixture.rules.count)
        let rule = try #require(rules.first { $0["id"] as? String == "ISO9001-8.2.1-01" })
        #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == "Every complaint is acknowledged within the target time")
        let properties = try #require(rule["properties"] as? [String: Any])
        #expect(properties["clause"] as? String == "8.2.1")
        #expect(properties["clauseTitle"] as? String == "Customer communication")
        let help = try #require((rule["help"] as? [String: Any])?["text"] as? String)
        #expect(help.contains("What to do: Acknowledge each complaint"))
        #expect(help.contains("Why: "))
        #expect((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String == "warning")
        let artifacts = try #require(sarifRun["artifacts"] as? [[String: Any]])
        #expect(artifacts.count == NorthwindFixture.run.evidence.items.count)
        #expect((artifacts.first?["hashes"] as? [String: String])?["sha-256"] == NorthwindFixture.run.evidence.items.first?.sha256)
    }

    @Test("missing evidence points at the register; paths are percent-encoded; errors are notifications")
    func edgeCases() throws {
        let sarifRun = try firstRun(ReportInput.edgeCases.json(.sarif))
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        func uri(_ result: [String: Any]) -> String? {
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        #expect(uri(results[0]) == "orgs/acme%20%26%20sons/complaints/log%20%3C2026%3E.csv")
        #expect(uri(results[2]) == "orgs/acme%20%26%20sons/evidence-register.xml")
        let invocation = try #require((sarifRun["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notifications = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.count == 4, "the evaluation error and the three input problems")
        #expect((notifications.first?["message"] as? [String: Any])?["text"] as? String == "E-2 [MR-1]: reviews/mr 1.xml:2: DOCTYPE not allowed")
    }
}
