import AuditModel
import Testing

@Suite("Clause verdicts")
struct ClauseVerdictTests {
    /// One clause's results, as (status, grade) pairs, and the verdict they roll up to.
    struct Case: Sendable, CustomTestStringConvertible {
        let results: [(ResultStatus, Grade)]
        let verdict: ClauseVerdict

        init(_ results: [(ResultStatus, Grade)], _ verdict: ClauseVerdict) {
            self.results = results
            self.verdict = verdict
        }

        var testDescription: String {
            "[" + results.map { "\($0.0.rawValue)/\($0.1.rawValue)" }.joined(separator: ", ") + "] → \(verdict.rawValue)"
        }
    }

    static let cases: [Case] = [
        // Nothing to conclude from.
        Case([], .notAssessed),
        Case([(.notchecked, .major)], .notAssessed),
        Case([(.notapplicable, .major), (.notchecked, .major)], .notAssessed),
        // Every rule out of scope.
        Case([(.notapplicable, .major)], .notApplicable),
        Case([(.notapplicable, .major), (.notapplicable, .minor)], .notApplicable),
        // Shown to conform; a waived failure counts as conforming whatever its grade.
        Case([(.pass, .major)], .conforming),
        Case([(.waived, .major)], .conforming),
        Case([(.pass, .major), (.notapplicable, .major), (.notchecked, .minor)], .conforming),
        Case([(.waived, .major), (.notchecked, .minor)], .conforming),
        // The most serious failure decides.
        Case([(.fail, .major)], .majorNonconformity),
        Case([(.fail, .minor)], .minorNonconformity),
        Case([(.fail, .ofi)], .opportunityForImprovement),
        Case([(.fail, .ofi), (.fail, .minor), (.pass, .major)], .minorNonconformity),
        Case([(.fail, .minor), (.fail, .major), (.fail, .ofi)], .majorNonconformity),
        Case([(.fail, .ofi), (.waived, .major)], .opportunityForImprovement),
        // A nonconformity stands even when another rule could not be evaluated…
        Case([(.fail, .major), (.error, .minor)], .majorNonconformity),
        Case([(.error, .major), (.fail, .minor)], .minorNonconformity),
        // …but an opportunity for improvement does not outweigh an error: the clause may hide worse.
        Case([(.fail, .ofi), (.error, .minor)], .notAssessed),
        // Errors leave the clause not assessed, whatever passed.
        Case([(.error, .major)], .notAssessed),
        Case([(.pass, .major), (.error, .major)], .notAssessed),
        Case([(.waived, .minor), (.error, .minor)], .notAssessed),
        Case([(.notapplicable, .major), (.error, .major)], .notAssessed),
    ]

    @Test("results roll up to the verdict an auditor would give", arguments: cases)
    func rollUp(_ example: Case) {
        let results = example.results.enumerated().map { index, pair in result(pair.0, pair.1, rule: "R-\(index)") }
        #expect(ClauseVerdict.rollUp(results) == example.verdict)
    }

    @Test("the order of the results does not change the verdict", arguments: cases)
    func orderDoesNotMatter(_ example: Case) {
        let results = example.results.enumerated().map { index, pair in result(pair.0, pair.1, rule: "R-\(index)") }
        #expect(ClauseVerdict.rollUp(results.reversed()) == example.verdict)
    }

    @Test("every verdict has its own title in an auditor's words")
    func titles() {
        let titles = ClauseVerdict.allCases.map(\.title)
        #expect(Set(titles).count == ClauseVerdict.allCases.count)
        #expect(ClauseVerdict.majorNonconformity.title == "Major nonconformity")
        #expect(ClauseVerdict.opportunityForImprovement.title == "Opportunity for improvement")
        #expect(ClauseVerdict.notAssessed.title == "Not assessed")
    }

    @Test("the verdicts are written as the results schema lists them")
    func schemaValues() throws {
        #expect(ClauseVerdict.allCases.map(\.rawValue) == (try ResultsSchema.enumeration("verdict")))
    }
}
