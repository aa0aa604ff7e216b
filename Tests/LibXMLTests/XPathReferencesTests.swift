import Testing

@testable import LibXML

@Suite("What an XPath expression refers to")
struct XPathReferencesTests {
    func scan(_ expression: String) throws -> XPathReferences {
        try XPathReferences(scanning: expression)
    }

    @Test("element and attribute names of name tests are told apart, on every axis")
    func names() throws {
        let found = try scan("/table/record[status = 'closed'][@id != '']/child::resolved | //x:ref/attribute::code")
        #expect(found.elementNames == ["table", "record", "status", "resolved", "x:ref"])
        #expect(found.attributeNames == ["id", "code"])
        #expect(found.prefixes == ["x"])
        #expect(!found.readsUnnamedNodes)
    }

    @Test("words after an operand are operators, not names; an element may still be named like one")
    func operators() throws {
        #expect(try scan("a and b or c div d mod e").elementNames == ["a", "b", "c", "d", "e"])
        #expect(try scan("//div[mod]").elementNames == ["div", "mod"])
    }

    @Test("* after an operand multiplies; otherwise it is a wildcard that reads unnamed nodes")
    func star() throws {
        #expect(try !scan("count(a) * 2").readsUnnamedNodes)
        #expect(try scan("/table/record/*").readsUnnamedNodes)
        #expect(try scan("@*").readsUnnamedNodes)
        #expect(try scan("x:*").readsUnnamedNodes)
        #expect(try scan("x:*").prefixes == ["x"])
    }

    @Test("node(), name() and local-name() reach nodes without naming them; text() does not")
    func unnamedNodes() throws {
        #expect(try scan("child::node()").readsUnnamedNodes)
        #expect(try scan("//*[name() = 'a']").readsUnnamedNodes)
        #expect(try scan("//b[local-name(..) = 'a']").readsUnnamedNodes)
        #expect(try !scan("//a/text()").readsUnnamedNodes)
    }

    @Test("function calls are listed with their prefix; node-type tests are not functions")
    func functions() throws {
        let found = try scan("cx:days-between(a, b) > count(//c) and //d/text() and //comment()")
        #expect(found.functions == [.init(prefix: "cx", localName: "days-between"), .init(prefix: nil, localName: "count")])
        #expect(found.prefixes == ["cx"])
    }

    @Test("variables are listed in order, with their prefix; string literals and numbers name nothing")
    func variables() throws {
        let found = try scan("$late div $p:total > 0.5 and 'status = $not' = .5")
        #expect(found.variables == ["late", "p:total"])
        #expect(found.prefixes == ["p"])
        #expect(found.elementNames.isEmpty)
    }

    @Test("an unfinished string or an unclosed call does not compile")
    func errors() throws {
        let string = try #require(throws: XPathReferences.ScanError.self) { try scan("status = 'open") }
        #expect(string.message == "XPath does not compile: unfinished string literal")
        let call = try #require(throws: XPathReferences.ScanError.self) { try scan("count(//a") }
        #expect(call.message == "XPath does not compile: missing closing parenthesis")
    }
}
