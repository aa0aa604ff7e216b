import AuditModel
import LibXML

/// Fills a message template's `{xpath}` placeholders from an XPath context, so
/// statements say what was measured.
enum MessageRenderer {
    /// Renders `template` with `node` as the context node.
    static func render(_ template: MessageTemplate, in context: XPathContext, at node: XMLNode? = nil) throws(XPathError) -> String {
        guard let parts = template.parts else { return template.text }
        var text = ""
        for part in parts {
            switch part {
            case let .text(literal):
                text += literal
            case let .expression(expression):
                text += display(try context.evaluate(expression, at: node))
            }
        }
        return text
    }

    /// How a value reads in a sentence: a node set reads as its first node, numbers are rounded for reading.
    static func display(_ value: XPathValue) -> String {
        switch value {
        case let .number(number): return XPathValue.format(number)
        default: return value.string
        }
    }
}
