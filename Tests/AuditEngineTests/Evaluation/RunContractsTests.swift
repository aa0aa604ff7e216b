@testable import AuditEngine
import AuditModel
import Testing

@Suite("The run's contracts and unread evidence types")
struct RunContractsTests {
    typealias RecordSet = EvidenceContract.RecordSet
    typealias Field = EvidenceContract.Field

    func declaration(_ type: String, _ fields: [Field]?) -> EvidenceTypeDeclaration {
        EvidenceTypeDeclaration(
            id: type, description: "", contract: fields.map { EvidenceContract(recordSets: [RecordSet(location: .table, fields: $0)]) },
            location: ModelFixture.location)
    }

    @Test("one contract per evidence type, merged over every ruleset that declares it")
    func mergedPerType() throws {
        let first = ModelFixture.ruleset("a", evidenceTypes: [
            declaration("complaints-log", [Field(name: "complaint-id", type: .id, isRequired: true)]),
            declaration("management-review", nil),
        ])
        let second = ModelFixture.ruleset("b", evidenceTypes: [
            declaration("complaints-log", [Field(name: "complaint-id", type: .id), Field(name: "received", type: .date, isRequired: true)])
        ])
        let contracts = RunContracts.contracts(of: [first, second])
        let log = try #require(contracts["complaints-log"]?.table(for: .csv))
        #expect(log.fields.map(\.name) == ["complaint-id", "received"])
        #expect(log.fields.allSatisfy { $0.isRequired })
        #expect(contracts["management-review"] == nil, "a declaration without fields is a description, not a contract")
        #expect(RunContracts.contracts(of: []).isEmpty)
    }

    func warnings(_ types: [String], read: Set<String>, known: Set<String> = []) -> [Diagnostic] {
        let items = types.enumerated().map { ModelFixture.item("I-\($0.offset)", type: $0.element, line: 10 + $0.offset) }
        return RunContracts.unreadTypeWarnings(
            register: EvidenceRegister(organization: "Org", file: "evidence-register.xml", items: items), readTypes: read, knownTypes: known)
    }

    @Test("items of types a selected rule reads, or a known ruleset declares, are expected")
    func expectedTypes() {
        #expect(warnings(["complaints-log", "supplier-audit"], read: ["complaints-log"], known: ["supplier-audit"]).isEmpty)
    }

    @Test("an item of a type nothing reads is a warning at its register line, naming the type it is probably meant to be")
    func misspeltType() throws {
        let found = warnings(["complaint-log"], read: ["complaints-log", "satisfaction-survey"])
        let warning = try #require(found.first)
        #expect(found.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.location == SourceLocation(file: "evidence-register.xml", line: 10))
        #expect(warning.message == "item I-0: no selected rule reads evidence type 'complaint-log' and no ruleset declares it, so this item is not examined; did you mean 'complaints-log'?")
    }

    @Test("a type ending in the same word as a type read is suggested when no spelling is close")
    func sameLastWord() {
        #expect(warnings(["customer-survey"], read: ["complaints-log", "satisfaction-survey"]).first?.message.hasSuffix("did you mean 'satisfaction-survey'?") == true)
    }

    @Test("a type like nothing read says to correct or remove the item")
    func noSuggestion() {
        #expect(warnings(["fleet-maintenance"], read: ["complaints-log"]).first?.message.hasSuffix("; correct the type or remove the item") == true)
        #expect(warnings(["fleet-maintenance", "fleet-maintenance"], read: []).count == 2, "each item is named")
    }
}
