/// Bounds applied to every parse of an untrusted file.
public struct XMLParseLimits: Sendable, Hashable {
    /// Deepest element nesting libxml2 accepts without `XML_PARSE_HUGE`, which
    /// cxaudit never sets; deeper documents are refused as `XMLError.tooDeep`.
    public static let maxDepth = 256

    /// Largest accepted file, in bytes.
    public var maxBytes: Int

    public init(maxBytes: Int = 1 << 30) {
        self.maxBytes = maxBytes
    }

    public static let `default` = XMLParseLimits()
}
