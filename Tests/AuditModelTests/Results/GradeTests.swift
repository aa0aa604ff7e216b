import AuditModel
import Testing

@Suite("Grades")
struct GradeTests {
    @Test("grades sort most serious first: major, minor, opportunity for improvement")
    func ordering() {
        #expect(Grade.major < Grade.minor)
        #expect(Grade.minor < Grade.ofi)
        #expect(!(Grade.ofi < Grade.major))
        #expect([Grade.ofi, .major, .minor, .ofi].sorted() == [.major, .minor, .ofi, .ofi])
        #expect([Grade.ofi, .minor].min() == .minor, "the worst of a set of failures is its minimum")
        #expect(Grade.allCases.map(\.rank) == [0, 1, 2])
    }

    @Test("a grade is at least as serious as itself and every lesser grade", arguments: [
        (Grade.major, Grade.major, true), (.major, .minor, true), (.major, .ofi, true),
        (.minor, .major, false), (.minor, .minor, true), (.minor, .ofi, true),
        (.ofi, .major, false), (.ofi, .minor, false), (.ofi, .ofi, true),
    ])
    func atLeast(grade: Grade, threshold: Grade, expected: Bool) {
        #expect(grade.isAtLeast(threshold) == expected)
    }

    @Test("titles are the words an auditor uses")
    func titles() {
        #expect(Grade.major.title == "Major nonconformity")
        #expect(Grade.minor.title == "Minor nonconformity")
        #expect(Grade.ofi.title == "Opportunity for improvement")
    }

    @Test("the grades are written as the results schema lists them")
    func schemaValues() throws {
        #expect(Grade.allCases.map(\.rawValue) == (try ResultsSchema.enumeration("grade")))
    }
}
