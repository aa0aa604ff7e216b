@testable import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Check kind definitions: built-in variables")
struct CheckKindDefinitionTests {
    static func variables(of kind: CheckKind) -> Set<String> {
        CheckKinds.definition(for: kind).variables
    }

    /// The row of `kind` in the "Built-in variables" table of docs/ruleset-language.md.
    static func documented(_ kind: CheckKind) throws -> Set<String> {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/ruleset-language.md"), encoding: .utf8)
        let row = try #require(guide.split(separator: "\n").first { $0.hasPrefix("| \(kind.rawValue) | `$") }, "no row for \(kind.rawValue)")
        let cell = row.split(separator: "|")[1]
        return Set(cell.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`$")) })
    }

    @Test("each kind binds exactly the variables the ruleset language guide lists for it", arguments: CheckKind.allCases)
    func documentedVariables(kind: CheckKind) throws {
        #expect(Self.variables(of: kind) == (try Self.documented(kind)))
    }

    @Test("a message may use a kind's variables; another kind's are undefined there")
    func checkedInMessages() throws {
        let folder = try TemporaryFolder()
        let uses = rulesetXML(ruleXML("F", #"<freshness evidence="x" max-age="P1Y"><message>{$age-days} days since {$newest}</message></freshness>"#))
        #expect(throws: Never.self) { try loadRuleset(uses, in: folder) }
        let misuses = rulesetXML(ruleXML("P", #"<presence evidence="x"><message>{$age-days} days</message></presence>"#))
        let error = try #require(throws: RulesetError.self) { try loadRuleset(misuses, in: folder) }
        #expect(error.diagnostics.contains { $0.message.contains("undefined variable $age-days") })
    }
}
