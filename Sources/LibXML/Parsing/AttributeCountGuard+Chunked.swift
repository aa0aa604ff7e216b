#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AttributeCountGuard {
    /// The same scan over a document that arrives in chunks (an entry being inflated), each
    /// scanned before libxml2 is given it: where a construct is cut between two chunks, the
    /// scan carries on from where it stood, so no byte is read twice and no chunk kept.
    ///
    /// It reads 8-bit encodings only (`isByteOriented(_:)`); `lineOfCrowdedStartTag(in:limit:)`
    /// uses it for those, in one chunk, and reads UTF-16 and UTF-32 by code unit.
    struct Chunked {
        /// Where the scan stands. No case holds an array, so that moving between states,
        /// byte after byte, costs no reference counting.
        private enum State {
            case text
            /// Just after a `<`.
            case open
            /// After `<!` and `matched` bytes of `!--` (a comment) or `![CDATA[`; otherwise a declaration.
            case exclamation(cdata: Bool, matched: Int)
            /// Inside a construct that ends with `repeated` written `count` times, then `>`
            /// (`-->`, `]]>`, `?>`, `>`), with `run` of those bytes just seen.
            case skipping(repeated: UInt8, count: Int, run: Int)
            /// Inside a start tag, with its `=` so far, and the quote of the value it is in, if any.
            case startTag(attributes: Int, quote: UInt8?)
        }

        private static let comment: StaticString = "!--"
        private static let cdata: StaticString = "![CDATA["
        private static let tagEnd = State.skipping(repeated: UInt8(ascii: ">"), count: 0, run: 0)

        let limit: Int
        private var state = State.text
        /// The line of the next byte to count.
        private var line = 1
        /// The line of the `<` of the start tag being scanned.
        private var tagLine = 1

        init(limit: Int) {
            self.limit = limit
        }

        /// Whether the first bytes of a document show an 8-bit encoding, which this scan reads.
        /// A byte-order mark or the `<` of a UTF-16 or UTF-32 document says otherwise.
        static func isByteOriented(_ start: some Collection<UInt8>) -> Bool {
            AttributeCountGuard.unitLayout(start).width == 1
        }

        /// Scans the next chunk of the document.
        ///
        /// - Returns: The 1-based line of the `<` of the first start tag with more than
        ///   `limit` attributes, once its `limit + 1`th attribute is in a chunk; nil until then.
        mutating func scan(_ chunk: UnsafeRawBufferPointer) -> Int? {
            guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), !chunk.isEmpty else { return nil }
            let end = chunk.count
            var position = 0
            /// Where newlines have been counted up to in this chunk.
            var counted = 0
            func countLines(upTo offset: Int) {
                var cursor = counted
                while cursor < offset, let found = memchr(base + cursor, Int32(UInt8(ascii: "\n")), offset - cursor) {
                    line += 1
                    cursor = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                }
                counted = offset
            }
            func find(_ byte: UInt8, from offset: Int) -> Int? {
                guard offset < end, let found = memchr(base + offset, Int32(byte), end - offset) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            while position < end {
                let byte = base[position]
                switch state {
                case .text:
                    guard let less = find(UInt8(ascii: "<"), from: position) else {
                        position = end
                        continue
                    }
                    countLines(upTo: less)
                    tagLine = line
                    state = .open
                    position = less + 1
                case .open:
                    switch byte {
                    case UInt8(ascii: "!"): state = .exclamation(cdata: false, matched: 1)
                    case UInt8(ascii: "?"): state = .skipping(repeated: UInt8(ascii: "?"), count: 1, run: 0)
                    case UInt8(ascii: "/"): state = Self.tagEnd
                    default:
                        state = .startTag(attributes: 0, quote: nil)
                        continue
                    }
                    position += 1
                case .exclamation(var cdata, let matched):
                    if matched == 1 { cdata = byte == UInt8(ascii: "[") }
                    let word = cdata ? Self.cdata : Self.comment
                    guard byte == word.utf8Start[matched] else {
                        // A declaration (a DOCTYPE, which the parser refuses): up to its `>`, this byte included.
                        state = Self.tagEnd
                        continue
                    }
                    if matched + 1 == word.utf8CodeUnitCount {
                        state = .skipping(repeated: UInt8(ascii: cdata ? "]" : "-"), count: 2, run: 0)
                    } else {
                        state = .exclamation(cdata: cdata, matched: matched + 1)
                    }
                    position += 1
                case .skipping(let repeated, let count, var run):
                    if run == 0 {
                        // Nothing can end before the first of the repeated bytes (or the `>` of a tag).
                        guard let found = find(count == 0 ? UInt8(ascii: ">") : repeated, from: position) else {
                            position = end
                            continue
                        }
                        position = found
                    }
                    let current = base[position]
                    if current == UInt8(ascii: ">") && run >= count {
                        state = .text
                    } else {
                        run = current == repeated ? min(run + 1, count) : 0
                        state = .skipping(repeated: repeated, count: count, run: run)
                    }
                    position += 1
                case .startTag(let attributes, let quote?):
                    guard let closing = find(quote, from: position) else {
                        position = end
                        continue
                    }
                    state = .startTag(attributes: attributes, quote: nil)
                    position = closing + 1
                case .startTag(var attributes, nil):
                    // Up to the tag's end without leaving this case: most of a worksheet is start tags.
                    var cursor = position
                    state = .text
                    tag: while cursor < end {
                        switch base[cursor] {
                        case UInt8(ascii: ">"):
                            cursor += 1
                            break tag
                        case UInt8(ascii: "<"):
                            break tag
                        case UInt8(ascii: "="):
                            attributes += 1
                            if attributes > limit { return tagLine }
                        case let quote where quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"):
                            guard let closing = find(quote, from: cursor + 1) else {
                                state = .startTag(attributes: attributes, quote: quote)
                                cursor = end
                                break tag
                            }
                            cursor = closing
                        default:
                            break
                        }
                        cursor += 1
                        if cursor == end { state = .startTag(attributes: attributes, quote: nil) }
                    }
                    position = cursor
                }
            }
            countLines(upTo: end)
            return nil
        }
    }
}
