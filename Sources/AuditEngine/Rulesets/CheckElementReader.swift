import AuditModel
import LibXML

/// Reads the parts check elements share — XPath attributes, `let`s, messages — with the
/// position of each in the ruleset file.
struct CheckElementReader {
    let file: String

    func xpath(_ element: XMLNode, _ name: String) -> XPathText {
        XPathText(attribute(element, name), location: location(element))
    }

    func optionalXPath(_ element: XMLNode, _ name: String) -> XPathText? {
        element.attribute(name).map { XPathText($0, location: location(element)) }
    }

    func attribute(_ element: XMLNode, _ name: String) -> String {
        element.attribute(name) ?? ""
    }

    /// `<let name="…" value="…"/>` children, in order.
    func bindings(_ element: XMLNode) -> [Binding] {
        element.childElements.filter { $0.localName == "let" }.map { child in
            Binding(name: attribute(child, "name"), value: xpath(child, "value"))
        }
    }

    /// The `<message>` child, if any.
    func messageTemplate(_ element: XMLNode) -> MessageTemplate? {
        element.childElements.first { $0.localName == "message" }.map(text)
    }

    /// An element's text as a message template.
    func text(_ element: XMLNode) -> MessageTemplate {
        MessageTemplate(Self.normalized(element.stringValue), location: location(element))
    }

    func location(_ element: XMLNode) -> SourceLocation {
        SourceLocation(file: file, line: element.line, column: element.column)
    }

    /// XPath's normalize-space: prose in rulesets is wrapped freely across lines.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
