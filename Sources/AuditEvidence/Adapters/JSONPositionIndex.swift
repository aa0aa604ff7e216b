import Foundation

/// Where each JSON value starts (line) and in which order object members appear,
/// keyed by JSON Pointer; found by one pass over the bytes, without recursion.
///
/// It also bounds nesting before Foundation parses anything, and on a syntax
/// error remembers the line, because `JSONSerialization`'s errors do not always carry one.
struct JSONPositionIndex {
    struct ScanError: Error {
        let message: String
        let line: Int
    }

    private var lines: [String: Int] = [:]
    private var keyOrder: [String: [String]] = [:]
    /// Line of the first structural problem seen, if any.
    private(set) var errorLine: Int?
    /// Line of the first string holding a `\u0000` escape, if any: the only way a NUL
    /// character gets into JSON text, and one that XML cannot hold (libxml2 would end
    /// the string there, and rules would see a value cut short).
    private(set) var escapedNULLine: Int?

    private enum Container {
        case object(pointer: String, pendingKey: String?)
        case array(pointer: String, count: Int)
    }

    init(_ data: [UInt8], maxDepth: Int) throws(ScanError) {
        var stack: [Container] = []
        var line = 1
        var index = 0
        var expectingKey = false

        /// Registers a value starting here and returns its pointer.
        func valueStarts(_ stack: inout [Container]) -> String {
            guard let top = stack.last else {
                lines[""] = line
                return ""
            }
            switch top {
            case let .object(pointer, pendingKey):
                let child = pointer + "/" + Self.escape(pendingKey ?? "")
                stack[stack.count - 1] = .object(pointer: pointer, pendingKey: nil)
                lines[child] = line
                return child
            case let .array(pointer, count):
                let child = pointer + "/\(count)"
                stack[stack.count - 1] = .array(pointer: pointer, count: count + 1)
                lines[child] = line
                return child
            }
        }

        while index < data.count {
            let byte = data[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                index += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let pointer = valueStarts(&stack)
                guard stack.count < maxDepth else {
                    throw ScanError(message: "JSON nested deeper than \(maxDepth) levels is refused", line: line)
                }
                stack.append(byte == UInt8(ascii: "{") ? .object(pointer: pointer, pendingKey: nil) : .array(pointer: pointer, count: 0))
                expectingKey = byte == UInt8(ascii: "{")
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if stack.popLast() == nil, errorLine == nil { errorLine = line }
                expectingKey = false
                index += 1
            case UInt8(ascii: ","):
                if case .object = stack.last { expectingKey = true }
                index += 1
            case UInt8(ascii: ":"):
                expectingKey = false
                index += 1
            case UInt8(ascii: "\""):
                let start = index + 1
                let (end, holdsNUL) = Self.endOfString(in: data, from: start)
                if holdsNUL, escapedNULLine == nil { escapedNULLine = line }
                if end >= data.count || data[end] != UInt8(ascii: "\"") {
                    if errorLine == nil { errorLine = line }
                    index = end
                    continue
                }
                if expectingKey, case let .object(pointer, _) = stack.last {
                    let key = Self.decodeString(Array(data[start..<end]))
                    keyOrder[pointer, default: []].append(key)
                    stack[stack.count - 1] = .object(pointer: pointer, pendingKey: key)
                    expectingKey = false
                } else {
                    _ = valueStarts(&stack)
                }
                index = end + 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            default:
                // A number, true, false or null.
                _ = valueStarts(&stack)
                while index < data.count, !Self.isDelimiter(data[index]) { index += 1 }
            }
        }
        if !stack.isEmpty, errorLine == nil { errorLine = line }
    }

    /// Line where the value at `pointer` starts.
    func line(of pointer: String) -> Int? {
        lines[pointer]
    }

    /// The keys of the object at `pointer` in source order (duplicates once);
    /// keys not seen by the scan follow, sorted.
    func orderedKeys(at pointer: String, available: [String]) -> [String] {
        var seen = Set<String>()
        var ordered: [String] = []
        let availableSet = Set(available)
        for key in keyOrder[pointer] ?? [] where availableSet.contains(key) && seen.insert(key).inserted {
            ordered.append(key)
        }
        for key in available.sorted() where !seen.contains(key) {
            ordered.append(key)
        }
        return ordered
    }

    /// RFC 6901 escaping of one reference token.
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }

    /// The line on which the document's value number `limit + 1` starts, if it has that
    /// many: objects, arrays, strings that are not keys, numbers, `true`, `false`, `null`.
    /// A quick pass of its own, so that a huge file is refused before any work is done for it.
    static func lineExceeding(values limit: Int, in data: [UInt8]) -> Int? {
        var values = 0
        var line = 1
        var index = 0
        var inToken = false
        while index < data.count {
            let byte = data[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                inToken = false
                // Past the closing quote; a line break ends a (broken) string too, and is counted below.
                let end = endOfString(in: data, from: index).end
                index = end < data.count && data[end] == UInt8(ascii: "\"") ? end + 1 : end
                values += 1
            case UInt8(ascii: ":"):
                // The string before it was a key, not a value.
                inToken = false
                values -= 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                inToken = false
                values += 1
            case UInt8(ascii: "\n"):
                inToken = false
                line += 1
            default:
                if isDelimiter(byte) {
                    inToken = false
                } else {
                    if !inToken { values += 1 }
                    inToken = true
                }
            }
            if values > limit { return line }
        }
        return nil
    }

    /// The line of the offset in a Foundation parse error ("… around character 81."), if it gives one.
    static func line(ofOffsetIn message: String, in data: [UInt8]) -> Int? {
        guard let marker = message.range(of: "around character ") else { return nil }
        guard let offset = Int(message[marker.upperBound...].prefix(while: \.isNumber)) else { return nil }
        return data.prefix(offset).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// Where the string whose contents start at `start` ends: the index of its closing
    /// quote, or of the line break or end of data that cuts it short; and whether it
    /// holds a `\u0000` escape.
    private static func endOfString(in data: [UInt8], from start: Int) -> (end: Int, holdsNUL: Bool) {
        var end = start
        var holdsNUL = false
        while end < data.count {
            let current = data[end]
            if current == UInt8(ascii: "\\") {
                if end + 5 < data.count, data[end + 1] == UInt8(ascii: "u"), data[(end + 2)...(end + 5)].allSatisfy({ $0 == UInt8(ascii: "0") }) {
                    holdsNUL = true
                }
                end += 2
                continue
            }
            if current == UInt8(ascii: "\"") || current == UInt8(ascii: "\n") { break }
            end += 1
        }
        return (min(end, data.count), holdsNUL)
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || isWhitespace(byte)
    }

    /// Decodes the body of a JSON string (escapes included).
    static func decodeString(_ bytes: [UInt8]) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var index = 0
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        var pendingHighSurrogate: UInt32?
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                raw.append(byte)
                index += 1
                continue
            }
            flush()
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "u"):
                guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                else { continue }
                index += 4
                if (0xD800...0xDBFF).contains(code) {
                    pendingHighSurrogate = code
                    continue
                }
                if (0xDC00...0xDFFF).contains(code), let high = pendingHighSurrogate {
                    let combined = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                    if let scalar = Unicode.Scalar(combined) { scalars.append(scalar) }
                } else if let scalar = Unicode.Scalar(code) {
                    scalars.append(scalar)
                }
                pendingHighSurrogate = nil
            default: scalars.append(Unicode.Scalar(escape))
            }
        }
        flush()
        return String(scalars)
    }
}
