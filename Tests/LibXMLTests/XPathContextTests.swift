import CalendarDates
import Foundation
import LibXML
import Testing

@Suite("XPathContext")
struct XPathContextTests {
    static let text = """
        <complaints site="north">
          <complaint id="C1" days="12"><status>closed</status></complaint>
          <complaint id="C2" days="45"><status>closed</status></complaint>
          <complaint id="C3"><status>open</status></complaint>
        </complaints>
        """

    static func context(_ environment: XPathEnvironment = .auditDay) throws -> XPathContext {
        XPathContext(document: try XMLDocument.parse(text, file: "complaints.xml"), environment: environment)
    }

    // MARK: Results

    @Test("node-set, string, number and boolean results convert to Swift values")
    func resultKinds() throws {
        let context = try Self.context()
        #expect(try context.evaluate("//complaint").nodes.map { $0.attribute("id") } == ["C1", "C2", "C3"])
        #expect(try context.evaluate("string(/complaints/@site)").string == "north")
        #expect(try context.evaluate("sum(//@days)").number == 57)
        #expect(try context.evaluate("count(//complaint) = 3").boolean == true)
        #expect(try context.evaluate("//nothing").nodes.isEmpty)
    }

    @Test("a compiled expression can be evaluated many times, at different context nodes")
    func compiledReuse() throws {
        let context = try Self.context()
        let status = try context.compile("string(status)")
        let complaints = try context.evaluate("//complaint").nodes
        let statuses = try complaints.map { try context.evaluate(status, at: $0).string }
        #expect(statuses == ["closed", "closed", "open"])
        #expect(status.expression == "string(status)")
    }

    @Test(
        "evaluateString gives the same text as evaluate(…).string for every kind of result",
        arguments: [
            "@id", "status", "string(status)", "concat(@id, '-', status)", "count(../complaint)", "@days div 7",
            "number(@missing)", "@days > 20", "nothing", "../@site | .", "namespace::*", "1 div 0",
        ])
    func evaluateString(expression: String) throws {
        let context = try Self.context()
        let compiled = try context.compile(expression)
        for complaint in try context.evaluate("//complaint").nodes {
            #expect(try context.evaluateString(compiled, at: complaint) == context.evaluate(compiled, at: complaint).string)
        }
        #expect(try context.evaluateString(compiled) == context.evaluate(compiled).string)
    }

    @Test("node sets come back in document order, whatever order the expression names them in")
    func documentOrder() throws {
        let context = try Self.context()
        let ids = { (expression: String) in try context.evaluate(expression).nodes.map { $0.attribute("id") ?? $0.localName } }
        #expect(try ids("//complaint[3] | //complaint[1] | /complaints") == ["complaints", "C1", "C3"])
        #expect(try ids("(//complaint[3] | //complaint[1])[1]") == ["C1"])
        #expect(try ids("//status/.. | //complaint[@days]") == ["C1", "C2", "C3"])
    }

    @Test("the context node defaults to the document and can be any node")
    func contextNode() throws {
        let context = try Self.context()
        #expect(try context.evaluate("name(*)").string == "complaints")
        #expect(try context.evaluate("position() = 1 and last() = 1").boolean == true)
        let second = try #require(try context.evaluate("//complaint[2]").nodes.first)
        #expect(try context.evaluate("@id", at: second).string == "C2")
        #expect(try context.evaluate("count(preceding-sibling::complaint)", at: second).number == 1)
        #expect(try context.evaluate("last()", at: second).number == 1)
        #expect(try context.evaluate("count(../complaint[last()]/preceding-sibling::*)", at: second).number == 2)
        #expect(try context.evaluate("string(../@site)", at: second).string == "north")
    }

    // MARK: Variables

