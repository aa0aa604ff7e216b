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

    @Test("a waived finding is an accepted external suppression with the waiver's justification; results carry their baseline state")
    func suppressionsAndBaseline() throws {
        let sarifRun = try firstRun(ReportInput.edgeCases.json(.sarif))
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        let byFingerprint = Dictionary(
            results.map { (($0["partialFingerprints"] as? [String: String])?["cxauditFinding/v1"] ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let waived = try #require(byFingerprint["1b2c3d4e5f60718293a4b5c6d7e8f90a"])
        let suppression = try #require((waived["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external")
        #expect(suppression["status"] as? String == "accepted")
        #expect(suppression["justification"] as? String == "Acknowledged by post <2026-11-02>; the log was not updated | =SUM(A1)")
        let terms = try #require(suppression["properties"] as? [String: String])
        #expect(terms == ["waiver": "W-REC", "approver": "Rajesh Iyer & Co", "expires": "2027-01-31", "file": "waivers/edge waivers.xml"])
        #expect(waived["baselineState"] as? String == "new")
        #expect(byFingerprint["0a1b2c3d4e5f60718293a4b5c6d7e8f9"]?["suppressions"] == nil, "an active finding has no suppression")
        #expect(results.filter { $0["suppressions"] != nil }.count == 2)
        #expect(results.compactMap { $0["baselineState"] as? String }.sorted() == ["new", "unchanged", "unchanged", "unchanged"])
        let properties = try #require(sarifRun["properties"] as? [String: Any])
        #expect(properties["waivedFindings"] as? [String: Int] == ["major": 1, "minor": 1, "ofi": 0])
        #expect(properties["findings"] as? [String: Int] == ["major": 1, "minor": 0, "ofi": 1])
        let baseline = try #require(properties["baseline"] as? [String: Any])
        #expect(baseline["new"] as? Int == 1 && baseline["unchanged"] as? Int == 3 && baseline["resolved"] as? Int == 1)
        #expect((baseline["resolvedFindings"] as? [[String: Any]])?.first?["id"] as? String == "9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a")
        #expect(!results.contains { $0["baselineState"] as? String == "absent" }, "resolved findings are not results")
        let northwind = try firstRun(ReportInput.northwind.json(.sarif))
        #expect((northwind["results"] as? [[String: Any]])?.contains { $0["baselineState"] != nil || $0["suppressions"] != nil } == false)
    }

    @Test("the base id of relative URIs is described, not resolved to a host path")
    func originalUriBaseIds() throws {
        let bases = try #require(try firstRun(ReportInput.northwind.json(.sarif))["originalUriBaseIds"] as? [String: [String: Any]])
        #expect(Array(bases.keys) == ["%SRCROOT%"])
        #expect(bases["%SRCROOT%"]?["uri"] == nil)
        #expect(((bases["%SRCROOT%"]?["description"] as? [String: Any])?["text"] as? String)?.contains("Evidence/northwind/") == true)
    }

    @Test("an evidence folder outside the working directory: every URI is relative to EVIDENCE and no host path appears")
    func noHostPaths() throws {
        var input = ReportInput.edgeCases
        input.context.evidenceFolder = "/srv/audits/acme & sons"
        input.run.rulesets[0].file = "/home/qm/rulesets/edge.xml"
        let text = try input.text(.sarif)
        for hostPath in ["/srv/", "srv/audits", "%2Fsrv", "file:", "/home/", "home/qm"] {
            #expect(!text.contains(hostPath), "the log names \(hostPath)")
        }
        let sarifRun = try firstRun(input.json(.sarif))
        let bases = try #require(sarifRun["originalUriBaseIds"] as? [String: [String: Any]])
        #expect(Array(bases.keys) == ["EVIDENCE"])
        #expect(bases["EVIDENCE"]?["uri"] == nil, "the base's own URI would be a host path")
        var locations: [[String: Any]] = (sarifRun["artifacts"] as? [[String: Any]])?.compactMap { $0["location"] as? [String: Any] } ?? []
        for result in sarifRun["results"] as? [[String: Any]] ?? [] {
            for location in result["locations"] as? [[String: Any]] ?? [] {
                if let artifact = (location["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any] { locations.append(artifact) }
            }
        }
        #expect(locations.count > 3)
        for location in locations {
            #expect(location["uriBaseId"] as? String == "EVIDENCE")
            let uri = try #require(location["uri"] as? String)
            #expect(!uri.hasPrefix("/") && !uri.contains(":"), "\(uri) is not a relative reference")
        }
        #expect(locations.contains { $0["uri"] as? String == "complaints/log%20%3C2026%3E.csv" })
        let properties = try #require(sarifRun["properties"] as? [String: Any])
        #expect(((properties["rulesets"] as? [[String: Any]])?.first?["file"]) as? String == "edge.xml")
    }
}
