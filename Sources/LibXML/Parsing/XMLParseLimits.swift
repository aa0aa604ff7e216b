/// Bounds applied to every parse of an untrusted file.
public struct XMLParseLimits: Sendable, Hashable {
    /// Deepest element nesting libxml2 accepts without `XML_PARSE_HUGE`, which
    /// cxaudit never sets; deeper documents are refused as `XMLError.tooDeep`.
    public static let maxDepth = 256

    /// Most attributes (namespace declarations included) one start tag may have.
    /// libxml2 checks and stores an element's attributes in quadratic time, so a
    /// single crowded tag could keep the parser busy for minutes; documents with
    /// a more crowded tag are refused as `XMLError.tooManyAttributes` before parsing.
    public static let maxAttributes = 256

    /// Largest accepted file, in bytes.
    public var maxBytes: Int

    public init(maxBytes: Int = 1 << 30) {
        self.maxBytes = maxBytes
    }

    public static let `default` = XMLParseLimits()
}
