internal import CLibXML2

/// Builds an `XMLDocument` element by element, without serialising to text.
///
/// Adapters for CSV, JSON and office files use it to expose their records as an
/// XML view that the same XPath rules can query. Names must be valid XML names
/// (see `XMLName.sanitized(_:)`).
public final class XMLDocumentBuilder {
    private let document: xmlDocPtr
    private var stack: [xmlNodePtr] = []
    private var finished = false
    private let file: String
    /// The document as built so far, for records handed over before it is finished.
    private lazy var inProgress = XMLDocument(borrowing: document, file: file)

    /// Creates an empty document; `file` is the source it represents.
    public init(file: String) {
        LibXMLRuntime.ensureInitialized()
        self.file = file
        document = xmlNewDoc("1.0")
        // Element and attribute names from a dictionary, as the parser does: one copy of
        // `complaint-id` for a million fields instead of a million copies (a tenth of a
        // CSV view's memory).
        document.pointee.dict = xmlDictCreate()
    }

    deinit {
        if !finished { xmlFreeDoc(document) }
    }

    /// Current nesting depth (0 before the root element is opened).
    public var depth: Int { stack.count }

    /// Opens an element as a child of the current one (or as the root).
    public func startElement(_ name: String, attributes: [(name: String, value: String)] = []) {
        guard let node = name.withXMLChars({ xmlNewDocNode(document, nil, $0, nil) }) else { return }
        for attribute in attributes {
            attribute.name.withXMLChars { name in
                attribute.value.withXMLChars { value in _ = xmlNewProp(node, name, value) }
            }
        }
        if let parent = stack.last {
            xmlAddChild(parent, node)
        } else {
            xmlDocSetRootElement(document, node)
        }
        stack.append(node)
    }

    /// Appends text to the current element; the text is stored as is, never parsed.
    public func text(_ value: String) {
        guard let parent = stack.last, !value.isEmpty, let node = value.withXMLChars({ xmlNewDocText(document, $0) }) else { return }
        xmlAddChild(parent, node)
    }

    /// Closes the current element.
    public func endElement() {
        _ = stack.popLast()
    }

    /// Shorthand for an element holding only text.
    public func element(_ name: String, text value: String, attributes: [(name: String, value: String)] = []) {
        startElement(name, attributes: attributes)
        text(value)
        endElement()
    }

    /// Calls `body` with the current element's last child, then frees it, with the
    /// children before it: a view built record by record hands each record to its checks and
    /// keeps none, so memory follows the record. The node is valid only during the call.
    public func releaseLastChild(after body: (XMLNode) -> Void) {
        guard let parent = stack.last, let last = parent.pointee.last else { return }
        body(XMLNode(pointer: last, document: inProgress))
        XMLRecordStream.freeChildren(of: parent, through: last)
    }

    /// Hands the finished document over; the builder must not be used afterwards.
    public func finish() -> XMLDocument {
        precondition(!finished, "XMLDocumentBuilder.finish() called twice")
        finished = true
        stack.removeAll()
        return XMLDocument(pointer: document, file: file)
    }
}
