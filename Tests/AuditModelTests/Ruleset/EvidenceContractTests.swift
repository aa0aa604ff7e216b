import AuditModel
import Foundation
import Testing

@Suite("Evidence contracts")
struct EvidenceContractTests {
    typealias RecordSet = EvidenceContract.RecordSet
    typealias Field = EvidenceContract.Field

    static let complaintId = Field(name: "complaint-id", type: .id, isRequired: true, aliases: ["Complaint No"])
    static let received = Field(name: "received", type: .date, isRequired: true)
    static let status = Field(name: "status", type: .enum, values: ["open", "closed"], aliases: ["State"])

    @Test("record sets without formats apply to every format; others only to theirs")
    func recordSetsForFormat() {
        let contract = EvidenceContract(recordSets: [
            RecordSet(location: .table, formats: [.csv, .xlsx], fields: [Self.complaintId]),
            RecordSet(location: .select("/complaints/complaint"), formats: [.xml], fields: [Self.complaintId]),
            RecordSet(location: .select("//review"), fields: [Self.received]),
        ])
        #expect(contract.recordSets(for: .csv).map(\.location) == [.table, .select("//review")])
        #expect(contract.recordSets(for: .xml).map(\.location) == [.select("/complaints/complaint"), .select("//review")])
        #expect(contract.recordSets(for: .docx).map(\.location) == [.select("//review")])
    }

    @Test("a type is tabular in a format when its one record set there is the table")
    func table() {
        let tabular = EvidenceContract(recordSets: [
            RecordSet(location: .table, formats: [.csv, .json, .xlsx, .ods], fields: [Self.complaintId]),
            RecordSet(location: .select("/complaints/complaint"), formats: [.xml], fields: [Self.complaintId]),
        ])
        #expect(tabular.table(for: .csv)?.fields == [Self.complaintId])
        #expect(tabular.table(for: .json) != nil)
        #expect(tabular.table(for: .xml) == nil, "in XML the records are selected, not a table")
        #expect(tabular.table(for: .docx) == nil, "no record set applies")

        let twoSets = EvidenceContract(recordSets: [
            RecordSet(location: .table, fields: [Self.complaintId]), RecordSet(location: .select("//extra"), fields: [Self.received]),
        ])
        #expect(twoSets.table(for: .csv) == nil, "a table must be the only record set")
        #expect(EvidenceContract(recordSets: [RecordSet(location: .sheet("Log"), fields: [])]).table(for: .xlsx) == nil)
        #expect(EvidenceContract(recordSets: []).table(for: .csv) == nil)
    }

    @Test("each location selects its records in the XML view")
    func selectExpression() {
        #expect(RecordSet(location: .table, fields: []).selectExpression == "/table/record")
        #expect(RecordSet(location: .sheet("Log 2026"), fields: []).selectExpression == "/workbook/sheet[@name = 'Log 2026']/record")
        #expect(RecordSet(location: .sheet("Jo's log"), fields: []).selectExpression == "/workbook/sheet[@name = \"Jo's log\"]/record")
        #expect(RecordSet(location: .select("/survey/response[@valid]"), fields: []).selectExpression == "/survey/response[@valid]")
    }

    @Test("messages name a record set by where it is")
    func label() {
        #expect(RecordSet(location: .table, fields: []).label == "records")
        #expect(RecordSet(location: .sheet("Log"), fields: []).label == "sheet 'Log'")
        #expect(RecordSet(location: .select("//review"), fields: []).label == "records //review")
    }

    @Test("a field is found by the name rules read, not by an alias")
    func fieldNamed() {
        let set = RecordSet(location: .table, fields: [Self.complaintId, Self.status])
        #expect(set.field(named: "status") == Self.status)
        #expect(set.field(named: "State") == nil)
        #expect(set.field(named: "missing") == nil)
    }

    @Test("record sets default to every format and at least one record")
    func defaults() {
        let set = RecordSet(location: .table, fields: [])
        #expect(set.formats.isEmpty)
        #expect(set.minimumRecords == 1)
        let field = Field(name: "note", type: .text)
        #expect(!field.isRequired && !field.isAttribute && field.values.isEmpty && field.aliases.isEmpty)
    }

