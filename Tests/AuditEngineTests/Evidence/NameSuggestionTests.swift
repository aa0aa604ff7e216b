import Testing

@testable import AuditEvidence

@Suite("Did you mean…")
struct NameSuggestionTests {
    @Test("the closest name is suggested when it is a likely misspelling")
    func suggests() {
        #expect(NameSuggestion.closest(to: ["complaint-log"], among: ["complaints-log", "satisfaction-survey"]) == "complaints-log")
        #expect(NameSuggestion.closest(to: ["resolvd"], among: ["received", "resolved"]) == "resolved")
    }

    @Test("case and the punctuation between words do not count as differences")
    func normalizes() {
        #expect(NameSuggestion.closest(to: ["Date_Received"], among: ["date-received"]) == "date-received")
        #expect(NameSuggestion.closest(to: ["COMPLAINT ID"], among: ["complaint-id"]) == "complaint-id")
    }

    @Test("nothing is suggested when no name is close enough, or there are none")
    func nothingClose() {
        #expect(NameSuggestion.closest(to: ["fleet-maintenance"], among: ["complaints-log", "satisfaction-survey"]) == nil)
        #expect(NameSuggestion.closest(to: ["status"], among: []) == nil)
    }

    @Test("one character in three of the longer name may differ, one at least; a lower tolerance allows more")
    func tolerance() {
        #expect(NameSuggestion.closest(to: ["ab"], among: ["ac"]) == "ac", "short names may differ by one")
        #expect(NameSuggestion.closest(to: ["abc"], among: ["xyz"]) == nil)
        #expect(NameSuggestion.closest(to: ["closed"], among: ["date closed"]) == nil)
        #expect(NameSuggestion.closest(to: ["closed"], among: ["date closed"], tolerance: 2) == "date closed")
    }

    @Test("the best match over every target wins; the first of equals")
    func best() {
        #expect(NameSuggestion.closest(to: ["resolved", "Date resolved"], among: ["Date resolvd", "resolved at"]) == "Date resolvd")
        #expect(NameSuggestion.closest(to: ["abcd"], among: ["abce", "abcf"]) == "abce")
    }

    @Test("edit distance is Levenshtein's", arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("flaw", "lawn", 2), ("same", "same", 0)])
    func editDistance(lhs: String, rhs: String, distance: Int) {
        #expect(NameSuggestion.editDistance(Array(lhs), Array(rhs)) == distance)
    }
}
