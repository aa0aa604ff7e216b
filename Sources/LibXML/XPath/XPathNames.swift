/// The names an XPath expression's name tests use: what it can read, found without running it.
public struct XPathNames: Sendable, Hashable {
    /// Element names (with their prefix, if any).
    public var elements: Set<String>
    /// Attribute names, without the `@`.
    public var attributes: Set<String>
    /// Whether the expression also reaches nodes it does not name (`*`, `node()`, `name()`,
    /// `local-name()`): then it may read more than `elements` and `attributes` say.
    public var readsUnnamedNodes: Bool

    public init(elements: Set<String> = [], attributes: Set<String> = [], readsUnnamedNodes: Bool = false) {
        self.elements = elements
        self.attributes = attributes
        self.readsUnnamedNodes = readsUnnamedNodes
    }

    /// Both sets of names together.
    public func union(_ other: XPathNames) -> XPathNames {
        XPathNames(
            elements: elements.union(other.elements), attributes: attributes.union(other.attributes),
            readsUnnamedNodes: readsUnnamedNodes || other.readsUnnamedNodes)
    }
}
