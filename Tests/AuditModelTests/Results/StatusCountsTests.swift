import AuditModel
import Testing

@Suite("Counts per result status")
struct StatusCountsTests {
    @Test("result counts are read per status, each status its own")
    func perStatus() {
        let counts = StatusCounts(pass: 1, fail: 2, error: 3, notApplicable: 4, notChecked: 5, waived: 6)
        #expect(ResultStatus.allCases.map { counts[$0] } == [1, 2, 3, 4, 5, 6])
        #expect(ResultStatus.allCases.allSatisfy { StatusCounts()[$0] == 0 })
        #expect(counts.total == 21)
    }

    @Test("counting statuses counts waived and not checked like any other")
    func counting() {
        let counts = StatusCounts(counting: [.pass, .waived, .notchecked, .pass, .fail])
        #expect(counts == StatusCounts(pass: 2, fail: 1, notChecked: 1, waived: 1))
    }

    @Test("keyed by raw value, every status is present, as the JSON summary writes them")
    func byRawValue() {
        #expect(StatusCounts(pass: 1, waived: 2).byRawValue == ["pass": 1, "fail": 0, "error": 0, "notapplicable": 0, "notchecked": 0, "waived": 2])
    }
}
