/// Finds start tags with more attributes than a limit, before libxml2 sees the bytes.
///
/// libxml2 2.9 handles the attributes of one start tag in quadratic time: each is
/// compared with every earlier one (the uniqueness check) and appended by walking the
/// element's attribute list. One tag with 200,000 attributes (a 2.4 MB file) takes
/// minutes, and no parser option or SAX hook runs before that work is done, so the
/// bytes are scanned first: one pass that skips text, comments, CDATA sections,
/// processing instructions, declarations and quoted values, and counts the `=` of
/// each start tag (namespace declarations included).
///
/// 8-bit encodings (UTF-8, Latin-1, …) are scanned byte by byte (`Chunked`, which also
/// reads a document that arrives in chunks); UTF-16 and UTF-32 by code unit when a
/// byte-order mark or the `<` of the first character shows them. The scan only bounds
/// work: it never decides whether a document is well-formed.
enum AttributeCountGuard {
    /// The 1-based line of the first start tag with more than `limit` attributes, or nil.
    static func lineOfCrowdedStartTag(in bytes: UnsafeRawBufferPointer, limit: Int) -> Int? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return nil }
        guard Chunked.isByteOriented(bytes) else {
            let units = Units(base: base, count: bytes.count)
            guard let offset = units.crowdedStartTag(limit: limit) else { return nil }
            return units.line(at: offset)
        }
        var scan = Chunked(limit: limit)
        return scan.scan(bytes)
    }

    /// How a document's code units are laid out, from its first bytes: their width (1, 2 or
    /// 4 bytes), byte order, and the byte offset of the first after any byte-order mark.
    static func unitLayout(_ first: some Collection<UInt8>) -> (width: Int, bigEndian: Bool, start: Int) {
        let first = Array(first.prefix(4))
        switch true {
        case first.starts(with: [0x00, 0x00, 0xFE, 0xFF]): return (4, true, 4)
        case first.starts(with: [0xFF, 0xFE, 0x00, 0x00]): return (4, false, 4)
        case first.starts(with: [0x00, 0x00, 0x00, 0x3C]): return (4, true, 0)
        case first.starts(with: [0x3C, 0x00, 0x00, 0x00]): return (4, false, 0)
        case first.starts(with: [0xFE, 0xFF]): return (2, true, 2)
        case first.starts(with: [0xFF, 0xFE]): return (2, false, 2)
        case first.starts(with: [0x00, 0x3C]): return (2, true, 0)
        case first.starts(with: [0x3C, 0x00]): return (2, false, 0)
        default: return (1, false, 0)
        }
    }

    /// What ends each construct the scan skips, made once rather than at every tag.
    private enum Terminator {
        static let comment = Array("-->".utf8)
        static let cdata = Array("]]>".utf8)
        static let processingInstruction = Array("?>".utf8)
        static let tag = Array(">".utf8)
    }

    /// A UTF-16 or UTF-32 document's bytes read as code units of one width and byte order.
    private struct Units {
        let base: UnsafePointer<UInt8>
        let count: Int
        /// Bytes per code unit: 2 or 4.
        let width: Int
        let bigEndian: Bool
        /// Byte offset of the first code unit after any byte-order mark.
        let start: Int

        init(base: UnsafePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
            (width, bigEndian, start) = AttributeCountGuard.unitLayout(UnsafeBufferPointer(start: base, count: count))
        }

        /// The code unit at byte offset `offset` (which must leave room for a whole unit).
        func unit(_ offset: Int) -> UInt32 {
            var value: UInt32 = 0
            for index in 0..<width {
                value = value << 8 | UInt32(base[offset + (bigEndian ? index : width - 1 - index)])
            }
            return value
        }

        /// Byte offset just past the last whole code unit.
        var end: Int { count - (count - start) % width }

        /// Byte offset of the first `target` unit at or after `offset`.
        func find(_ target: UInt8, from offset: Int) -> Int? {
            var position = offset
            while position < end {
                if unit(position) == UInt32(target) { return position }
                position += width
            }
            return nil
        }

        /// Byte offset just past the first occurrence of the ASCII `expected` at or after `offset`.
        func skip(past expected: [UInt8], from offset: Int) -> Int? {
            var position = offset
            while let found = find(expected[0], from: position) {
                let last = found + (expected.count - 1) * width
                if last < end, (1..<expected.count).allSatisfy({ unit(found + $0 * width) == UInt32(expected[$0]) }) {
                    return last + width
                }
                position = found + width
            }
            return nil
        }

        /// Whether the ASCII `text` is at byte offset `offset`.
        func matches(_ text: String, at offset: Int) -> Bool {
            var position = offset
            for byte in text.utf8 {
                guard position < end, unit(position) == UInt32(byte) else { return false }
                position += width
            }
            return true
        }

        /// Byte offset of the `<` of the first start tag with more than `limit` attributes.
        func crowdedStartTag(limit: Int) -> Int? {
            let less = UInt8(ascii: "<")
            var position = start
            while let open = find(less, from: position) {
                let next = open + width
                guard next < end else { return nil }
                let kind = unit(next)
                if kind == UInt32(UInt8(ascii: "!")) {
                    // A comment, a CDATA section or a declaration (a DOCTYPE, which the parser refuses).
                    let terminator = matches("!--", at: next) ? Terminator.comment : matches("![CDATA[", at: next) ? Terminator.cdata : Terminator.tag
                    guard let after = skip(past: terminator, from: next) else { return nil }
                    position = after
                    continue
                }
                if kind == UInt32(UInt8(ascii: "?")) {
                    guard let after = skip(past: Terminator.processingInstruction, from: next) else { return nil }
                    position = after
                    continue
                }
                if kind == UInt32(UInt8(ascii: "/")) {
                    guard let after = skip(past: Terminator.tag, from: next) else { return nil }
                    position = after
                    continue
                }
                // A start tag: count `=` outside quoted values, up to its `>`.
                var attributes = 0
                var cursor = next
                while cursor < end {
                    let current = unit(cursor)
                    if current == UInt32(UInt8(ascii: ">")) || current == UInt32(less) { break }
                    if current == UInt32(UInt8(ascii: "=")) {
                        attributes += 1
                        if attributes > limit { return open }
                    } else if current == UInt32(UInt8(ascii: "\"")) || current == UInt32(UInt8(ascii: "'")) {
                        guard let closing = find(UInt8(truncatingIfNeeded: current), from: cursor + width) else { return nil }
                        cursor = closing
                    }
                    cursor += width
                }
                position = cursor
            }
            return nil
        }

        /// 1-based line of byte offset `offset`.
        func line(at offset: Int) -> Int {
            var line = 1
            var position = start
            while let newline = find(UInt8(ascii: "\n"), from: position), newline < offset {
                line += 1
                position = newline + width
            }
            return line
        }
    }
}