    @Test("merging no contracts gives none; merging one gives it back")
    func mergedTrivially() {
        #expect(EvidenceContract.merged([]) == nil)
        let one = EvidenceContract(recordSets: [RecordSet(location: .table, fields: [Self.complaintId])])
        #expect(EvidenceContract.merged([one]) == one)
    }

    @Test("record sets in the same place are joined: fields merged, required when any requires, aliases added once")
    func mergedFields() throws {
        let first = EvidenceContract(recordSets: [
            RecordSet(location: .table, formats: [.csv], minimumRecords: 1, fields: [Self.complaintId, Self.status])
        ])
        let second = EvidenceContract(recordSets: [
            RecordSet(
                location: .table, formats: [.csv], minimumRecords: 5,
                fields: [
                    Field(name: "complaint-id", type: .id, isRequired: false, aliases: ["Complaint No", "Ref"]),
                    Field(name: "status", type: .enum, isRequired: true, values: ["open", "closed"], aliases: ["State", "Status"]),
                    Self.received,
                ])
        ])
        let merged = try #require(EvidenceContract.merged([first, second]))
        #expect(merged.recordSets.count == 1)
        let set = merged.recordSets[0]
        #expect(set.minimumRecords == 5, "the larger minimum wins")
        #expect(set.fields.map(\.name) == ["complaint-id", "status", "received"])
        #expect(set.fields[0].isRequired, "required in the first contract stays required")
        #expect(set.fields[0].aliases == ["Complaint No", "Ref"])
        #expect(set.fields[1].isRequired, "required in the second contract makes it required")
        #expect(set.fields[1].aliases == ["State", "Status"])
        #expect(set.fields[2] == Self.received)
    }

    @Test("record sets in other places, or for other formats, are kept side by side")
    func mergedSets() throws {
        let table = RecordSet(location: .table, formats: [.csv], fields: [Self.complaintId])
        let sameTableOtherFormats = RecordSet(location: .table, formats: [.xlsx], fields: [Self.received])
        let selected = RecordSet(location: .select("/complaints/complaint"), formats: [.xml], fields: [Self.status])
        let merged = try #require(
            EvidenceContract.merged([
                EvidenceContract(recordSets: [table]), EvidenceContract(recordSets: [sameTableOtherFormats, selected]),
            ]))
        #expect(merged.recordSets == [table, sameTableOtherFormats, selected])
    }

    @Test("a contract survives JSON encoding unchanged, every kind of location included")
    func codable() throws {
        let contract = EvidenceContract(recordSets: [
            RecordSet(location: .table, formats: [.csv], fields: [Self.complaintId]),
            RecordSet(location: .sheet("Log"), minimumRecords: 0, fields: [Self.status]),
            RecordSet(location: .select("//review"), fields: [Field(name: "id", type: .id, isAttribute: true, description: "The review.")]),
        ])
        #expect(try roundTrip(contract) == contract)
    }

    @Test("each field type says what its values must look like")
    func expectedForms() {
        #expect(FieldType.date.expectedForm == "a date")
        #expect(FieldType.integer.expectedForm == "a whole number")
        #expect(FieldType.boolean.expectedForm == "true or false")
        #expect(FieldType.allCases.allSatisfy { !$0.expectedForm.isEmpty })
    }
}

@Suite("XPath literals")
struct XPathLiteralTests {
    @Test("text is quoted with apostrophes, or quotation marks when it holds an apostrophe")
    func quoting() {
        #expect(XPathLiteral.quoted("Log 2026") == "'Log 2026'")
        #expect(XPathLiteral.quoted("") == "''")
        #expect(XPathLiteral.quoted("Jo's log") == "\"Jo's log\"")
        #expect(XPathLiteral.quoted("say \"hi\"") == "'say \"hi\"'")
    }

    @Test("text with both quote characters is built with concat")
    func concat() {
        #expect(XPathLiteral.quoted("Jo's \"log\"") == "concat('Jo', \"'\", 's \"log\"')")
        #expect(XPathLiteral.quoted("'\"") == "concat('', \"'\", '\"')")
    }
}
