import Foundation
import Testing

/// `cxaudit evidence types` and `cxaudit evidence check`, run as a user runs them.
@Suite("cxaudit evidence types | check")
struct EvidenceCommandTests {
    static let repository = CheckCommandTests.repository

    @Test("docs/evidence-types.md is the markdown listing of the shipped rulesets (regenerate: cxaudit evidence types --format markdown > docs/evidence-types.md)")
    func generatedDocCurrent() throws {
        let outcome = try CheckCommandTests.run(["evidence", "types", "--format", "markdown"])
        #expect(outcome.status == 0)
        let document = try String(contentsOf: Self.repository.appendingPathComponent("docs/evidence-types.md"), encoding: .utf8)
        #expect(outcome.stdout == document)
    }

    @Test("types lists each field with its type, requirement, other names and the rules that read it; JSON has the same")
    func typesListing() throws {
        let text = try CheckCommandTests.run(["evidence", "types", "--ruleset", "Rulesets/cx-starter.xml"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("complaints-log — read by 5 rules (cx-starter)"))
        #expect(text.stdout.contains("    root-cause               text, required; read by CX-10.2-01; also: Cause"))
        let json = try CheckCommandTests.run(["evidence", "types", "--ruleset", "Rulesets/cx-starter.xml", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let types = object?["types"] as? [[String: Any]] ?? []
        #expect(types.compactMap { $0["type"] as? String }.contains("satisfaction-survey"))
    }

    @Test("check on the sample is clean and exits 0")
    func sampleClean() throws {
        let outcome = try CheckCommandTests.run(["evidence", "check"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("0 errors, 0 warnings"))
    }

    @Test("check names a renamed column with the line to add, a misspelt type and a missing file, and exits 1")
    func problemsFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-evidence-check-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Evidence/northwind"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("complaints/complaints-log-2026.csv")
        try Data(try String(contentsOf: log, encoding: .utf8).replacingOccurrences(of: ",Resolved,", with: ",Finished on,").utf8).write(to: log)
        let register = folder.appendingPathComponent("evidence-register.xml")
        var text = try String(contentsOf: register, encoding: .utf8)
        text = text.replacingOccurrences(of: "id=\"CSAT-2026-Q3\" type=\"satisfaction-survey\"", with: "id=\"CSAT-2026-Q3\" type=\"customer-survey\"")
        text = text.replacingOccurrences(of: "file=\"surveys/csat-2026-q4.xml\"", with: "file=\"surveys/csat-2026-q4-final.xml\"")
        try Data(text.utf8).write(to: register)
        let outcome = try CheckCommandTests.run(["evidence", "check", folder.path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("required field 'resolved' is missing"))
        #expect(outcome.stdout.contains("<map field=\"resolved\" column=\"Finished on\"/>"))
        #expect(outcome.stdout.contains("did you mean 'satisfaction-survey'"))
        #expect(outcome.stdout.contains("csat-2026-q4-final.xml' does not exist"))
    }

    @Test("a folder without a register cannot be checked: exit 2")
    func noRegister() throws {
        let outcome = try CheckCommandTests.run(["evidence", "check", "Rulesets"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("no evidence register"))
    }

    @Test("init writes a register into a folder that has none, and leaves an existing one alone")
    func initRegister() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-evidence-init-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Evidence/kestrel"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = folder.appendingPathComponent("evidence-register.xml")
        let shipped = try Data(contentsOf: register)
        let kept = try CheckCommandTests.run(["evidence", "init", folder.path, "--as-of", "2026-11-30"])
        #expect(kept.status == 0)
        #expect(try Data(contentsOf: register) == shipped)
        #expect(kept.stdout.contains("<!-- guess: surveys/"))
        #expect(kept.stderr.contains("exists and was left as it is"))
        try FileManager.default.removeItem(at: register)
        let written = try CheckCommandTests.run(["evidence", "init", folder.path, "--as-of", "2026-11-30"])
        #expect(written.status == 0)
        #expect(written.stderr.contains("37 items, every one a guess to check"))
        let check = try CheckCommandTests.run(["evidence", "check", folder.path])
        #expect(check.status == 0, "\(check.stdout)")
    }
}
