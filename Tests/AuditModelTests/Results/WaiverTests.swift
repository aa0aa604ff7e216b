import AuditModel
import CalendarDates
import Testing

@Suite("Waivers")
struct WaiverTests {
    static let waiver = Waiver(
        id: "W-1", rulesetId: "rs", ruleId: "R-1", itemId: "CL", site: nil, recordKey: "C-7", justification: "Supplier strike.",
        approver: "Quality manager", approved: CalendarDate(iso: "2026-10-01"), expires: calendarDate("2026-12-31"),
        location: SourceLocation(file: "waivers.xml", line: 4, column: 3))

    @Test("a waiver applies up to and including its expiry day, and not after", arguments: [
        ("2026-01-01", true), ("2026-12-30", true), ("2026-12-31", true), ("2027-01-01", false), ("2030-06-30", false),
    ])
    func active(on day: String, expected: Bool) {
        #expect(Self.waiver.isActive(on: calendarDate(day)) == expected)
    }

    @Test("a waiver survives JSON encoding unchanged, with its place in the waiver file")
    func codable() throws {
        #expect(try roundTrip(Self.waiver) == Self.waiver)
        let reference = WaiverReference(id: "W-1", justification: "Strike.", approver: "QM", expires: calendarDate("2026-12-31"), file: "waivers.xml")
        #expect(try jsonObject(reference)["expires"] as? String == "2026-12-31")
    }
}
