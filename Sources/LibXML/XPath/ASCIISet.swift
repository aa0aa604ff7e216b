/// A set of ASCII bytes, one bit each: the classes `SimplePattern` matches with.
struct ASCIISet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    init(_ byte: UInt8) {
        insert(byte)
    }

    init(_ text: String) {
        for byte in text.utf8 { insert(byte) }
    }

    init(_ ranges: ClosedRange<UInt8>...) {
        for range in ranges {
            for byte in range { insert(byte) }
        }
    }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    mutating func formUnion(_ other: ASCIISet) {
        low |= other.low
        high |= other.high
    }

    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }

    var inverted: ASCIISet {
        var set = ASCIISet()
        set.low = ~low
        set.high = ~high
        return set
    }

    /// The one member, when there is exactly one.
    var single: UInt8? {
        guard low.nonzeroBitCount + high.nonzeroBitCount == 1 else { return nil }
        return low != 0 ? UInt8(low.trailingZeroBitCount) : UInt8(64 + high.trailingZeroBitCount)
    }

    static let digits = ASCIISet(UInt8(ascii: "0")...UInt8(ascii: "9"))
    /// ICU's `\w` within ASCII.
    static let word = alphanumerics.union(ASCIISet("_"))
    /// ICU's `\s` within ASCII: tab, line feed, form feed, carriage return, space (not vertical tab).
    static let space = ASCIISet("\t\n\u{0C}\r ")
    /// ICU's line ends within ASCII, which `.` does not match and `$` may stand before.
    static let lineEnds = ASCIISet("\n\u{0B}\u{0C}\r")
    private static let alphanumerics = ASCIISet(
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"))
    /// Characters that stand for themselves outside brackets.
    static let literals = alphanumerics.union(ASCIISet(" -_,/:;@'\"%!=<>~`&"))
    /// Characters taken as members inside brackets without an escape: not `-`, `&`, `$`, `{`,
    /// `}`, `[`, whose meaning in ICU's set syntax depends on what follows.
    static let bracketMembers = alphanumerics.union(ASCIISet(" _,/:;@'\"%!=<>~`.+*?()|#"))
    /// Punctuation a backslash makes literal.
    static let escapablePunctuation = ASCIISet(".\\+*?()[]{}|^$-/#&~,:;@'\"%!=")

    func union(_ other: ASCIISet) -> ASCIISet {
        var set = self
        set.formUnion(other)
        return set
    }
}