    @Test("string, number, boolean and node-set variables are bound")
    func variables() throws {
        let context = try Self.context()
        context.setVariable("status", .string("closed"))
        context.setVariable("limit", .number(30))
        context.setVariable("strict", .boolean(true))
        context.setVariable("sample", .nodes(try context.evaluate("//complaint[position() < 3]").nodes))
        #expect(try context.evaluate("count(//complaint[status = $status])").number == 2)
        #expect(try context.evaluate("count(//complaint[@days > $limit])").number == 1)
        #expect(try context.evaluate("$strict and true()").boolean == true)
        #expect(try context.evaluate("count($sample)").number == 2)
        #expect(try context.evaluate("$sample[2]/@id").string == "C2")
        #expect(try context.evaluate("$limit * 2").number == 60)
        #expect(try context.evaluate("concat($status, '!')").string == "closed!")
    }

    @Test("a node-set variable is in document order whatever order the nodes were given in")
    func nodeVariableOrder() throws {
        let context = try Self.context()
        context.setVariable("reversed", .nodes(try context.evaluate("//complaint").nodes.reversed()))
        #expect(try context.evaluate("string($reversed[1]/@id)").string == "C1")
        #expect(try context.evaluate("string($reversed[last()]/@id)").string == "C3")
        #expect(try context.evaluate("$reversed").nodes.map { $0.attribute("id") } == ["C1", "C2", "C3"])
    }

    @Test("binding a variable again replaces its value")
    func rebinding() throws {
        let context = try Self.context()
        context.setVariable("x", .number(1))
        context.setVariable("x", .string("two"))
        #expect(try context.evaluate("$x").string == "two")
    }

    @Test("nodes of another document are left out of a node-set variable")
    func foreignNodes() throws {
        let context = try Self.context()
        let other = try XMLDocument.parse("<r><a/><a/></r>", file: "other.xml")
        let foreign = try XPathContext(document: other, environment: .auditDay).evaluate("//a").nodes
        let own = try context.evaluate("//complaint[1]").nodes
        context.setVariable("mixed", .nodes(foreign + own))
        #expect(try context.evaluate("count($mixed)").number == 1)
        #expect(try context.evaluate("string($mixed/@id)").string == "C1")
    }

    @Test("namespace prefixes from the environment can be used")
    func environmentNamespaces() throws {
        let document = try XMLDocument.parse("<r xmlns='urn:survey'><q>5</q><q>3</q></r>", file: "ns.xml")
        let environment = XPathEnvironment(asOf: XPathEnvironment.auditDay.asOf, namespaces: ["s": "urn:survey"])
        let context = XPathContext(document: document, environment: environment)
        #expect(try context.evaluate("sum(/s:r/s:q)").number == 8)
        #expect(try context.evaluate("count(/r/q)").number == 0)
    }

    // MARK: Errors

    @Test("an expression that does not compile is an invalid-expression error with a message", arguments: [
        "1 +", "//complaint[", "(1", "'unterminated", "@", "complaint]", "$", "1 === 2",
    ])
    func compileErrors(expression: String) throws {
        let context = try Self.context()
        let error = try #require(throws: XPathError.self) { try context.compile(expression) }
        guard case let .invalidExpression(reported, message) = error else {
            Issue.record("expected .invalidExpression, got \(error)")
            return
        }
        #expect(reported == expression)
        #expect(!message.isEmpty)
        #expect(error.errorDescription == "XPath '\(expression)' does not compile: \(message)")
    }

    @Test(
        "an expression that fails while running is an evaluation error saying why",
        arguments: [
            ("$undefined", "undefined variable"), ("foo(1)", "unknown function"), ("cx:nope()", "unknown function"),
            ("cx:round(1)", "cx:round takes 2 argument(s), not 1"), ("cx:as-of(1)", "cx:as-of takes 0 argument(s), not 1"),
            ("cx:matches('a')", "cx:matches takes 2 to 3 argument(s), not 1"),
            ("cx:period('2026-01-01', 'week')", "cx:period: unit 'week' is not one of month, quarter, half, year"),
            ("cx:add-duration('2026-01-01', 'PT1H')", "'PT1H' is not an ISO 8601 duration"),
            ("cx:matches('a', '(')", "not a valid regular expression"),
            ("count('text')", "invalid type"),
        ])
    func evaluationErrors(expression: String, fragment: String) throws {
        let context = try Self.context()
        let error = try #require(throws: XPathError.self) { try context.evaluate(expression) }
        guard case let .evaluationFailed(reported, message) = error else {
            Issue.record("expected .evaluationFailed, got \(error)")
            return
        }
        #expect(reported == expression)
        #expect(message.contains(fragment), "message: \(message)")
        #expect(error.errorDescription == "XPath '\(expression)' failed: \(message)")
    }

