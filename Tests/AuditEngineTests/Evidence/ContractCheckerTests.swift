import AuditModel
import Foundation
import Testing

@testable import AuditEvidence

@Suite("Checking documents against contracts")
struct ContractCheckerTests {
    typealias Field = EvidenceContract.Field

    static func item(_ format: EvidenceFormat = .xml, file: String = "reviews.xml") -> EvidenceItem {
        EvidenceItem(
            id: "MR", type: "management-review", file: file, format: format, date: nil, periodStart: nil, periodEnd: nil, owner: nil,
            process: nil, site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: 9))
    }

    static let contract = EvidenceContract(recordSets: [
        .init(location: .select("/reviews/review"), formats: [.xml], fields: [
            Field(name: "id", type: .id, isRequired: true, isAttribute: true),
            Field(name: "held", type: .date, isRequired: true),
            Field(name: "outcome", type: .enum, values: ["approved", "rejected"]),
            Field(name: "chair", type: .text, isRequired: true, aliases: ["chairperson"]),
        ])
    ])

    func conformance(_ xml: String, contract: EvidenceContract = contract) throws -> ContractConformance {
        try EvidenceDocument.read(Data(xml.utf8), item: Self.item(), contract: contract).conformance
    }

    @Test("an item holding every required field in readable form conforms")
    func conforming() throws {
        let checked = try conformance("""
            <reviews>
              <review id="MR-1"><held>2026-03-02</held><outcome>approved</outcome><chair>Elena</chair></review>
              <review id="MR-2"><held>2026-09-14</held><chair>Elena</chair></review>
            </reviews>
            """)
        #expect(checked.missingFields.isEmpty && checked.shortfalls.isEmpty && checked.invalidValues.isEmpty)
        #expect(checked.recordsHeld == 2)
    }

    @Test("a required field no record holds is missing, with the names the records do hold and the closest of them")
    func missingField() throws {
        let checked = try conformance("<reviews><review id=\"MR-1\"><held>2026-03-02</held><chairperson>Elena</chairperson></review></reviews>")
        let missing = try #require(checked.missingFields.first)
        #expect(checked.missingFields.count == 1)
        #expect(missing.field == "chair")
        #expect(missing.found == ["@id", "chairperson", "held"])
        #expect(missing.closest == "chairperson")
        #expect(missing.registerLocation == SourceLocation(file: "evidence-register.xml", line: 9))
        #expect(checked.errorStatement?.hasPrefix("item MR: required field 'chair' is missing from its records /reviews/review") == true)
    }

    @Test("fewer records than the contract's minimum is a shortfall saying what selected nothing")
    func shortfall() throws {
        let checked = try conformance("<reviews/>")
        #expect(checked.shortfalls.count == 1)
        #expect(checked.shortfalls.first?.found == 0)
        #expect(checked.shortfalls.first?.detail == "nothing matches /reviews/review")
        #expect(checked.recordsHeld == 0)
        #expect(checked.missingFields.isEmpty, "no record, no field to miss")
    }

    @Test("values that do not read as their type are invalid; documents are read as written, so another spelling is too")
    func invalidValues() throws {
        let checked = try conformance("""
            <reviews>
              <review id="MR-1"><held>14/09/2026</held><outcome>Approved</outcome><chair>Elena</chair></review>
            </reviews>
            """)
        #expect(checked.invalidValues.map(\.field) == ["held", "outcome"])
        let held = try #require(checked.invalidValues.first)
        #expect(held.value == "14/09/2026")
        #expect(held.recordPath == "/reviews/review")
        #expect(held.location == SourceLocation(file: "reviews.xml", line: 2))
        #expect(checked.invalidValues.last?.expected.hasPrefix("written 'approved' (values in XML and office documents are read as written") == true)
    }

    @Test("a contract's sheet cannot be found in a file that has no sheets")
    func sheetInText() throws {
        let contract = EvidenceContract(recordSets: [.init(location: .sheet("Log"), fields: [Field(name: "id", type: .id)])])
        let checked = try EvidenceDocument.read(Data("id\n1\n".utf8), item: Self.item(.csv, file: "log.csv"), contract: contract).conformance
        #expect(checked.shortfalls.first?.detail == "a CSV file has no sheets; this evidence type is a workbook with a sheet 'Log'")
    }

    @Test("data-quality warnings name the first 20 unreadable values, then how many more there are")
    func dataQuality() throws {
        let reviews = (1...23).map { "<review id=\"MR-\($0)\"><held>soon \($0)</held><chair>E</chair></review>" }.joined()
        let warnings = try conformance("<reviews>\(reviews)</reviews>").dataQualityDiagnostics
        #expect(warnings.count == 21)
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.first?.message.hasPrefix("held holds 'soon 1', which is not ") == true)
        #expect(warnings.last?.message == "3 more values in this file cannot be read as their fields' types")
    }

    @Test("the same unreadable word in many records is one warning, at its first record, with how many more hold it")
    func repeatedWords() throws {
        let reviews = (1...30).map { "<review id=\"MR-\($0)\"><held>\($0 == 7 ? "later" : "soon")</held><chair>E</chair></review>" }.joined()
        let warnings = try conformance("<reviews>\(reviews)</reviews>").dataQualityDiagnostics
        #expect(warnings.count == 2)
        #expect(warnings.first?.message.hasPrefix("held holds 'soon' (and 28 more records), which is not ") == true)
        #expect(warnings.first?.location.line == 1)
        #expect(warnings.last?.message.hasPrefix("held holds 'later', which is not ") == true)
    }
}
