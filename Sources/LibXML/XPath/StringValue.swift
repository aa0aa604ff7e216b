internal import CLibXML2

/// XPath string-values of nodes as `DirectExpression` reads them: a field's one text child
/// where it lies in the tree, libxml2's concatenation (`xmlNodeGetContent`) otherwise, and
/// libxml2's own conversion to a number, so that both evaluators read the same values.
enum StringValue {
    /// Calls `body` with the node's string-value as UTF-8.
    static func withBytes<Result>(of node: xmlNodePtr, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch soleText(of: node) {
        case .empty:
            return body(UnsafeBufferPointer(start: nil, count: 0))
        case let .text(text):
            return body(UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))))
        case .mixed:
            guard let content = xmlNodeGetContent(node) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            defer { cxaudit_xml_free(content) }
            return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        }
    }

    static func bytes(of node: xmlNodePtr) -> [UInt8] {
        withBytes(of: node) { Array($0) }
    }

    /// XPath `number()` of the node's string-value, as libxml2 converts it.
    static func number(of node: xmlNodePtr) -> Double {
        switch soleText(of: node) {
        case .empty:
            return .nan
        case let .text(text):
            return xmlXPathStringEvalNumber(text)
        case .mixed:
            guard let content = xmlNodeGetContent(node) else { return .nan }
            defer { cxaudit_xml_free(content) }
            return xmlXPathStringEvalNumber(content)
        }
    }

    /// XPath `number()` of a string, as libxml2 converts it.
    static func number(of bytes: [UInt8]) -> Double {
        (bytes + [0]).withUnsafeBufferPointer { xmlXPathStringEvalNumber($0.baseAddress) }
    }

    /// XPath `normalize-space()`: XML white space trimmed, and each run of it made one space.
    static func normalizingSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var spacePending = false
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                spacePending = !result.isEmpty
                continue
            }
            if spacePending {
                result.append(0x20)
                spacePending = false
            }
            result.append(byte)
        }
        return result
    }

    private enum Content {
        case empty
        case text(UnsafePointer<xmlChar>)
        case mixed
    }

    /// An element's or attribute's only child when it is text, so its value needs no copy.
    private static func soleText(of node: xmlNodePtr) -> Content {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return node.pointee.content.map { .text($0) } ?? .empty
        case XML_ELEMENT_NODE, XML_ATTRIBUTE_NODE:
            // An attribute is an xmlAttr, whose `children` lies where an xmlNode's does.
            guard let child = node.pointee.children else { return .empty }
            guard child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE,
                let text = child.pointee.content
            else { return .mixed }
            return .text(text)
        default:
            return .mixed
        }
    }
}
