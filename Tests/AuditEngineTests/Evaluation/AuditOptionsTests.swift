import AuditEngine
import CalendarDates
import Testing

@Suite("Audit options")
struct AuditOptionsTests {
    static let asOf = CalendarDate(year: 2026, month: 6, day: 30)!

    @Test("at least one item is evaluated at a time, whatever is asked", arguments: [(0, 1), (-4, 1), (1, 1), (8, 8)])
    func parallelism(asked: Int, used: Int) {
        #expect(AuditOptions(asOf: Self.asOf, parallelism: asked).parallelism == used)
    }

    @Test("results name cxaudit's own version unless told another, and no evidence type is known beforehand")
    func defaults() {
        let options = AuditOptions(asOf: Self.asOf)
        #expect(options.toolVersion == CXAuditVersion.current)
        #expect(options.parallelism == 2)
        #expect(options.knownEvidenceTypes.isEmpty)
        #expect(options.progress == nil)
        #expect(AuditOptions(asOf: Self.asOf, toolVersion: "9.9.9").toolVersion == "9.9.9")
    }
}
