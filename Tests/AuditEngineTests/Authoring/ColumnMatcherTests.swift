import AuditModel
import Testing

@testable import AuditEngine

/// How `evidence init` finds the column holding a field a file names otherwise.
@Suite("ColumnMatcher: which column holds a field under another name")
struct ColumnMatcherTests {
    typealias Field = EvidenceContract.Field
    typealias Column = ColumnMatcher.Column

    @Test("a header sharing words with a field's name or alias, or another form or abbreviation of them, is the closest column")
    func byName() {
        let fields = [
            Field(name: "acknowledged", type: .date, isRequired: true, aliases: ["Acknowledged on"]),
            Field(name: "benefit-measured", type: .text, isRequired: true, aliases: ["Measured benefit"]),
        ]
        let columns = [
            Column(label: "Ack sent", values: ["01/12/2025", "02/12/2025"]),
            Column(label: "Benefit seen", values: ["Fewer calls", ""]),
        ]
        let matches = ColumnMatcher.matches(for: fields, among: columns, aliases: [:])
        #expect(Set(matches.map { "\($0.field)=\($0.column)" }) == ["acknowledged=Ack sent", "benefit-measured=Benefit seen"])
        #expect(matches.allSatisfy { $0.reason == "the closest column" })
    }

    @Test("a number column is a reference field's, and words decide between two references")
    func references() {
        let fields = [
            Field(name: "change-id", type: .id, isRequired: true, aliases: ["Amendment number"]),
            Field(name: "order", type: .text, isRequired: true, aliases: ["Order no"]),
        ]
        let columns = [
            Column(label: "Amendment no", values: ["CHG-001", "CHG-002"]),
            Column(label: "Job no", values: ["TR-1", "TR-1"]),
        ]
        let matches = ColumnMatcher.matches(for: fields, among: columns, aliases: [:])
        #expect(Set(matches.map { "\($0.field)=\($0.column)" }) == ["change-id=Amendment no", "order=Job no"])
        #expect(ColumnMatcher.nameScore("CAPA #", names: ["capa-ref"]) > 1)
        #expect(ColumnMatcher.nameScore("Contact no", names: ["ref"]) > ColumnMatcher.nameScore("Contact no", names: ["Contact"]))
    }

    @Test("by the values: the only date, yes/no or reference column left for the only such field left, the last column for the last required field")
    func byValues() {
        let fields = [
            Field(name: "case-id", type: .id, isRequired: true),
            Field(name: "closed", type: .date, isRequired: true),
            Field(name: "reached-customer", type: .enum, isRequired: true, values: ["yes", "no"]),
            Field(name: "type", type: .text, isRequired: true),
        ]
        let columns = [
            Column(label: "Aftercare", values: ["PD-001", "PD-002"]),
            Column(label: "Completed", values: ["11/12/2025", ""]),
            Column(label: "Dispensed?", values: ["Y", "N"]),
            Column(label: "Kind", values: ["repair", "repair"]),
        ]
        let matches = ColumnMatcher.matches(for: fields, among: columns, aliases: [:])
        #expect(matches.map(\.reason).sorted() == ["the only column left", "the only date column left", "the only reference column left", "the only yes/no column left"])
        #expect(Set(matches.map { "\($0.field)=\($0.column)" }) == ["case-id=Aftercare", "closed=Completed", "reached-customer=Dispensed?", "type=Kind"])
    }

    @Test("two columns of a kind for one field, or two fields for the last column, are left for a person")
    func ambiguous() {
        let fields = [Field(name: "customer-informed", type: .date, isRequired: true), Field(name: "product", type: .text, isRequired: true)]
        let columns = [
            Column(label: "Patient told", values: ["02/12/2025"]), Column(label: "Collected", values: ["22/12/2025"]),
            Column(label: "Frame or lens", values: ["Varifocal"]), Column(label: "Fault", values: ["Scratch"]),
        ]
        #expect(ColumnMatcher.matches(for: fields, among: columns, aliases: [:]).isEmpty)
    }

    @Test("a column's values must be able to be the field's: no text field from dates, no id from repeated values")
    func fits() {
        let dates = Column(label: "Logged", values: ["01/12/2025", "2026-01-02"])
        let repeated = Column(label: "Job", values: ["A", "A"])
        #expect(!ColumnMatcher.fits(dates, Field(name: "title", type: .text)))
        #expect(ColumnMatcher.fits(dates, Field(name: "raised", type: .date)))
        #expect(!ColumnMatcher.fits(repeated, Field(name: "id", type: .id)))
        #expect(ColumnMatcher.fits(Column(label: "Told", values: ["", ""]), Field(name: "informed", type: .date)))
    }

    @Test("yes/no answers as exports write them, with the opposite answer in the same form")
    func yesNo() {
        #expect(["Y", "n", "1", "0", "TRUE", "no"].map(ColumnMatcher.yesNoWord) == ["yes", "no", "yes", "no", "yes", "no"])
        #expect(ColumnMatcher.yesNoWord("maybe") == nil)
        #expect(["Y", "0", "true", "yes"].map(ColumnMatcher.counterpart) == ["N", "1", "false", nil])
    }
}
