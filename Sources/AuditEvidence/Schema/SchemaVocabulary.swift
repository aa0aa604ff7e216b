import Foundation
import LibXML

/// What one of cxaudit's RELAX NG schemas allows, read from the schema itself: for each
/// element, its attributes (required or not, and the form of their values) and the
/// elements it may contain. Schema violations are explained with it in the user's terms
/// ("date '2026-13-01' is not a date (YYYY-MM-DD)") rather than libxml2's.
struct SchemaVocabulary: Sendable {
    /// An attribute an element may carry.
    struct Attribute: Sendable, Equatable {
        let name: String
        let isRequired: Bool
        /// The values it takes, in words ("a date (YYYY-MM-DD)", "one of csv, json").
        let form: String
        /// The only values it takes, when the schema lists them.
        var values: [String]? = nil
        /// Its XML Schema datatype (`date`, `NCName`), when it has one.
        var type: String? = nil

        /// Whether `value` is of the attribute's form, as far as can be told without libxml2:
        /// for finding which attribute libxml2's "failed to validate attributes" is about.
        func accepts(_ value: String) -> Bool {
            if let values { return values.contains(value) }
            switch type {
            case "date": return value.wholeMatch(of: /[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])/) != nil
            case "NCName": return value.wholeMatch(of: /[A-Za-z_][A-Za-z0-9._\-]*/) != nil
            case "integer": return Int(value) != nil
            case "positiveInteger": return (Int(value) ?? 0) > 0
            case "nonNegativeInteger": return (Int(value) ?? -1) >= 0
            case "boolean": return ["true", "false", "1", "0"].contains(value)
            default: return true
            }
        }
    }

    /// Attributes by element name, in schema order.
    private(set) var attributes: [String: [Attribute]] = [:]
    /// Elements each element may contain, by element name, in schema order.
    private(set) var children: [String: [String]] = [:]
    /// The namespace of the schema's elements, if it has one.
    private(set) var namespace: String?

    /// The vocabulary of the schema at `url`; empty when it cannot be read (messages then stay libxml2's).
    init(schema url: URL) {
        guard let document = try? XMLDocument.parse(contentsOf: url), let grammar = document.root else { return }
        namespace = grammar.attribute("ns")
        var defines: [String: [XMLNode]] = [:]
        for define in grammar.childElements where define.localName == "define" {
            defines[define.attribute("name") ?? "", default: []].append(define)
        }
        var walker = Walker(defines: defines)
        for start in grammar.childElements where start.localName == "start" {
            walker.walk(start, element: nil, optional: false)
        }
        attributes = walker.attributes
        children = walker.children
    }

    /// The attribute `name` of `element`, when the schema declares it.
    func attribute(_ name: String, of element: String) -> Attribute? {
        attributes[element]?.first { $0.name == name }
    }

    /// Collects attributes and children while walking the grammar, following `ref`s once each per element.
    private struct Walker {
        let defines: [String: [XMLNode]]
        var attributes: [String: [Attribute]] = [:]
        var children: [String: [String]] = [:]
        private var following: Set<String> = []

        init(defines: [String: [XMLNode]]) {
            self.defines = defines
        }

        mutating func walk(_ node: XMLNode, element: String?, optional: Bool) {
            for child in node.childElements {
                switch child.localName {
                case "element":
                    guard let name = child.attribute("name") else { continue }
                    if let element, !(children[element] ?? []).contains(name) { children[element, default: []].append(name) }
                    let outer = following
                    following = []
                    walk(child, element: name, optional: false)
                    following = outer
                case "attribute":
                    guard let element, let name = child.attribute("name"), attribute(name, of: element) == nil else { continue }
                    let (values, type) = datatype(of: child)
                    attributes[element, default: []].append(Attribute(name: name, isRequired: !optional, form: form(of: child), values: values, type: type))
                case "optional", "zeroOrMore", "choice":
                    walk(child, element: element, optional: true)
                case "ref":
                    guard let name = child.attribute("name"), !following.contains(name) else { continue }
                    following.insert(name)
                    for define in defines[name] ?? [] { walk(define, element: element, optional: optional) }
                default:
                    walk(child, element: element, optional: optional)
                }
            }
        }

        private func attribute(_ name: String, of element: String) -> Attribute? {
            attributes[element]?.first { $0.name == name }
        }

        /// The values an attribute's pattern lists, or its datatype, following `ref`s.
        private func datatype(of pattern: XMLNode, depth: Int = 0) -> (values: [String]?, type: String?) {
            let values = pattern.childElements.filter { $0.localName == "value" }.map(\.stringValue)
                + pattern.childElements.filter { $0.localName == "choice" }.flatMap { $0.childElements.filter { $0.localName == "value" }.map(\.stringValue) }
            if !values.isEmpty { return (values, nil) }
            if let data = pattern.childElements.first(where: { $0.localName == "data" }) { return (nil, data.attribute("type")) }
            if depth < 8, let name = pattern.childElements.first(where: { $0.localName == "ref" })?.attribute("name"), let define = defines[name]?.first {
                return datatype(of: define, depth: depth + 1)
            }
            return (nil, nil)
        }

        /// The values an attribute's pattern takes, in words.
        private func form(of pattern: XMLNode, depth: Int = 0) -> String {
            let values = pattern.childElements.filter { $0.localName == "value" }.map(\.stringValue)
                + pattern.childElements.filter { $0.localName == "choice" }.flatMap { $0.childElements.filter { $0.localName == "value" }.map(\.stringValue) }
            if !values.isEmpty {
                return values.count == 1 ? "'\(values[0])'" : "one of " + values.map(Self.shown).joined(separator: ", ")
            }
            if let data = pattern.childElements.first(where: { $0.localName == "data" }) {
                return Self.form(ofType: data.attribute("type") ?? "", patterned: data.childElements.contains { $0.attribute("name") == "pattern" })
            }
            if depth < 8, let ref = pattern.childElements.first(where: { $0.localName == "ref" }), let name = ref.attribute("name"),
                let define = defines[name]?.first
            {
                return form(of: define, depth: depth + 1)
            }
            return "text"
        }

        /// A listed value as a message shows it: punctuation quoted, so that `,` reads as a value.
        private static func shown(_ value: String) -> String {
            if value == "\t" { return "tab" }
            if value == " " { return "space" }
            return value.contains(where: { $0.isLetter || $0.isNumber }) ? value : "'\(value)'"
        }

        private static func form(ofType type: String, patterned: Bool) -> String {
            switch type {
            case "date": return "a date (YYYY-MM-DD)"
            case "dateTime": return "a date and time (YYYY-MM-DDThh:mm:ssZ)"
            case "duration": return "a duration (ISO 8601, e.g. P12M or P30D)"
            case "integer": return "a whole number"
            case "positiveInteger": return "a whole number of 1 or more"
            case "nonNegativeInteger": return "a whole number of 0 or more"
            case "decimal", "double": return "a number"
            case "boolean": return "true or false"
            case "anyURI": return "a URI"
            case "NCName": return "a name without spaces or colons (letters, digits, '-', '_', '.')"
            case "token" where patterned: return "an identifier (letters, digits, '.', '_', '-'; starting with a letter or digit)"
            case "token", "string": return "text"
            default: return type
            }
        }
    }
}
