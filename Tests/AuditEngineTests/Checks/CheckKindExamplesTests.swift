import AuditModel
import Testing

@testable import AuditEngine

/// Every kind of check runs the examples beside its definition: evidence it passes and
/// evidence it fails, through the whole engine.
@Suite("Check kinds: the registry and each kind's examples")
struct CheckKindExamplesTests {
    @Test("each example gives the results and findings it states", arguments: CheckKinds.examples)
    func example(_ example: CheckExample) async throws {
        let run = try await audit(
            ruleset: rulesetXML(ruleXML("EX", example.check)),
            files: example.files,
            items: example.items.map { TestItem(id: $0.id, type: $0.type, file: $0.file, format: $0.format, date: $0.date) },
            asOf: example.asOf)
        #expect(run.results.map(\.status) == example.expected, "\(run.results.map(\.statement))")
        #expect(run.findings.count == example.findings)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
    }

    @Test("every kind is registered under its own kind, and shows both a pass and a fail", arguments: CheckKind.allCases)
    func registry(_ kind: CheckKind) {
        let definition = CheckKinds.definition(for: kind)
        #expect(definition.kind == kind)
        let examples: [CheckExample] = definition.examples
        let statuses = Set(examples.flatMap { $0.expected })
        #expect(statuses.contains(.pass) && statuses.contains(.fail))
    }
}
