import LibXML
import Testing

@Suite("XPath names")
struct XPathNamesTests {
    @Test("two sets of names together read what either reads")
    func union() {
        let select = XPathNames(elements: ["record", "status"], attributes: ["id"])
        let assertion = XPathNames(elements: ["resolved"], attributes: ["id", "line"], readsUnnamedNodes: true)
        let both = select.union(assertion)
        #expect(both.elements == ["record", "status", "resolved"])
        #expect(both.attributes == ["id", "line"])
        #expect(both.readsUnnamedNodes)
        #expect(!select.union(XPathNames()).readsUnnamedNodes)
    }

    @Test("an expression's names are found without running it; one that cannot be scanned has none")
    func referencedNames() throws {
        let names = try #require(XPathExpressionCheck.referencedNames(in: "/table/record[@id][cx:is-date(resolved)]"))
        #expect(names == XPathNames(elements: ["table", "record", "resolved"], attributes: ["id"]))
        #expect(XPathExpressionCheck.referencedNames(in: "status = 'open") == nil)
    }
}
