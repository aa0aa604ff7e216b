import LibXML
import Testing

@Suite("XPath errors")
struct XPathErrorTests {
    @Test("an error quotes the expression and says whether it did not compile or failed")
    func descriptions() {
        #expect(XPathError.invalidExpression(expression: "count(//a[", message: "invalid predicate").errorDescription == "XPath 'count(//a[' does not compile: invalid predicate")
        #expect(XPathError.evaluationFailed(expression: "$x", message: "undefined variable").errorDescription == "XPath '$x' failed: undefined variable")
    }
}
