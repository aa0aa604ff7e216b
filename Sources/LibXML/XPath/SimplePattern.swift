/// A regular expression of the shape record checks mostly use — literals, bracket classes,
/// `.`, `\d`, `\w`, `\s`, a quantifier on each of them, `^` at the start and `$` at the end —
/// matched on a value's UTF-8 bytes as they are.
///
/// `cx:matches` is called once per record: asking ICU (through NSRegularExpression) makes a
/// Swift string, an NSString and a matcher for every call, which took a tenth of a whole run.
/// This gives ICU's answer without them, and only where that answer is plain: `init` returns
/// nil for any pattern outside the shape above or with a flag, and `matches` returns nil for
/// text with a byte outside ASCII, where Unicode classes and line ends would come in;
/// `cx:matches` then asks ICU. The tests hold the two to the same answers.
struct SimplePattern {
    /// One atom and how many times in a row it may match.
    private struct Item {
        let accepts: ASCIISet
        let minimum: Int
        let maximum: Int
    }

    private let items: [Item]
    private let anchoredAtStart: Bool
    private let anchoredAtEnd: Bool

    init?(_ pattern: String, flags: String) {
        guard flags.isEmpty else { return nil }
        var parser = Parser(bytes: Array(pattern.utf8))
        guard let parsed = parser.parse() else { return nil }
        (items, anchoredAtStart, anchoredAtEnd) = parsed
    }

