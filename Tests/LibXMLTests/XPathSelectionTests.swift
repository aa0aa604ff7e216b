import Foundation
import LibXML
import Testing

@Suite("XPathSelection")
struct XPathSelectionTests {
    static let text = """
        <log>
          <complaint id="C1"><days>1</days><ref>R1</ref><ref>R1b</ref></complaint>
          <complaint id="C2"><days>9</days></complaint>
          <note id="N1"/>
          <complaint><days>3</days><ref>R3</ref></complaint>
          <complaint id="C4"><days>12</days><ref>R4</ref></complaint>
        </log>
        """

    static func selection(_ select: String = "/log/complaint") throws -> XPathSelection {
        let context = XPathContext(document: try XMLDocument.parse(text, file: "log.xml"), environment: .auditDay)
        return try XPathSelection(context.compile(select), in: context)
    }

    @Test("the selection holds the selected nodes in document order")
    func nodes() throws {
        let selection = try Self.selection()
        #expect(selection.nodes.map { $0.attribute("id") } == ["C1", "C2", nil, "C4"])
    }

    @Test("positions where a predicate holds are those a per-node evaluation finds")
    func positions() throws {
        let selection = try Self.selection()
        #expect(try selection.positions(where: "number(days) > 2") == [1, 2, 3])
        #expect(try selection.positions(where: "not(@id) or days > 10") == [2, 3])
        #expect(try selection.positions(where: "false()").isEmpty)
        let perNode = try selection.nodes.map { try selection.context.evaluate("number(days) > 2", at: $0).boolean }
        #expect(perNode == [false, true, true, true])
    }

    @Test("a plain predicate read straight over the nodes finds what libxml2 finds, asking it where only ICU can answer")
    func directPositions() throws {
        let context = XPathContext(
            document: try XMLDocument.parse("<r><i k='A1'/><i k='é1'/><i k='B'/><i k='Ω'/><i/></r>"), environment: .auditDay)
        let selection = try XPathSelection(context.compile("/r/i"), in: context)
        let predicate = "cx:matches(@k, '^[A-Z]\\d$') or not(@k)"
        #expect(DirectExpression(predicate, environment: .auditDay) != nil)
        #expect(try selection.positions(where: predicate) == [0, 4])
        let perNode = try selection.nodes.map { try context.evaluate(predicate, at: $0).boolean }
        #expect(perNode == [true, false, false, false, true])
        // A number still selects by position.
        #expect(try selection.positions(where: "number('2')") == [1])
    }

    @Test("child strings give each node's first attribute or child of that name, or an empty string")
    func childStrings() throws {
        let selection = try Self.selection()
        #expect(try selection.childStrings("@id") == ["C1", "C2", "", "C4"])
        #expect(try selection.childStrings("ref") == ["R1", "", "R3", "R4"])
        #expect(try selection.childStrings("missing") == ["", "", "", ""])
    }

    @Test("nested records out of document order are still matched to their own record")
    func nested() throws {
        let context = XPathContext(
            document: try XMLDocument.parse("<r><i k='a'><i k='b'/><i k='c'><i k='d'/></i></i><i k='e'/></r>"), environment: .auditDay)
        let selection = try XPathSelection(context.compile("//i"), in: context)
        #expect(try selection.childStrings("@k") == ["a", "b", "c", "d", "e"])
        #expect(try selection.positions(where: "i") == [0, 2])
    }

    @Test("a large selection filtered in shares on several threads gives the positions one thread finds")
    func shares() throws {
        let records = (0..<20_000).map { "<r n='\($0)'/>" }.joined()
        let context = XPathContext(document: try XMLDocument.parse("<log>\(records)</log>"), environment: .auditDay)
        let selection = try XPathSelection(context.compile("/log/r"), in: context)
        let alone = try selection.positions(where: "@n mod 7 = 3 or @n > 19990")
        let shared = try selection.positions(where: "@n mod 7 = 3 or @n > 19990", parts: 3) { document in
            XPathContext(document: document, environment: .auditDay)
        }
        #expect(shared == alone)
        #expect(alone.count == 2_857 + 9 - 1, "n ≡ 3 (mod 7), n > 19990, and 19995 is both")
        #expect(throws: XPathError.self) {
            try selection.positions(where: "cx:no-such-function()", parts: 2) { XPathContext(document: $0, environment: .auditDay) }
        }
    }

    @Test("the selection variable never meets a rule's variable called selection")
    func ownNamespace() throws {
        let selection = try Self.selection()
        selection.context.setVariable("selection", .string("rule's own"))
        #expect(try selection.context.evaluate("$selection").string == "rule's own")
        #expect(try selection.context.evaluate("count(\(XPathSelection.variable))").number == 4)
    }

    @Test("a later selection in the same context replaces the earlier one")
    func replaced() throws {
        let first = try Self.selection()
        _ = try XPathSelection(first.context.compile("/log/note"), in: first.context)
        #expect(try first.context.evaluate("count(\(XPathSelection.variable))").number == 1)
    }

    @Test("an expression that selects no nodes is an evaluation error, not an empty selection")
    func notNodes() throws {
        #expect(throws: XPathError.self) { try Self.selection("count(//complaint)") }
    }
}
