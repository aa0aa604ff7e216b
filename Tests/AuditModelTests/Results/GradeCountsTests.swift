import AuditModel
import Testing

@Suite("Counts per grade")
struct GradeCountsTests {
    @Test("finding counts are read and written per grade, zero unless counted")
    func perGrade() {
        var counts = GradeCounts(major: 1, minor: 14, ofi: 3)
        #expect(Grade.allCases.map { counts[$0] } == [1, 14, 3])
        #expect(Grade.allCases.map { GradeCounts()[$0] } == [0, 0, 0])
        counts[.ofi] += 1
        #expect(counts.ofi == 4)
        #expect(counts.total == 19)
    }

    @Test("counting grades gives each grade its own count")
    func counting() {
        #expect(GradeCounts(counting: [.minor, .major, .minor]) == GradeCounts(major: 1, minor: 2))
        #expect(GradeCounts(counting: []) == GradeCounts())
    }

    @Test("at least a grade adds the grades as serious or more, as --fail-on compares")
    func atLeast() {
        let counts = GradeCounts(major: 1, minor: 2, ofi: 4)
        #expect(counts.atLeast(.major) == 1)
        #expect(counts.atLeast(.minor) == 3)
        #expect(counts.atLeast(.ofi) == 7)
    }

    @Test("keyed by raw value, every grade is present, as the JSON summary writes them")
    func byRawValue() {
        #expect(GradeCounts(minor: 2).byRawValue == ["major": 0, "minor": 2, "ofi": 0])
    }
}