    /// Whether the pattern matches somewhere in `text`, or nil when `text` is not all ASCII.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard text.allSatisfy({ $0 < 0x80 }) else { return nil }
        let width = text.count + 1
        // A place (item, position) that failed once fails from every start: remembering it
        // keeps nested quantifiers linear in the text rather than exponential.
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: items.count * width) { failed in
            failed.initialize(repeating: false)
            let search = Search(items: items, text: text, anchoredAtEnd: anchoredAtEnd, failed: failed, width: width)
            if anchoredAtStart { return search.matches(from: 0, at: 0) }
            return (0...text.count).contains { search.matches(from: 0, at: $0) }
        }
    }

    private struct Search {
        let items: [Item]
        let text: UnsafeBufferPointer<UInt8>
        let anchoredAtEnd: Bool
        let failed: UnsafeMutableBufferPointer<Bool>
        let width: Int

        func matches(from index: Int, at position: Int) -> Bool {
            guard index < items.count else { return !anchoredAtEnd || endsAt(position) }
            guard !failed[index * width + position] else { return false }
            let item = items[index]
            var run = 0
            let longest = min(item.maximum, text.count - position)
            while run < longest, item.accepts.contains(text[position + run]) { run += 1 }
            // Greedy, then shorter: for whether a match exists the order does not matter.
            while run >= item.minimum {
                if matches(from: index + 1, at: position + run) { return true }
                run -= 1
            }
            failed[index * width + position] = true
            return false
        }

        /// ICU's `$` without the multiline flag: the end, or before one line end that ends the text.
        private func endsAt(_ position: Int) -> Bool {
            let rest = text.count - position
            if rest == 0 { return true }
            if rest == 1 { return ASCIISet.lineEnds.contains(text[position]) }
            return rest == 2 && text[position] == UInt8(ascii: "\r") && text[position + 1] == UInt8(ascii: "\n")
        }
    }

    /// Reads a pattern into items, or nil for anything outside the plain shape.
    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func parse() -> (items: [Item], anchoredAtStart: Bool, anchoredAtEnd: Bool)? {
            // ICU refuses an empty pattern; its error is the one to show.
            guard !bytes.isEmpty else { return nil }
            var items: [Item] = []
            let anchoredAtStart = peek == UInt8(ascii: "^")
            if anchoredAtStart { index += 1 }
            var anchoredAtEnd = false
            while let byte = peek {
                if byte == UInt8(ascii: "$") {
                    guard index == bytes.count - 1 else { return nil }
                    anchoredAtEnd = true
                    index += 1
                    break
                }
                guard let atom = atom() else { return nil }
                guard let (minimum, maximum) = quantifier() else { return nil }
                items.append(Item(accepts: atom, minimum: minimum, maximum: maximum))
            }
            return (items, anchoredAtStart, anchoredAtEnd)
        }

        private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func next() -> UInt8? {
            defer { index += 1 }
            return peek
        }

        private mutating func atom() -> ASCIISet? {
            guard let byte = next() else { return nil }
            switch byte {
            case UInt8(ascii: "."): return ASCIISet.lineEnds.inverted
            case UInt8(ascii: "\\"): return escape()
            case UInt8(ascii: "["): return bracket()
            default: return ASCIISet.literals.contains(byte) ? ASCIISet(byte) : nil
            }
        }

        /// After a backslash: a class escape, or punctuation standing for itself.
        private mutating func escape() -> ASCIISet? {
            guard let byte = next() else { return nil }
            switch byte {
            case UInt8(ascii: "d"): return .digits
            case UInt8(ascii: "D"): return ASCIISet.digits.inverted
            case UInt8(ascii: "w"): return .word
            case UInt8(ascii: "W"): return ASCIISet.word.inverted
            case UInt8(ascii: "s"): return .space
            case UInt8(ascii: "S"): return ASCIISet.space.inverted
            default: return ASCIISet.escapablePunctuation.contains(byte) ? ASCIISet(byte) : nil
            }
        }

        /// `[…]` after its `[`: members and ranges of plain characters, class escapes, a leading `^`.
        /// ICU's set syntax (nested sets, `&&`, `--`, `[:name:]`, `\p`) is left to ICU.
        private mutating func bracket() -> ASCIISet? {
            let negated = peek == UInt8(ascii: "^")
            if negated { index += 1 }
            var members = ASCIISet()
            var first = true
            while let byte = next() {
                if byte == UInt8(ascii: "]") {
                    guard !first else { return nil }
                    return negated ? members.inverted : members
                }
                first = false
                let low: UInt8
                if byte == UInt8(ascii: "\\") {
                    // ICU reads `\s` inside brackets as Unicode white space (vertical tab too), and
                    // negated classes there by set rules: only `\d`, `\w` and punctuation are taken.
                    guard let escapedByte = peek, !ASCIISet("sSDW").contains(escapedByte), let escaped = escape() else { return nil }
                    guard let single = escaped.single else {
                        members.formUnion(escaped)
                        continue
                    }
                    low = single
                } else if byte == UInt8(ascii: "-") {
                    // Only as the last member, where it stands for itself.
                    guard peek == UInt8(ascii: "]") else { return nil }
                    members.insert(byte)
                    continue
                } else {
                    guard ASCIISet.bracketMembers.contains(byte) else { return nil }
                    low = byte
                }
                guard peek == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "]") else {
                    members.insert(low)
                    continue
                }
                index += 1
                guard let high = next(), ASCIISet.bracketMembers.contains(high), low <= high else { return nil }
                for member in low...high { members.insert(member) }
            }
            return nil
        }

        /// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` or none; nil for lazy and possessive forms,
        /// whose matches ICU finds differently.
        private mutating func quantifier() -> (Int, Int)? {
            let bounds: (Int, Int)
            switch peek {
            case UInt8(ascii: "?"): bounds = (0, 1)
            case UInt8(ascii: "*"): bounds = (0, .max)
            case UInt8(ascii: "+"): bounds = (1, .max)
            case UInt8(ascii: "{"):
                index += 1
                guard let minimum = number() else { return nil }
                var maximum = minimum
                if peek == UInt8(ascii: ",") {
                    index += 1
                    if peek == UInt8(ascii: "}") { maximum = .max } else {
                        guard let bound = number(), bound >= minimum else { return nil }
                        maximum = bound
                    }
                }
                guard peek == UInt8(ascii: "}") else { return nil }
                bounds = (minimum, maximum)
            default:
                return (1, 1)
            }
            index += 1
            if let byte = peek, byte == UInt8(ascii: "?") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "{") {
                return nil
            }
            return bounds
        }

        private mutating func number() -> Int? {
            var value = 0
            var digits = 0
            while let byte = peek, ASCIISet.digits.contains(byte), digits < 6 {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            return digits == 0 ? nil : value
        }
    }
}
