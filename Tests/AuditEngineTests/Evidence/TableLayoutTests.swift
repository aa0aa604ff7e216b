import AuditModel
import Testing

@testable import AuditEvidence

@Suite("Table layout: columns onto contract fields")
struct TableLayoutTests {
    typealias Field = EvidenceContract.Field

    static let recordSet = EvidenceContract.RecordSet(location: .table, fields: [
        Field(name: "complaint-id", type: .id, isRequired: true, aliases: ["Ticket ID", "Case number"]),
        Field(name: "resolved", type: .date, isRequired: true),
        Field(name: "root-cause", type: .text),
    ])

    func item(_ mappings: [FieldMapping] = []) -> EvidenceItem {
        EvidenceItem(
            id: "CL", type: "complaints-log", file: "log.csv", format: .csv, date: nil, periodStart: nil, periodEnd: nil, owner: nil, process: nil,
            site: nil, title: nil, delimiter: nil, mappings: mappings, location: SourceLocation(file: "evidence-register.xml", line: 7))
    }

    func map(_ field: String, to column: String) -> FieldMapping {
        FieldMapping(field: field, column: column, location: SourceLocation(file: "evidence-register.xml", line: 8))
    }

    @Test("without a contract headers become element names; a repeated name gets -2, -3…, never colliding with a header that has one")
    func plainNames() {
        #expect(TableLayout.plainNames(["Complaint ID", "Date received"]) == ["complaint-id", "date-received"])
        #expect(TableLayout.plainNames(["a", "a-2", "a", "A"]) == ["a", "a-2", "a-3", "a-4"])
        #expect(TableLayout.plainNames(["a", "", "b"]) == ["a", "column-2", "b"], "an empty header is named after its position")
    }

    @Test("a field is read from the column named like it or like one of its aliases")
    func byNameAndAlias() {
        let layout = TableLayout(labels: ["Case number", "Resolved", "Notes"], recordSet: Self.recordSet, item: item(), isSpreadsheet: false)
        #expect(layout.columns.map(\.name) == ["complaint-id", "resolved", "notes"])
        #expect(layout.columns.map(\.field?.name) == ["complaint-id", "resolved", nil])
        #expect(layout.missingFields.map(\.name) == ["root-cause"], "no column holds it; whether that matters is the contract check's to say")
        #expect(layout.unclaimedLabels == ["Notes"])
        #expect(layout.labels == ["Case number", "Resolved", "Notes"])
    }

    @Test("the register's mapping wins: exact header, else the same ignoring case, else the same element name")
    func byMapping() {
        let exact = TableLayout(
            labels: ["Ticket ID", "Date closed", "Resolved"], recordSet: Self.recordSet, item: item([map("resolved", to: "Date closed")]),
            isSpreadsheet: false)
        #expect(exact.columns.map(\.name) == ["complaint-id", "resolved", "resolved-2"])
        let caseless = TableLayout(
            labels: ["Ticket ID", "DATE CLOSED"], recordSet: Self.recordSet, item: item([map("resolved", to: "date closed")]), isSpreadsheet: false)
        #expect(caseless.columns.map(\.field?.name) == ["complaint-id", "resolved"])
        let sanitized = TableLayout(
            labels: ["Ticket ID", "Date  closed!"], recordSet: Self.recordSet, item: item([map("resolved", to: "date-closed")]), isSpreadsheet: false)
        #expect(sanitized.columns.map(\.field?.name) == ["complaint-id", "resolved"])
    }

    @Test("a required field no column holds is missing; a mapping to a column the file lacks is unmatched")
    func missing() {
        let layout = TableLayout(
            labels: ["Ticket ID", "Closed on"], recordSet: Self.recordSet, item: item([map("resolved", to: "Date closed")]), isSpreadsheet: false)
        #expect(layout.missingFields.map(\.name) == ["resolved", "root-cause"])
        #expect(layout.unmatchedMappings.map(\.column) == ["Date closed"])
        #expect(layout.unclaimedLabels == ["Closed on"])
    }

    @Test("one column is read as one field only")
    func oneFieldPerColumn() {
        let set = EvidenceContract.RecordSet(location: .table, fields: [
            Field(name: "opened", type: .date, aliases: ["Date"]), Field(name: "closed", type: .date, aliases: ["Date"]),
        ])
        let layout = TableLayout(labels: ["Date"], recordSet: set, item: item(), isSpreadsheet: false)
        #expect(layout.columns.map(\.field?.name) == ["opened"])
        #expect(layout.missingFields.map(\.name) == ["closed"])
    }

    @Test("columns past the header's width are named after their position")
    func pastTheHeader() {
        let layout = TableLayout(labels: ["a", "b"], recordSet: nil, item: nil, isSpreadsheet: false)
        #expect(layout.name(ofColumn: 1) == "b")
        #expect(layout.name(ofColumn: 4) == "column-5")
    }

    @Test("only typed fields get a value reader: text is read as it is")
    func readers() {
        let layout = TableLayout(labels: ["Ticket ID", "Resolved", "Root cause"], recordSet: Self.recordSet, item: item(), isSpreadsheet: false)
        #expect(layout.columns.map { $0.reader != nil } == [false, true, false])
    }
}
