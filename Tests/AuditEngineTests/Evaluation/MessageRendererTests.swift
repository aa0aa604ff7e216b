@testable import AuditEngine
import AuditModel
import CalendarDates
import Foundation
import LibXML
import Testing

@Suite("Rendering messages")
struct MessageRendererTests {
    static let xml = """
        <table><record><id>C-1</id><days>5</days></record><record><id>C-2</id><days>12</days></record></table>
        """

    func context() throws -> XPathContext {
        let document = try XMLDocument.parse(data: Data(Self.xml.utf8), file: "log.xml")
        let context = XPathContext(document: document, environment: XPathEnvironment(asOf: CalendarDate(year: 2026, month: 6, day: 30)!))
        context.setVariable("late", .number(2))
        return context
    }

    func template(_ text: String) -> MessageTemplate {
        MessageTemplate(text, location: SourceLocation(file: "rs.xml", line: 9))
    }

    @Test("placeholders are replaced by what they measure; numbers are rounded for reading")
    func placeholders() throws {
        let context = try context()
        #expect(try MessageRenderer.render(template("{$late} of {count(/table/record)} were late"), in: context) == "2 of 2 were late")
        #expect(try MessageRenderer.render(template("average {sum(//days) div 3} days"), in: context) == "average 5.67 days")
        #expect(try MessageRenderer.render(template("{{literal}} braces"), in: context) == "{literal} braces")
    }

    @Test("a placeholder reads from the record it is rendered at; a node set reads as its first node")
    func contextNode() throws {
        let context = try context()
        let second = try #require(try context.evaluate("/table/record[2]").nodes.first)
        #expect(try MessageRenderer.render(template("Complaint {id} took {days} days"), in: context, at: second) == "Complaint C-2 took 12 days")
        #expect(try MessageRenderer.render(template("first: {//id}"), in: context) == "first: C-1")
    }

    @Test("a template with an unbalanced brace is shown as written")
    func unbalanced() throws {
        #expect(try MessageRenderer.render(template("closed {late"), in: try context()) == "closed {late")
    }

    @Test("an expression that cannot be evaluated is an error, not an empty placeholder")
    func failingExpression() throws {
        let context = try context()
        #expect(throws: XPathError.self) { try MessageRenderer.render(template("{$undefined}"), in: context) }
    }

    @Test("values display as a sentence needs them")
    func display() {
        #expect(MessageRenderer.display(.number(3)) == "3")
        #expect(MessageRenderer.display(.number(2.345)) == "2.35")
        #expect(MessageRenderer.display(.number(.nan)) == "NaN")
        #expect(MessageRenderer.display(.string("closed")) == "closed")
        #expect(MessageRenderer.display(.boolean(true)) == "true")
    }
}
