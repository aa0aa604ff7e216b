/// Computes the same paths as `XMLNode.path` for many elements of one document in
/// linear time. libxml2's `xmlGetNodePath` counts an element's same-named siblings on
/// every call, which is quadratic when a log has tens of thousands of records and
/// many of them need a path.
public final class XMLPathCache {
    private var indexes: [Int: (position: Int, total: Int)] = [:]
    private var parentPaths: [Int: String] = [:]
    private var indexedParents = Set<Int>()

    public init() {}

    /// The node's XPath, e.g. `/table/record[12]`.
    public func path(of node: XMLNode) -> String {
        guard node.kind == .element, node.namespaceURI == nil, let parent = node.parent, parent.kind == .element || parent.kind == .document
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
        if !indexedParents.contains(parent.identity) {
            indexedParents.insert(parent.identity)
            var counts: [String: Int] = [:]
            let children = parent.childElements
            for child in children { counts[child.localName, default: 0] += 1 }
            var seen: [String: Int] = [:]
            for child in children {
                seen[child.localName, default: 0] += 1
                indexes[child.identity] = (seen[child.localName, default: 1], counts[child.localName, default: 1])
            }
        }
        guard let index = indexes[node.identity] else { return node.path }
        return index.total > 1 ? "\(parentPath)/\(node.localName)[\(index.position)]" : "\(parentPath)/\(node.localName)"
    }
}
