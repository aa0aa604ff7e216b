import Foundation
import LibXML
import Testing

@Suite("XPathExpressionCheck")
struct XPathExpressionCheckTests {
    static func problems(
        _ expression: String, variables: Set<String> = [], prefixes: Set<String> = []
    ) -> [String] {
        XPathExpressionCheck.problems(in: expression, variables: variables, prefixes: prefixes)
    }

    @Test(
        "well-formed expressions over known names have no problems",
        arguments: [
            "count(//complaint)", "//complaint[status = 'open']/@id", "cx:avg(//score) >= $threshold",
            "sum(//a) div count(//a)", "//a[@x mod 2 = 1]", "count(*) * 2", "//a[. and b or c]", "2*3", "-1 - -2",
            "//a[position() < last()]", "child::node()", "ancestor-or-self::*", "@*", "//a | //b",
            "count(//complaint[cx:within(@received, $window)])", "processing-instruction('x')",
            "//comment()", "//text()", "//a[text()]", "node()", "string(.)", "..", ".5 + 1.", "$p:x", "q:*",
            "//q:item[@q:ref]", "div", "and", "or", "mod", "div div div", "*", "* * *", "//*[* * 2 > 1]",
            "cx:if(true(), 'a', 'b')", "normalize-space(translate(., 'abc', 'ABC'))", "//a[lang('en')]",
            "id('x')", "boolean(number('1'))", "text ()", "cx:round (1.5, 0)",
        ])
    func noProblems(expression: String) {
        #expect(Self.problems(expression, variables: ["threshold", "window", "p:x"], prefixes: ["q", "p"]) == [])
    }

