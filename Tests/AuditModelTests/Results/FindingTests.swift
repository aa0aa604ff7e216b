import AuditModel
import Testing

@Suite("Findings")
struct FindingTests {
    @Test("a finding survives JSON encoding unchanged, with its evidence, measurements and waiver")
    func codable() throws {
        let waived = finding("f1", .minor, waivedBy: "W-1")
        #expect(try roundTrip(waived) == waived)
        let object = try jsonObject(waived)
        #expect(object["grade"] as? String == "minor")
        #expect((object["waiver"] as? [String: Any])?["id"] as? String == "W-1")
        #expect((object["evidence"] as? [String: Any])?["recordKey"] as? String == "f1")
    }

    @Test("an unwaived finding writes no waiver")
    func noWaiver() throws {
        #expect(try jsonObject(finding("f1", .minor))["waiver"] == nil)
    }
}
