import AuditModel
import Foundation
import LibXML

/// Turns libxml2's RELAX NG messages ("Invalid attribute date for element item",
/// "Element item failed to validate attributes") into messages that name the element
/// and attribute, the value found, the form expected and what to do
/// (`item CL-2026: date '2026-13-01' is not a date (YYYY-MM-DD)`), and drops the
/// follow-on messages libxml2 adds after the first problem of an element.
struct SchemaViolationTranslator {
    let vocabulary: SchemaVocabulary
    let document: XMLDocument

    /// The violations, translated where libxml2's wording is known; others keep it.
    func translate(_ violations: [XMLDiagnostic]) -> [Diagnostic] {
        let elements = Self.elements(of: document.root)
        let elementsByLine = Dictionary(grouping: elements, by: \.line)
        var explained: [Diagnostic] = []
        var followOns: [(XMLDiagnostic, String)] = []
        var explainedLines = Set<Int>()
        for var violation in violations {
            var candidates = elementsByLine[violation.line] ?? []
            // libxml2 gives no line for some attribute problems: the first element of that name lacking a required attribute is the one.
            if candidates.isEmpty, let element = Self.match(violation.message, "Element ", " failed to validate attributes")?.0,
                let node = elements.first(where: { node in
                    node.localName == element && (vocabulary.attributes[element] ?? []).contains { $0.isRequired && node.attribute($0.name) == nil }
                })
            {
                candidates = [node]
                violation.line = node.line
            }
            if let siblings = misplacedSiblings(violation.message, candidates: candidates) {
                // libxml2 blames the first of a run of elements for a mistake in a later one: each gets its own line.
                explainedLines.insert(violation.line)
                for (node, message) in siblings where !explained.contains(where: { $0.location.line == node.line && $0.message == message }) {
                    var located = violation
                    located.line = node.line
                    located.column = node.column
                    explained.append(Self.diagnostic(located, message))
                }
            } else if let message = explanation(violation.message, candidates: candidates) {
                explainedLines.insert(violation.line)
                // libxml2 can report one bad value twice (the datatype, then the element's attributes).
                guard !explained.contains(where: { $0.location.line == violation.line && $0.message == message }) else { continue }
                explained.append(Self.diagnostic(violation, message))
            } else {
                followOns.append((violation, violation.message))
            }
        }
        // A follow-on message repeats a problem already explained on its line; alone, it is all there is.
        for (violation, message) in followOns where !explainedLines.contains(violation.line) {
            explained.append(Self.diagnostic(violation, summary(message, candidates: elementsByLine[violation.line] ?? [])))
        }
        return explained.sorted { ($0.location.line ?? 0, $0.location.column ?? 0) < ($1.location.line ?? 0, $1.location.column ?? 0) }
    }

    // MARK: - Messages

    /// A message for a violation whose wording says what is wrong; nil for libxml2's follow-ons.
    private func explanation(_ message: String, candidates: [XMLNode]) -> String? {
        if let (attribute, element) = Self.match(message, "Invalid attribute ", " for element ") {
            let node = candidates.first { $0.localName == element }
            let subject = Self.subject(element, node)
            guard let declared = vocabulary.attribute(attribute, of: element) else {
                let allowed = (vocabulary.attributes[element] ?? []).map(\.name)
                let suggestion = NameSuggestion.closest(to: [attribute], among: allowed).map { "; did you mean '\($0)'?" } ?? ""
                return "\(subject): unknown attribute '\(attribute)'\(suggestion) (allowed: \(allowed.joined(separator: ", ")))"
            }
            let value = node?.attribute(attribute) ?? ""
            if value.isEmpty { return "\(subject): \(attribute) is empty; give \(declared.form)" }
            return "\(subject): \(attribute) '\(value)' is not \(declared.form)"
        }
        if let (element, parent) = Self.match(message, "Did not expect element ", " there"), parent.isEmpty {
            let node = candidates.first { $0.localName == element }
            let container = node?.parent?.localName ?? ""
            let allowed = vocabulary.children[container] ?? []
            let listing = allowed.isEmpty ? "" : " (allowed: \(allowed.map { "<\($0)>" }.joined(separator: ", ")))"
            guard allowed.contains(element) else {
                let suggestion = NameSuggestion.closest(to: [element], among: allowed).map { "; did you mean <\($0)>?" } ?? ""
                return "<\(element)> is not allowed inside <\(container)>\(suggestion)\(listing)"
            }
            // An allowed element none of whose run has an attribute problem (`misplacedSiblings` runs first).
            return "<\(element)> inside <\(container)> is out of order, or its content does not follow the schema\(listing)"
        }
        if let (_, quoted) = Self.match(message, "Type ", " doesn't allow value "), quoted.count >= 2 {
            let value = String(quoted.dropFirst().dropLast())
            for node in candidates {
                for (name, attributeValue) in node.attributes where attributeValue == value {
                    guard let declared = vocabulary.attribute(name, of: node.localName) else { continue }
                    return "\(Self.subject(node.localName, node)): \(name) '\(value)' is not \(declared.form)"
                }
            }
            return nil
        }
        if let element = Self.match(message, "Expecting a namespace for element ", "")?.0 ?? Self.match(message, "Element ", " has wrong namespace")?.0,
            let namespace = vocabulary.namespace
        {
            return "<\(element)> must be in cxaudit's namespace: write <\(element) xmlns=\"\(namespace)\">"
        }
        if let (expected, found) = Self.match(message, "Expecting element ", ", got ") {
            return "expected <\(expected)> here, found <\(found)>"
        }
        if let element = Self.match(message, "Element ", " failed to validate attributes")?.0 {
            let problems = attributeProblems(element, candidates.first { $0.localName == element })
            return problems.isEmpty ? nil : problems.joined(separator: "; ")
        }
        return nil
    }

