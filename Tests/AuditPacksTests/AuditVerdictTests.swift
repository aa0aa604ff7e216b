import AuditModel
import AuditPacks
import Foundation
import Testing

@Suite("The signed verdict: an in-toto statement about every file, with the audit's result")
struct AuditVerdictTests {
    static func statement(of pack: Data) throws -> InTotoStatement {
        let envelope = try DSSEEnvelope(parsing: try #require(try SamplePack.entry("verdict.intoto.jsonl", of: pack)), file: "verdict.intoto.jsonl")
        return try JSONDecoder().decode(InTotoStatement.self, from: try #require(envelope.payloadBytes))
    }

    @Test("the subjects are every payload file and tag file but the signature's own, by SHA-256 and SHA-512")
    func subjects() async throws {
        let pack = try await SamplePack.pack(signed: true)
        let statement = try Self.statement(of: pack)
        #expect(statement.type == "https://in-toto.io/Statement/v1")
        #expect(statement.predicateType == "https://cxaudit.dev/audit-verdict/v1")
        let entries = try SamplePack.entries(of: pack)
        let signed = entries.filter { !["verdict.intoto.jsonl", "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"].contains($0.path) }
        #expect(statement.subject.map(\.name) == signed.map(\.path))
        for (subject, entry) in zip(statement.subject, signed) {
            #expect(subject.digest == ["sha256": BagDigest.sha256.hex(of: entry.data), "sha512": BagDigest.sha512.hex(of: entry.data)], "\(entry.path)")
        }
        #expect(statement.subject.map(\.name).contains("manifest-sha256.txt"), "the signature covers the manifests")
    }

    @Test("the predicate records verifier, time, policy by digest and the result by grade")
    func predicate() async throws {
        let run = try await SamplePack.run()
        let pack = try await SamplePack.pack(signed: true)
        let verdict = try Self.statement(of: pack).predicate
        let counts = RunCounts(run)
        #expect(verdict.verifier.id == "https://cxaudit.dev/cxaudit")
        #expect(verdict.verifier.version == ["cxaudit": "1.0.0-test"])
        #expect(verdict.timeVerified == "2026-11-30T08:00:00Z")
        #expect(verdict.asOf == "2026-11-30")
        #expect(verdict.organization == run.evidence.organization)
        #expect(verdict.findings == ["major": counts.findings.major, "minor": counts.findings.minor, "ofi": counts.findings.ofi])
        #expect(verdict.verificationResult == "FAILED" && !verdict.conforming)
        let ruleset = try #require(verdict.policy.rulesets.first)
        #expect(ruleset.name == "data/rulesets/iso9001-2015-customer-improvement.xml")
        #expect(ruleset.digest["sha256"] == run.rulesets.first?.sha256)
        #expect(ruleset.annotations == ["id": run.rulesets[0].id, "version": run.rulesets[0].version])
        #expect(verdict.register.name == "data/evidence/evidence-register.xml")
        #expect(verdict.policy.profiles.isEmpty && verdict.policy.waivers.isEmpty)
    }

    @Test("a run without major or minor findings is PASSED")
    func passed() async throws {
        var run = try await SamplePack.run()
        run.findings.removeAll { $0.grade != .ofi }
        let builder = SamplePack.builder(for: run)
        let pack = try builder.build(reports: try SamplePack.reports(for: builder), signingKey: SamplePack.signer)
        let verdict = try Self.statement(of: pack.data).predicate
        #expect(verdict.verificationResult == "PASSED" && verdict.conforming)
        #expect(verdict.findings["ofi"] == run.findings.count)
    }
}