    @Test("an expression that does not compile is one problem saying so")
    func compileError() {
        let found = Self.problems("count(//a[")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("XPath does not compile: ") == true)
    }

    @Test("an unclosed function call, which libxml2 compiles as if closed, is a problem", arguments: [
        "count(//a", "cx:avg(//a", "concat('a', ')'", "count(//a[f(1)]",
    ])
    func unclosedCall(expression: String) {
        #expect(Self.problems(expression).first?.hasPrefix("XPath does not compile: ") == true)
    }

    @Test("an undefined variable is a problem, a defined one is not")
    func undefinedVariable() {
        #expect(Self.problems("$limit > 3", variables: ["limit"]) == [])
        #expect(Self.problems("$limt > 3", variables: ["limit"]) == ["undefined variable $limt"])
        #expect(Self.problems("$a + $b", variables: ["a"]) == ["undefined variable $b"])
        #expect(Self.problems("$x-1", variables: ["x"]) == ["undefined variable $x-1"])
        #expect(Self.problems("$x - 1", variables: ["x"]) == [])
    }

    @Test("a function outside XPath 1.0 is an unknown function", arguments: [
        "ends-with('ab', 'b')", "upper-case('a')", "avg(//a)", "matches('a', 'a')", "escape-uri('a b', true())",
        "current-date()", "foo(1)",
    ])
    func unknownCoreFunction(expression: String) {
        let found = Self.problems(expression)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("unknown function ") == true)
        #expect(found.first?.contains("XPath 1.0 has no such function") == true)
    }

    @Test("every core function the check accepts really exists in libxml2", arguments: XPathExpressionCheck.coreFunctions.sorted())
    func coreFunctionsExist(name: String) throws {
        let calls: [String: String] = [
            "last": "last()", "position": "position()", "count": "count(/r)", "id": "id('x')",
            "local-name": "local-name()", "namespace-uri": "namespace-uri()", "name": "name()", "string": "string()",
            "concat": "concat('a', 'b')", "starts-with": "starts-with('ab', 'a')", "contains": "contains('ab', 'b')",
            "substring-before": "substring-before('a-b', '-')", "substring-after": "substring-after('a-b', '-')",
            "substring": "substring('abc', 2)", "string-length": "string-length('abc')",
            "normalize-space": "normalize-space(' a ')", "translate": "translate('a', 'a', 'b')",
            "boolean": "boolean(1)", "not": "not(1)", "true": "true()", "false": "false()", "lang": "lang('en')",
            "number": "number('1')", "sum": "sum(/r)", "floor": "floor(1.5)", "ceiling": "ceiling(1.5)",
            "round": "round(1.5)",
        ]
        let call = try #require(calls[name], "no sample call for \(name)()")
        #expect(Self.problems(call) == [])
        let context = XPathContext(document: try XMLDocument.parse("<r>1</r>"), environment: .auditDay)
        #expect(throws: Never.self) { try context.evaluate(call) }
    }

    @Test("an unknown cx: function is a problem pointing to the documentation")
    func unknownExtensionFunction() {
        #expect(Self.problems("cx:average(//a)") == ["unknown function cx:average() (see docs/xpath-functions.md)"])
        #expect(Self.problems("cx:avg(//a)") == [])
    }

    @Test("a function under another prefix is a problem, even when the prefix is declared")
    func foreignPrefixFunction() {
        #expect(Self.problems("q:f(1)", prefixes: ["q"]) == ["unknown function q:f() (only cx: extension functions exist)"])
    }

    @Test("an undeclared prefix is a problem in a name test, a variable or a function")
    func undeclaredPrefix() {
        #expect(Self.problems("//q:item") == ["undeclared namespace prefix 'q'"])
        #expect(Self.problems("//q:item", prefixes: ["q"]) == [])
        #expect(Self.problems("//q:*") == ["undeclared namespace prefix 'q'"])
        #expect(Self.problems("$q:v", variables: ["q:v"]) == ["undeclared namespace prefix 'q'"])
        #expect(Self.problems("z:f()").contains("undeclared namespace prefix 'z'"))
        #expect(Self.problems("child::q:item") == ["undeclared namespace prefix 'q'"])
    }

    @Test(
        "operator names after an operand are not taken for names or functions",
        arguments: ["a and b", "x div 2", "x mod 2", "a or b", "count(a) div count(b)", "(a)and(b)", "'s' or 1", "$v and $v"])
    func operatorNames(expression: String) {
        #expect(Self.problems(expression, variables: ["v"]) == [])
    }

    @Test("an element named like an operator is still a name test")
    func elementsNamedLikeOperators() {
        #expect(Self.problems("//and/or[div]/mod", prefixes: []) == [])
        #expect(Self.problems("//and[q:x]") == ["undeclared namespace prefix 'q'"])
    }

    @Test("* is a multiplication after an operand and a name test otherwise")
    func star() {
        #expect(Self.problems("count(*) * cx:avg(*)") == [])
        #expect(Self.problems("count(*) * cx:nope(*)") == ["unknown function cx:nope() (see docs/xpath-functions.md)"])
        #expect(Self.problems("* * q:f(1)", prefixes: ["q"]) == ["unknown function q:f() (only cx: extension functions exist)"])
    }

    @Test("node-type tests are not functions", arguments: ["text()", "node()", "comment()", "processing-instruction()", "//a/text ()"])
    func nodeTypeTests(expression: String) {
        #expect(Self.problems(expression) == [])
    }

    @Test(
        "string literals are not scanned for variables or functions",
        arguments: ["'$x'", "\"foo(\"", "concat('$y', \"bar(1)\")", "contains(., 'q:x')", "\"a'b\" = 'c\"d'"])
    func literals(expression: String) {
        #expect(Self.problems(expression) == [])
    }

    @Test("several problems are all reported")
    func severalProblems() {
        let found = Self.problems("cx:nope($a) + foo(q:x)")
        #expect(found.contains("undefined variable $a"))
        #expect(found.contains("unknown function cx:nope() (see docs/xpath-functions.md)"))
        #expect(found.contains { $0.hasPrefix("unknown function foo()") })
        #expect(found.contains("undeclared namespace prefix 'q'"))
        #expect(found.count == 4)
    }

    @Test("an expression the check accepts evaluates without a name error")
    func acceptedExpressionsEvaluate() throws {
        let expression = "count(//a[cx:within(@d, $window) and not(q:b)]) div count(//a | //q:b)"
        #expect(Self.problems(expression, variables: ["window"], prefixes: ["q"]) == [])
        let document = try XMLDocument.parse("<r xmlns:q='urn:q'><a d='2026-03-30'/><a d='2020-01-01'/></r>")
        let environment = XPathEnvironment(asOf: XPathEnvironment.auditDay.asOf, namespaces: ["q": "urn:q"])
        let context = XPathContext(document: document, environment: environment)
        context.setVariable("window", .string("P30D"))
        #expect(try context.evaluate(expression).number == 0.5)
    }

    @Test("expressions that read only the context node's subtree stay within it", arguments: [
        "number(ack-days) <= 2", "status = 'open' or status = 'closed'", "cx:matches(@id, '^C-[0-9]{7}$')",
        "count(.//note) > 0", "a/b//c", "string-length(normalize-space(root-cause)) > 0", "$record-key != ''",
        "sum(item/@qty) div 2", "(a | b)[1]", "self::c", "descendant::x/@y", "'/not/a/path' = note", ".5 < 1",
    ])
    func staysWithin(expression: String) {
        #expect(XPathExpressionCheck.staysWithinContextNode(expression))
    }

    @Test("expressions that may read beyond the context node, or depend on its place in a selection, do not", arguments: [
        "/log/c", "//c", "count(//c) > 1", "../status", "parent::log", "ancestor::log/@site", "preceding-sibling::c[1]/@id = @id",
        "following::c", "id('C-1')", "lang('en')", "position() = 1", "last() > 1", "a | /b", "note = /log/meta",
        "not(",
    ])
    func readsBeyond(expression: String) {
        #expect(!XPathExpressionCheck.staysWithinContextNode(expression))
    }
}
