internal import CLibXML2

/// Computes the same paths as `XMLNode.path` for many elements of one document in
/// linear time. libxml2's `xmlGetNodePath` counts an element's same-named siblings on
/// every call, which is quadratic when a log has tens of thousands of records and
/// many of them need a path.
///
/// Paths are cheapest when asked for in document order, as findings are: each parent
/// remembers how far its children have been counted, and counting goes on from there.
///
/// Meant for one task, like the nodes it is given.
public final class XMLPathCache {
    private var siblings: [Int: Siblings] = [:]
    private var parentPaths: [Int: String] = [:]

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
        let index = siblings[parent.identity, default: Siblings(parent: parent.pointer)].index(of: node.pointer)
        guard let index else { return node.path }
        return index.total > 1 ? "\(parentPath)/\(node.localName)[\(index.position)]" : "\(parentPath)/\(node.localName)"
    }
}

/// The namespace-less child elements of one parent, numbered by name as libxml2 numbers
/// them for a namespace-less element (siblings in a namespace do not count, whatever
/// their name).
private struct Siblings {
    private let parent: xmlNodePtr
    private var names = ElementNames()
    /// Per name key, how many such children the parent has.
    private var totals: [Int] = []
    /// The last child counted, and per name key how many were met up to it.
    private var cursor: xmlNodePtr?
    private var seen: [Int] = []

    init(parent: xmlNodePtr) {
        self.parent = parent
        var child = parent.pointee.children
        while let current = child {
            if let key = key(of: current) {
                if key == totals.count { totals.append(0) }
                totals[key] += 1
            }
            child = current.pointee.next
        }
    }

    /// The node's position among the parent's children of its name, and how many there are.
    mutating func index(of node: xmlNodePtr) -> (position: Int, total: Int)? {
        guard let key = key(of: node) else { return nil }
        // Asked in document order, counting goes on from the previous node; otherwise from the start.
        for fromStart in [false, true] {
            if fromStart || cursor == nil {
                seen = Array(repeating: 0, count: totals.count)
                cursor = nil
            }
            var child = cursor.map { $0.pointee.next } ?? parent.pointee.children
            while let current = child {
                if let currentKey = self.key(of: current) { seen[currentKey] += 1 }
                cursor = current
                if current == node { return (seen[key], totals[key]) }
                child = current.pointee.next
            }
        }
        return nil
    }

    private mutating func key(of node: xmlNodePtr) -> Int? {
        guard node.pointee.type == XML_ELEMENT_NODE, node.pointee.ns == nil, let name = node.pointee.name else { return nil }
        return names.key(for: name)
    }
}

/// Gives equal element names one small key without making Swift strings of them. A
/// parsed document keeps one copy of each name, so names are almost always told apart
/// by address; built documents copy names, which are then compared by their bytes. A
/// parent's children have few distinct names, so a list beats hashing.
private struct ElementNames {
    private var addresses: [UnsafePointer<xmlChar>] = []
    private var keys: [Int] = []
    private var distinct: [UnsafePointer<xmlChar>] = []

    mutating func key(for name: UnsafePointer<xmlChar>) -> Int {
        if let index = addresses.firstIndex(of: name) { return keys[index] }
        let key = distinct.firstIndex { xmlStrEqual($0, name) != 0 } ?? {
            distinct.append(name)
            return distinct.count - 1
        }()
        // Built documents have a copy of the name in every element: remembering each
        // copy would make the list as long as the children, so only the first few are kept.
        if addresses.count < 32 {
            addresses.append(name)
            keys.append(key)
        }
        return key
    }
}
