import AuditModel
import CalendarDates
import Testing

@Suite("Evidence items")
struct EvidenceItemTests {
    func item(date: String? = nil, periodStart: String? = nil, periodEnd: String? = nil, mappings: [FieldMapping] = []) -> EvidenceItem {
        EvidenceItem(
            id: "CL-2026", type: "complaints-log", file: "complaints/log.csv", format: .csv, date: date.map(calendarDate),
            periodStart: periodStart.map(calendarDate), periodEnd: periodEnd.map(calendarDate), owner: nil, process: nil, site: nil, title: nil,
            delimiter: nil, mappings: mappings, location: SourceLocation(file: "evidence-register.xml", line: 5))
    }

    @Test("the date freshness counts from is the item's date, else the end of its period, else none", arguments: [
        ("2026-11-20", "2026-01-01", "2026-12-31", "2026-11-20"),
        (nil, "2026-01-01", "2026-06-30", "2026-06-30"),
        ("2026-03-01", nil, nil, "2026-03-01"),
        (nil, "2026-01-01", nil, nil),
        (nil, nil, nil, nil),
    ] as [(String?, String?, String?, String?)])
    func effectiveDate(date: String?, periodStart: String?, periodEnd: String?, expected: String?) {
        #expect(item(date: date, periodStart: periodStart, periodEnd: periodEnd).effectiveDate == expected.map(calendarDate))
    }

    @Test("the register's mapping for a field is found by the contract's field name; the first wins")
    func mapping() {
        let here = SourceLocation(file: "evidence-register.xml", line: 6)
        let mapped = item(mappings: [
            FieldMapping(field: "complaint-id", column: "Ticket", location: here),
            FieldMapping(field: "status", column: "State", location: here),
            FieldMapping(field: "status", column: "Status (old)", location: here),
        ])
        #expect(mapped.mapping(for: "status")?.column == "State")
        #expect(mapped.mapping(for: "complaint-id")?.column == "Ticket")
        #expect(mapped.mapping(for: "Ticket") == nil, "an organization's column is not a field name")
        #expect(item().mapping(for: "status") == nil)
    }

    @Test("an item reads with no sheet, pointer, conventions or mappings unless the register gives them")
    func defaults() {
        let plain = item()
        #expect(plain.sheet == nil && plain.recordsPointer == nil)
        #expect(plain.conventions == ValueConventions())
        #expect(plain.mappings.isEmpty)
    }
}
