import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("OSCAL assessment results")
struct OSCALReportTests {
    /// The assessment-results document and its one result.
    private func results(_ input: ReportInput) throws -> (document: [String: Any], result: [String: Any]) {
        let document = try #require(try input.json(.oscal)["assessment-results"] as? [String: Any])
        let result = try #require((document["results"] as? [[String: Any]])?.first)
        return (document, result)
    }

    @Test("clauses are reviewed controls; rules and clauses are finding targets; every finding is an observation")
    func structure() throws {
        let run = NorthwindFixture.run
        let (document, result) = try results(.northwind)
        let metadata = try #require(document["metadata"] as? [String: Any])
        #expect(metadata["oscal-version"] as? String == OSCALReport.oscalVersion)
        #expect(metadata["last-modified"] as? String == "2026-11-30T08:00:00Z")
        let selections = try #require((result["reviewed-controls"] as? [String: Any])?["control-selections"] as? [[String: Any]])
        let controls = try #require(selections.first?["include-controls"] as? [[String: Any]])
        #expect(controls.compactMap { $0["control-id"] as? String } == run.clauses.map { "iso9001-2015-customer-improvement_\($0.number)" })
        let observations = try #require(result["observations"] as? [[String: Any]])
        #expect(observations.count == run.results.count + run.findings.count)
        let findings = try #require(result["findings"] as? [[String: Any]])
        #expect(findings.count == NorthwindFixture.rules.count + run.clauses.count)
        let target = try #require(
            findings.compactMap { $0["target"] as? [String: Any] }.first { $0["target-id"] as? String == "iso9001-2015-customer-improvement_ISO9001-9.3-01" })
        #expect(target["type"] as? String == "objective-id")
        #expect((target["status"] as? [String: Any])?["state"] as? String == "not-satisfied")
        let clauseTarget = try #require(
            findings.compactMap { $0["target"] as? [String: Any] }.first { $0["target-id"] as? String == "iso9001-2015-customer-improvement_4.2" })
        #expect(clauseTarget["type"] as? String == "statement-id")
        #expect((clauseTarget["status"] as? [String: Any])?["state"] as? String == "satisfied")
        let uuids = observations.compactMap { $0["uuid"] as? String } + findings.compactMap { $0["uuid"] as? String }
        #expect(Set(uuids).count == uuids.count, "UUIDs are unique")
        let pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        #expect(uuids.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "name-based (version 5) UUIDs")
    }

    @Test("UUIDs are version 5 of the fingerprint: stable across runs and generation times")
    func stableUUIDs() throws {
        let input = ReportInput.edgeCases
        let (_, result) = try results(input)
        let observations = try #require(result["observations"] as? [[String: Any]])
        // uuid.uuid5(UUID("3f1c9a5e-7b2d-4e8a-9c61-0d4b5e7f2a18"), "finding-observation\n0a1b2c3d4e5f60718293a4b5c6d7e8f9") in Python.
        let observation = try #require(observations.first { $0["uuid"] as? String == "d65fe97d-2847-5142-a80e-af94a822d77a" })
        #expect(observation["description"] as? String == input.run.findings[0].statement)
        let evidence = try #require((observation["relevant-evidence"] as? [[String: Any]])?.first)
        #expect(evidence["href"] as? String == "#651116b1-0243-5442-acc3-e00a31010ce1", "the evidence item's back-matter resource")
        var later = input
        later.context.generatedAt = ReportTimestamp(secondsSinceEpoch: 1_800_000_000)
        let (_, laterResult) = try results(later)
        #expect(
            (laterResult["observations"] as? [[String: Any]])?.compactMap { $0["uuid"] as? String }
                == observations.compactMap { $0["uuid"] as? String })
        #expect(laterResult["uuid"] as? String == result["uuid"] as? String)
    }

    @Test("not-applicable and not-assessed targets carry no satisfied state; the plan and evidence files are resources with hashes")
    func edgeCases() throws {
        let (document, result) = try results(.edgeCases)
        let findings = try #require(result["findings"] as? [[String: Any]])
        func target(_ id: String) -> [String: Any]? {
            findings.compactMap { $0["target"] as? [String: Any] }.first { $0["target-id"] as? String == id }
        }
        #expect((target("edge_E-3")?["implementation-status"] as? [String: Any])?["state"] as? String == "not-applicable")
        #expect(target("edge_E-2")?["status"] == nil, "an evaluation error draws no conclusion")
        #expect(target("edge_8.5.3")?["status"] == nil)
        let importAp = try #require(document["import-ap"] as? [String: Any])
        let resources = try #require((document["back-matter"] as? [String: Any])?["resources"] as? [[String: Any]])
        #expect(resources.contains { "#" + ($0["uuid"] as? String ?? "") == importAp["href"] as? String })
        let log = try #require(resources.first { $0["uuid"] as? String == "651116b1-0243-5442-acc3-e00a31010ce1" })
        let link = try #require((log["rlinks"] as? [[String: Any]])?.first)
        #expect(link["href"] as? String == "orgs/acme%20%26%20sons/complaints/log%20%3C2026%3E.csv")
        #expect((link["hashes"] as? [[String: Any]])?.first?["value"] as? String == String(repeating: "c", count: 64))
    }

    @Test("waived findings carry the waiver as props and remarks; a fully waived rule is satisfied for another reason, said why; counts are the run's")
    func waivers() throws {
        let (_, result) = try results(.edgeCases)
        func props(_ object: [String: Any]) -> [String: String] {
            Dictionary(
                ((object["props"] as? [[String: Any]]) ?? []).map { ($0["name"] as? String ?? "", $0["value"] as? String ?? "") },
                uniquingKeysWith: { first, _ in first })
        }
        let run = props(result)
        #expect(run["findings-major"] == "1" && run["findings-minor"] == "0" && run["findings-ofi"] == "1" && run["findings-waived"] == "2")
        #expect(run["baseline-new"] == "1" && run["baseline-unchanged"] == "3" && run["baseline-resolved"] == "1")
        let observations = try #require(result["observations"] as? [[String: Any]])
        let waived = try #require(observations.first { props($0)["finding-id"] == "1b2c3d4e5f60718293a4b5c6d7e8f90a" })
        #expect(props(waived)["waiver"] == "W-REC" && props(waived)["waiver-approver"] == "Rajesh Iyer & Co" && props(waived)["waiver-expires"] == "2027-01-31")
        #expect(props(waived)["baseline"] == "new")
        #expect((waived["remarks"] as? String)?.hasPrefix(
            "Waived: waiver W-REC, approved by Rajesh Iyer & Co, expires 2027-01-31: Acknowledged by post <2026-11-02>; the log was not updated | =SUM(A1)") == true)
        let findings = try #require(result["findings"] as? [[String: Any]])
        let ruleFinding = try #require(findings.first { ($0["target"] as? [String: Any])?["target-id"] as? String == "edge_E-5" })
        let status = try #require((ruleFinding["target"] as? [String: Any])?["status"] as? [String: Any])
        #expect(status["state"] as? String == "satisfied" && status["reason"] as? String == "other")
        #expect((status["remarks"] as? String)?.contains("waiver") == true)
        #expect((ruleFinding["remarks"] as? String)?.contains("W-RULE, approved by Helen Marsh, expires 2027-01-31") == true)
        let partly = try #require(findings.first { ($0["target"] as? [String: Any])?["target-id"] as? String == "edge_E-1" })
        #expect(((partly["target"] as? [String: Any])?["status"] as? [String: Any])?["state"] as? String == "not-satisfied", "one record is still open")
    }
}
