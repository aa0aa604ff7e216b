internal import CLibXML2

/// Computes the same paths as `XMLNode.path` for many elements of one document in
/// linear time. libxml2's `xmlGetNodePath` counts an element's same-named siblings on
/// every call, which is quadratic when a log has tens of thousands of records and
/// many of them need a path.
///
/// Meant for one task, like the nodes it is given.
public final class XMLPathCache {
    /// For each namespace-less child element of an indexed parent: its position among the
    /// namespace-less siblings of the same name, and how many of them there are.
    private var indexes: [Int: (position: Int, total: Int)] = [:]
    private var parentPaths: [Int: String] = [:]
    private var indexedParents = Set<Int>()

    public init() {}

    /// The node's XPath, e.g. `/table/record[12]`.
    public func path(of node: XMLNode) -> String {
        // Namespaced elements read as `prefix:name` or `*` in libxml2's paths: left to libxml2.
        guard node.kind == .element, node.pointer.pointee.ns == nil, let parent = node.parent,
            parent.kind == .element || parent.kind == .document
        else { return node.path }
        let parentPath: String
        if parent.kind == .document {
            parentPath = ""
        } else if let cached = parentPaths[parent.identity] {
            parentPath = cached
        } else {
            parentPath = self.path(of: parent)
            parentPaths[parent.identity] = parentPath
        }
        if indexedParents.insert(parent.identity).inserted {
            index(childrenOf: parent.pointer)
        }
        guard let index = indexes[node.identity] else { return node.path }
        return index.total > 1 ? "\(parentPath)/\(node.localName)[\(index.position)]" : "\(parentPath)/\(node.localName)"
    }

    /// Numbers the namespace-less child elements by name, as libxml2 counts them for a
    /// namespace-less element (siblings in a namespace do not count, whatever their name).
    private func index(childrenOf parent: xmlNodePtr) {
        var totals: [ElementName: Int] = [:]
        var child = parent.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, current.pointee.ns == nil, let name = current.pointee.name {
                totals[ElementName(bytes: name), default: 0] += 1
            }
            child = current.pointee.next
        }
        var seen: [ElementName: Int] = [:]
        child = parent.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, current.pointee.ns == nil, let name = current.pointee.name {
                let key = ElementName(bytes: name)
                seen[key, default: 0] += 1
                indexes[Int(bitPattern: UnsafeRawPointer(current))] = (seen[key, default: 1], totals[key, default: 1])
            }
            child = current.pointee.next
        }
    }
}

/// An element name compared by its bytes, without making a Swift string of it: parsed
/// documents share one copy of each name, built documents do not.
private struct ElementName: Hashable {
    let bytes: UnsafePointer<xmlChar>

    static func == (lhs: ElementName, rhs: ElementName) -> Bool {
        lhs.bytes == rhs.bytes || xmlStrEqual(lhs.bytes, rhs.bytes) != 0
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes: UnsafeRawBufferPointer(start: bytes, count: Int(xmlStrlen(bytes))))
    }
}
