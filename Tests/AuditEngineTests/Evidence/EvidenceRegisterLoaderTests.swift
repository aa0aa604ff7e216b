import AuditEngine
import AuditEvidence
import AuditModel
import CalendarDates
import Foundation
import Testing

@Suite("Evidence register")
struct EvidenceRegisterLoaderTests {
    static func load(_ xml: String?) throws -> EvidenceRegister {
        let workspace = try TemporaryFolder()
        if let xml { try workspace.write("evidence-register.xml", xml) }
        return try EvidenceRegisterLoader(schema: resources.registerSchema).load(from: EvidenceFolder(root: workspace.url))
    }

    @Test("the sample register loads every item with its dates and period")
    func sample() throws {
        let register = try EvidenceRegisterLoader(schema: resources.registerSchema)
            .load(from: EvidenceFolder(root: resources.defaultEvidence))
        #expect(register.organization == "Northwind Home Goods Ltd")
        let log = try #require(register.items.first { $0.id == "CL-2026" })
        #expect(log.format == .csv)
        #expect(log.periodStart?.description == "2025-12-01")
        #expect(log.location.line == 22)
    }

    @Test("duplicate ids and reversed periods are reported with their lines")
    func semanticProblems() throws {
        let xml = """
            <evidence-register version="1">
              <organization name="O"/>
              <item id="A" type="t" file="a.xml" format="xml"/>
              <item id="A" type="t" file="b.xml" format="xml"/>
              <item id="B" type="t" file="c.xml" format="xml" period-start="2026-05-01" period-end="2026-01-01"/>
            </evidence-register>
            """
        let error = try #require(throws: EvidenceError.self) { try Self.load(xml) }
        let lines = error.diagnostics.map { "\($0.location.line ?? 0): \($0.message)" }
        #expect(lines == [
            "4: duplicate item id 'A' (first declared at line 3)",
            "5: item B: period-end 2026-01-01 is before period-start 2026-05-01",
        ])
    }

    @Test("schema violations name the register and line")
    func schemaViolation() throws {
        let xml = """
            <evidence-register version="1">
              <organization name="O"/>
              <item id="A" type="t" file="a.xml" format="pdf"/>
            </evidence-register>
            """
        let error = try #require(throws: EvidenceError.self) { try Self.load(xml) }
        #expect(error.diagnostics.first?.location.file == "evidence-register.xml")
        #expect(error.diagnostics.first?.location.line == 3)
    }

    @Test("a folder without a register says what to do")
    func missing() throws {
        let error = try #require(throws: EvidenceError.self) { try Self.load(nil) }
        #expect(error.errorDescription?.contains("no evidence register (evidence-register.xml)") == true)
    }
}
