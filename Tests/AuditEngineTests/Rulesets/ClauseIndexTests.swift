import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("docs/clause-index.md")
struct ClauseIndexTests {
    @Test("lists every rule of every shipped ruleset under its clause (regenerate with Scripts/generate-clause-index.py)")
    func indexIsCurrent() throws {
        let index = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/clause-index.md"), encoding: .utf8)
        let loader = try RulesetLoader(schema: resources.rulesetSchema)
        let files = try FileManager.default.contentsOfDirectory(atPath: resources.rulesetsFolder.path)
            .filter { $0.hasSuffix(".xml") && !$0.hasSuffix(".test.xml") }
        #expect(!files.isEmpty)
        for file in files {
            let ruleset = try loader.load(resources.rulesetsFolder.appendingPathComponent(file))
            #expect(index.contains("## \(ruleset.id) \(ruleset.version) "), "\(ruleset.id) is missing from the index")
            for clause in ruleset.clauses {
                for rule in clause.rules {
                    #expect(
                        index.contains("| \(clause.number) | \(clause.title) | \(rule.id) | \(rule.grade.rawValue) | \(rule.check.kind.rawValue) |"),
                        "\(rule.id) is missing from the index or out of date")
                }
            }
        }
    }
}
