internal import CLibXML2

/// A handle on one node of an `XMLDocument`.
///
/// The handle keeps its document alive. It is cheap to copy, and meant to be used
/// within the task that obtained it (libxml2 nodes are not synchronised).
public struct XMLNode {
    /// The kinds of node a rule can meet in XPath results.
    public enum Kind: Sendable, Hashable {
        case element
        case attribute
        case text
        case comment
        case processingInstruction
        case document
        case other
    }

    let pointer: xmlNodePtr
    /// The document this node belongs to.
    public let document: XMLDocument

    init(pointer: xmlNodePtr, document: XMLDocument) {
        self.pointer = pointer
        self.document = document
    }

    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: return .element
        case XML_ATTRIBUTE_NODE: return .attribute
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: return .text
        case XML_COMMENT_NODE: return .comment
        case XML_PI_NODE: return .processingInstruction
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE: return .document
        default: return .other
        }
    }

    /// Local name (without prefix); empty for text and document nodes.
    public var localName: String {
        guard let name = pointer.pointee.name, kind == .element || kind == .attribute || kind == .processingInstruction
        else { return "" }
        return String(cString: name)
    }

    /// Namespace URI of an element or attribute, if it has one.
    public var namespaceURI: String? {
        guard kind == .element || kind == .attribute, let ns = pointer.pointee.ns, let href = ns.pointee.href else {
            return nil
        }
        return String(cString: href)
    }

    /// Identifies the node within its document, so results of separate queries can be matched up.
    public var identity: Int {
        Int(bitPattern: UnsafeRawPointer(pointer))
    }

    /// The XPath string-value of the node (concatenated descendant text for elements).
    public var stringValue: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { cxaudit_xml_free(content) }
        return String(cString: content)
    }

    /// Value of an attribute without namespace, if present.
    public func attribute(_ name: String) -> String? {
        guard kind == .element, let value = xmlGetNoNsProp(pointer, name) else { return nil }
        defer { cxaudit_xml_free(value) }
        return String(cString: value)
    }

    /// Value of an attribute in a namespace (office formats qualify most attributes).
    public func attribute(_ name: String, namespace: String) -> String? {
        guard kind == .element, let value = xmlGetNsProp(pointer, name, namespace) else { return nil }
        defer { cxaudit_xml_free(value) }
        return String(cString: value)
    }

    /// Attributes of an element in document order, as (local name, value) pairs.
    public var attributes: [(name: String, value: String)] {
        guard kind == .element else { return [] }
        var result: [(String, String)] = []
        var attribute = pointer.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            let node = UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)
            result.append((name, XMLNode(pointer: node, document: document).stringValue))
            attribute = current.pointee.next
        }
        return result
    }

    /// Child elements in document order.
    public var childElements: [XMLNode] {
        var result: [XMLNode] = []
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                result.append(XMLNode(pointer: current, document: document))
            }
            child = current.pointee.next
        }
        return result
    }

    /// Child elements with the local name `localName` in the namespace `namespace`, in
    /// document order. The names are compared in the tree, without a string made of every
    /// child's name and namespace: the office formats' sheets hold millions of cells.
    public func children(_ localName: String, in namespace: String) -> [XMLNode] {
        var result: [XMLNode] = []
        forEachChildElement(named: localName, namespace: namespace) { child in
            result.append(child)
            return true
        }
        return result
    }

    /// The first of `children(_:in:)`, found without looking further.
    public func child(_ localName: String, in namespace: String) -> XMLNode? {
        var first: XMLNode?
        forEachChildElement(named: localName, namespace: namespace) { child in
            first = child
            return false
        }
        return first
    }

    /// Calls `body` with each child element named `localName` in `namespace` until it returns false.
    private func forEachChildElement(named localName: String, namespace: String, _ body: (XMLNode) -> Bool) {
        localName.withXMLChars { name in
            namespace.withXMLChars { uri in
                var child = pointer.pointee.children
                while let current = child {
                    if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, name) != 0,
                        let ns = current.pointee.ns, xmlStrEqual(ns.pointee.href, uri) != 0,
                        !body(XMLNode(pointer: current, document: document))
                    {
                        return
                    }
                    child = current.pointee.next
                }
            }
        }
    }

    /// The parent node (the element owning an attribute), if any.
    public var parent: XMLNode? {
        pointer.pointee.parent.map { XMLNode(pointer: $0, document: document) }
    }

    /// 1-based line where the node starts in the source, or 0 for built documents.
    /// An attribute reports the line of its element.
    public var line: Int {
        if let position = SourcePosition(of: pointer) { return position.line }
        if kind == .attribute, let parent, parent.kind == .element { return parent.line }
        return max(0, Int(xmlGetLineNo(pointer)))
    }

    /// 1-based column where an element's start tag begins (its `<`), or 0 when unknown
    /// (built documents, non-element nodes).
    public var column: Int {
        SourcePosition(of: pointer)?.column ?? 0
    }

    /// An XPath locating the node, e.g. `/complaints/complaint[12]/status`.
    public var path: String {
        guard let path = xmlGetNodePath(pointer) else { return "" }
        defer { cxaudit_xml_free(path) }
        return String(cString: path)
    }
}