    /// For "Did not expect element X there" about an element its container allows: the
    /// attribute problems in that element and the same-named elements after it (their
    /// contents included), each with its node; nil when there is none (the message stands).
    private func misplacedSiblings(_ message: String, candidates: [XMLNode]) -> [(XMLNode, String)]? {
        guard let (element, rest) = Self.match(message, "Did not expect element ", " there"), rest.isEmpty,
            let node = candidates.first(where: { $0.localName == element }), let container = node.parent,
            (vocabulary.children[container.localName] ?? []).contains(element)
        else { return nil }
        let run = container.childElements.filter { $0.localName == element }.drop { $0.line < node.line }
        let problems = run.flatMap(Self.elements).flatMap { inner in
            attributeProblems(inner.localName, inner, unknownToo: true).map { (inner, $0) }
        }
        return problems.isEmpty ? nil : problems
    }

    /// What is wrong with an element's attributes: required ones missing, values not of
    /// their form and, with `unknownToo`, attributes the schema does not declare.
    private func attributeProblems(_ element: String, _ node: XMLNode?, unknownToo: Bool = false) -> [String] {
        let declared = vocabulary.attributes[element] ?? []
        let subject = Self.subject(element, node)
        let missing = declared.filter { $0.isRequired && node?.attribute($0.name) == nil }
            .map { "\(subject): required attribute \($0.name) is missing; give \($0.form)" }
        let wrong = declared.compactMap { attribute in
            node?.attribute(attribute.name).flatMap { value in
                attribute.accepts(value) ? nil : "\(subject): \(attribute.name) '\(value)' is not \(attribute.form)"
            }
        }
        let unknown: [String] = !unknownToo ? [] : (node?.attributes ?? []).filter { attribute in
            !attribute.name.contains(":") && attribute.name != "xmlns" && !declared.contains { $0.name == attribute.name }
        }.map { attribute in
            let suggestion = NameSuggestion.closest(to: [attribute.name], among: declared.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
            return "\(subject): unknown attribute '\(attribute.name)'\(suggestion) (allowed: \(declared.map(\.name).joined(separator: ", ")))"
        }
        return missing + wrong + unknown
    }

    /// libxml2's follow-on messages, said plainly when nothing else explains the line.
    private func summary(_ message: String, candidates: [XMLNode]) -> String {
        if let (expected, _) = Self.match(message, "Expecting an element ", ", got nothing") {
            let container = candidates.last.map { "<\($0.localName)>" } ?? "this element"
            return "\(container) needs an element <\(expected)> inside it"
        }
        if let element = Self.match(message, "Element ", " failed to validate content")?.0 {
            let allowed = vocabulary.children[element] ?? []
            return "<\(element)>'s content does not follow the schema" + (allowed.isEmpty ? "" : " (it may contain \(allowed.map { "<\($0)>" }.joined(separator: ", ")))")
        }
        if let (element, content) = Self.match(message, "Element ", " has extra content: ") {
            return "<\(element)> holds \(content == "text" ? "text" : "<\(content)>"), which it may not"
        }
        if message.hasPrefix("Error validating datatype "), let empty = candidates.last(where: { $0.stringValue.isEmpty }) {
            return "<\(empty.localName)> is empty; it needs text"
        }
        if let element = Self.match(message, "Extra element ", " in interleave")?.0 {
            return "<\(element)> appears more often than allowed, or where it is not allowed"
        }
        return message
    }

    // MARK: - Helpers

    /// `message` split around `start` and `middle` ("Invalid attribute X for element Y" → (X, Y)).
    private static func match(_ message: String, _ start: String, _ middle: String) -> (String, String)? {
        if middle.isEmpty, message.hasPrefix(start) { return (String(message.dropFirst(start.count)), "") }
        guard message.hasPrefix(start), let range = message.range(of: middle, range: message.index(message.startIndex, offsetBy: start.count)..<message.endIndex)
        else { return nil }
        let first = String(message[message.index(message.startIndex, offsetBy: start.count)..<range.lowerBound])
        return (first, String(message[range.upperBound...]))
    }

    /// The element as a person names it: `item CL-2026`, `waiver W-1`, `<organization>`.
    private static func subject(_ element: String, _ node: XMLNode?) -> String {
        guard let identity = node?.attribute("id") ?? node?.attribute("name"), !identity.isEmpty else { return element }
        return "\(element) \(identity)"
    }

    private static func diagnostic(_ violation: XMLDiagnostic, _ message: String) -> Diagnostic {
        var diagnostic = Diagnostic(violation)
        diagnostic.message = message
        return diagnostic
    }

    private static func elements(of root: XMLNode?) -> [XMLNode] {
        guard let root else { return [] }
        var found: [XMLNode] = []
        var stack = [root]
        while let node = stack.popLast() {
            found.append(node)
            stack += node.childElements.reversed()
        }
        return found
    }
}