    @Test("a function under an undeclared prefix fails to evaluate instead of crashing")
    func undeclaredPrefix() throws {
        let context = try Self.context()
        let error = try #require(throws: XPathError.self) { try context.evaluate("zz:f()") }
        guard case let .evaluationFailed(_, message) = error else {
            Issue.record("expected .evaluationFailed, got \(error)")
            return
        }
        #expect(!message.isEmpty)
    }

    @Test("a context node from another document is refused, not evaluated")
    func foreignContextNode() throws {
        let context = try Self.context()
        let other = try #require(try XMLDocument.parse("<other/>", file: "other.xml").root)
        let error = try #require(throws: XPathError.self) { try context.evaluate(".", at: other) }
        guard case let .evaluationFailed(_, message) = error else {
            Issue.record("expected .evaluationFailed, got \(error)")
            return
        }
        #expect(message.contains("other.xml"))
    }

    @Test("a context keeps working after an error, and errors do not leak into the next evaluation")
    func recoversAfterError() throws {
        let context = try Self.context()
        #expect(throws: XPathError.self) { try context.evaluate("$missing") }
        #expect(throws: XPathError.self) { try context.evaluate("1 +") }
        #expect(try context.evaluate("count(//complaint)").number == 3)
        context.setVariable("missing", .number(4))
        #expect(try context.evaluate("$missing").number == 4)
    }

    @Test("a tiny operation limit makes an expensive expression fail")
    func operationLimit() throws {
        var items = "<r>"
        for index in 0..<2_000 { items += "<i v='\(index)'/>" }
        items += "</r>"
        let document = try XMLDocument.parse(items, file: "items.xml")
        let environment = XPathEnvironment(asOf: XPathEnvironment.auditDay.asOf, operationLimit: 500)
        let limited = XPathContext(document: document, environment: environment)
        let expensive = "count(//i[@v > //i[last()]/@v])"
        let error = try #require(throws: XPathError.self) { try limited.evaluate(expensive) }
        guard case let .evaluationFailed(_, message) = error else {
            Issue.record("expected .evaluationFailed, got \(error)")
            return
        }
        #expect(message.contains("operation limit exceeded"))
        #expect(try limited.evaluate("1 + 1").number == 2)
        let unlimited = XPathContext(document: document, environment: .auditDay)
        #expect(try unlimited.evaluate("count(//i[@v > 1997])").number == 2)
    }

    @Test("the operation limit applies to each evaluation, not to the context's lifetime")
    func operationLimitPerEvaluation() throws {
        let document = try XMLDocument.parse("<r><a/><a/><a/></r>", file: "small.xml")
        let environment = XPathEnvironment(asOf: XPathEnvironment.auditDay.asOf, operationLimit: 200)
        let context = XPathContext(document: document, environment: environment)
        let compiled = try context.compile("count(//a)")
        for _ in 0..<100 {
            #expect(try context.evaluate(compiled).number == 3)
        }
    }

    @Test("an operation limit of 0 means no bound")
    func zeroOperationLimit() throws {
        let environment = XPathEnvironment(asOf: XPathEnvironment.auditDay.asOf, operationLimit: 0)
        let context = XPathContext(document: try XMLDocument.parse(Self.text), environment: environment)
        #expect(try context.evaluate("count(//*[count(//*) > 0])").number == 7)
    }

    @Test("the environment's default operation limit is generous")
    func defaultLimit() {
        #expect(XPathEnvironment.auditDay.operationLimit == 200_000_000)
        #expect(XPathEnvironment.functionNamespace == "urn:cxaudit:xpath:1")
    }
}
