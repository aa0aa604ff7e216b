import CalendarDates
import Testing

@testable import LibXML

@Suite("XPath error texts")
struct XPathErrorTextTests {
    @Test("libxml2's XPath error codes are named in words", arguments: [
        (2, "unfinished string literal"), (5, "undefined variable"), (9, "unknown function"), (19, "undefined namespace prefix"),
        (25, "operation limit exceeded (expression too expensive)"),
    ])
    func known(code: Int, text: String) {
        #expect(XPathErrorText.describe(code: code) == text)
    }

    @Test("an unknown code is still named by its number")
    func unknown() {
        #expect(XPathErrorText.describe(code: 99) == "XPath error 99")
        #expect(XPathErrorText.describe(code: 16) == "XPath error 16")
    }

    @Test("an evaluation that fails says why in these words")
    func usedByEvaluation() throws {
        let context = XPathContext(document: try XMLDocument.parse("<a/>"), environment: XPathEnvironment(asOf: CalendarDate(year: 2026, month: 1, day: 1)!))
        let error = try #require(throws: XPathError.self) { try context.evaluate("$missing") }
        #expect(error.errorDescription == "XPath '$missing' failed: undefined variable")
    }
}
