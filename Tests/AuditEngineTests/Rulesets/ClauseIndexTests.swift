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

    @Test("has each ruleset's crosswalk table, an edition per column and provisional entries starred, as the rulesets say")
    func crosswalkTableIsCurrent() throws {
        let index = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/clause-index.md"), encoding: .utf8)
        let loader = try RulesetLoader(schema: resources.rulesetSchema)
        let files = try FileManager.default.contentsOfDirectory(atPath: resources.rulesetsFolder.path)
            .filter { $0.hasSuffix(".xml") && !$0.hasSuffix(".test.xml") }
        var provisionalEntries = 0
        for file in files {
            let ruleset = try loader.load(resources.rulesetsFolder.appendingPathComponent(file))
            let standards = ruleset.crosswalkEditions.map(\.standard)
            guard !standards.isEmpty else { continue }
            #expect(index.contains("| clause | title | \(standards.joined(separator: " | ")) |"), "\(ruleset.id): crosswalk header")
            for clause in ruleset.clauses {
                let cells = standards.map { standard -> String in
                    let entries = clause.crosswalk.filter { $0.standard == standard }
                    provisionalEntries += entries.count { $0.status == .provisional }
                    return entries.isEmpty
                        ? "—" : entries.map { $0.clauses.joined(separator: " ") + ($0.status == .provisional ? "*" : "") }.joined(separator: " ")
                }
                #expect(
                    index.contains("| \(clause.number) | \(clause.title) | \(cells.joined(separator: " | ")) |"),
                    "\(ruleset.id) clause \(clause.number): crosswalk row missing or out of date")
            }
            for source in ruleset.crosswalkSources where source.status == .provisional {
                #expect(index.contains("provisional, source `\(source.id)`: \(source.description)"), "\(ruleset.id): source \(source.id)")
            }
        }
        #expect(provisionalEntries > 0, "the ISO 9001 ruleset's 2026 entries are provisional until the edition is published")
    }
}
