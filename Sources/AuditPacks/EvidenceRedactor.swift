public import AuditModel
public import Foundation

/// Replaces the values of personal fields in a copy of an evidence file by `[redacted]`,
/// keeping everything else byte for byte: record keys, dates, the values rules measured,
/// and the line every record starts on, so findings still cite the right line.
///
/// CSV cells, JSON string members and XML elements or attributes named as a personal
/// field (or one of its aliases) are redacted; an empty value stays empty, and a value
/// that spans lines keeps its line breaks. Office files (XLSX, ODS, DOCX, ODT) are not
/// redacted: `redact` refuses them, and the pack leaves them out (fail closed).
public struct EvidenceRedactor: Sendable {
    /// What replaces a personal value.
    public static let token = "[redacted]"

    /// A redacted copy and the personal values it no longer holds.
    public struct Redacted: Sendable, Hashable {
        public var data: Data
        /// The original values, as the file wrote them and unescaped, for redacting reports that quote them.
        public var values: Set<String>
    }

    /// Why a file cannot be redacted, so that it is left out of the pack.
    public enum Refusal: Error, Sendable, Hashable {
        case unsupportedFormat(EvidenceFormat)
        /// A personal field is in no column the redactor can recognise (a register `<map>` may rename it).
        case fieldNotFound(String)
        /// A personal element holds markup (child elements, CDATA) the redactor does not rewrite.
        case structuredValue(String)
        case notUTF8

        /// How `run.json` and `index.html` explain the file's absence.
        public var reason: String {
            let tail = "use --no-redact to include it"
            switch self {
            case let .unsupportedFormat(format):
                return "not included: holds personal data that cannot be redacted in \(format.rawValue.uppercased()) files yet; \(tail)"
            case let .fieldNotFound(field):
                return "not included: the personal field '\(field)' is in no column whose header names it, so it cannot be redacted; \(tail)"
            case let .structuredValue(field):
                return "not included: the personal element '\(field)' holds markup that cannot be redacted; \(tail)"
            case .notUTF8:
                return "not included: holds personal data and is not UTF-8, so it cannot be redacted; \(tail)"
            }
        }
    }

    /// The personal fields to redact.
    public let fields: [EvidenceContract.Field]

    public init(fields: [EvidenceContract.Field]) {
        self.fields = fields
    }

    /// The redacted copy of `data`, an evidence file in `format`.
    ///
    /// - Parameter delimiter: The CSV delimiter the register gives, `,` when nil.
    /// - Throws: `Refusal` when the file cannot be redacted with certainty.
    public func redact(_ data: Data, format: EvidenceFormat, delimiter: String? = nil) throws(Refusal) -> Redacted {
        if fields.isEmpty { return Redacted(data: data, values: []) }
        switch format {
        case .csv: return try redactCSV(data, delimiter: delimiter?.utf8.first ?? UInt8(ascii: ","))
        case .json: return try redactJSON(data)
        case .xml: return try redactXML(data)
        case .xlsx, .docx, .ods, .odt: throw .unsupportedFormat(format)
        }
    }

    /// The names a personal field can appear under, normalized.
    private func names(of field: EvidenceContract.Field) -> [String] {
        ([field.name] + field.aliases).map(Self.normalized)
    }

    /// `Customer name` → `customer-name`: lowercase, runs of other characters as one `-`.
    static func normalized(_ label: String) -> String {
        var result = ""
        var pendingDash = false
        for character in label.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else {
                pendingDash = true
            }
        }
        return result
    }

    // MARK: CSV

    private struct Cell {
        var range: Range<Int>
        var isQuoted: Bool
    }

    private func redactCSV(_ data: Data, delimiter: UInt8) throws(Refusal) -> Redacted {
        let bytes = [UInt8](data)
        let records = Self.csvRecords(bytes, delimiter: delimiter)
        guard let header = records.first else { return Redacted(data: data, values: []) }
        let labels = header.map { cell in
            Self.normalized(Self.cellText(bytes, cell).replacingOccurrences(of: "\u{FEFF}", with: ""))
        }
        var personalColumns = Set<Int>()
        for field in fields {
            // Every column that could hold the field: redacting one too many is safe, one too few is not.
            let names = Set(names(of: field))
            let columns = labels.indices.filter { names.contains(labels[$0]) }
            guard !columns.isEmpty else { throw .fieldNotFound(field.name) }
            personalColumns.formUnion(columns)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        var values = Set<String>()
        for record in records.dropFirst() {
            for (column, cell) in record.enumerated() where personalColumns.contains(column) {
                let text = Self.cellText(bytes, cell)
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                values.formUnion(Self.variants(of: text))
                output += bytes[position..<cell.range.lowerBound]
                let breaks = Self.lineBreaks(in: bytes[cell.range])
                let quoted = cell.isQuoted || !breaks.isEmpty
                let quote: [UInt8] = quoted ? [UInt8(ascii: "\"")] : []
                output += quote
                output += Array(Self.token.utf8)
                output += breaks
                output += quote
                position = cell.range.upperBound
            }
        }
        output += bytes[position...]
        return Redacted(data: Data(output), values: values)
    }

    /// The line breaks in `bytes`, in order (`\r\n`, `\n` or `\r` each as written).
    private static func lineBreaks(in bytes: ArraySlice<UInt8>) -> [UInt8] {
        var breaks: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\r") {
                breaks.append(byte)
                if index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "\n") {
                    breaks.append(UInt8(ascii: "\n"))
                    index += 1
                }
            } else if byte == UInt8(ascii: "\n") {
                breaks.append(byte)
            }
            index += 1
        }
        return breaks
    }

    /// A cell's value: unquoted, `""` read as `"`.
    private static func cellText(_ bytes: [UInt8], _ cell: Cell) -> String {
        var slice = bytes[cell.range]
        if cell.isQuoted, slice.count >= 2 {
            slice = slice.dropFirst().dropLast()
            return String(decoding: slice, as: UTF8.self).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return String(decoding: slice, as: UTF8.self)
    }

    /// Records of an RFC 4180 file as byte ranges of their cells (quotes included); blank lines are not records.
    private static func csvRecords(_ bytes: [UInt8], delimiter: UInt8) -> [[Cell]] {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var records: [[Cell]] = []
        var record: [Cell] = []
        var index = 0
        var cellStart = 0
        var inQuotes = false
        var quotedCell = false
        var atCellStart = true
        func endCell(_ end: Int) {
            record.append(Cell(range: cellStart..<end, isQuoted: quotedCell))
        }
        func endRecord(_ end: Int) {
            endCell(end)
            if !(record.count == 1 && record[0].range.isEmpty) { records.append(record) }
            record = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        index += 2
                        continue
                    }
                    inQuotes = false
                }
                index += 1
                continue
            }
            if atCellStart, byte == quote {
                inQuotes = true
                quotedCell = true
                atCellStart = false
                index += 1
                continue
            }
            atCellStart = false
            if byte == delimiter {
                endCell(index)
                index += 1
                cellStart = index
                quotedCell = false
                atCellStart = true
            } else if byte == lf || byte == cr {
                endRecord(index)
                index += (byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf) ? 2 : 1
                cellStart = index
                quotedCell = false
                atCellStart = true
            } else {
                index += 1
            }
        }
        if cellStart < bytes.count || !record.isEmpty { endRecord(bytes.count) }
        return records
    }

    // MARK: JSON

    /// Redacts the string values of members named as a personal field, wherever they are.
    private func redactJSON(_ data: Data) throws(Refusal) -> Redacted {
        let bytes = [UInt8](data)
        let personal = Set(fields.flatMap(names(of:)))
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var values = Set<String>()
        var found = Set<String>()
        var index = 0
        var position = 0
        /// The end (after the closing quote) of the string starting at `start`.
        func stringEnd(_ start: Int) -> Int {
            var cursor = start + 1
            while cursor < bytes.count {
                if bytes[cursor] == backslash {
                    cursor += 2
                    continue
                }
                if bytes[cursor] == quote { return cursor + 1 }
                cursor += 1
            }
            return bytes.count
        }
        func skipSpace(_ start: Int) -> Int {
            var cursor = start
            while cursor < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[cursor]) { cursor += 1 }
            return cursor
        }
        while index < bytes.count {
            guard bytes[index] == quote else {
                index += 1
                continue
            }
            let end = stringEnd(index)
            let afterKey = skipSpace(end)
            guard afterKey < bytes.count, bytes[afterKey] == UInt8(ascii: ":") else {
                index = end
                continue
            }
            let key = Self.normalized(Self.jsonText(bytes[(index + 1)..<max(index + 1, end - 1)]))
            let valueStart = skipSpace(afterKey + 1)
            guard personal.contains(key) else {
                index = valueStart
                continue
            }
            found.insert(key)
            guard valueStart < bytes.count, bytes[valueStart] == quote else {
                index = valueStart
                continue
            }
            let valueEnd = stringEnd(valueStart)
            let text = Self.jsonText(bytes[(valueStart + 1)..<max(valueStart + 1, valueEnd - 1)])
            if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                values.formUnion(Self.variants(of: text))
                values.insert(String(decoding: bytes[(valueStart + 1)..<max(valueStart + 1, valueEnd - 1)], as: UTF8.self))
                output += bytes[position..<valueStart]
                output += "\"\(Self.token)\"".utf8
                position = valueEnd
            }
            index = valueEnd
        }
        output += bytes[position...]
        for field in fields where Set(names(of: field)).isDisjoint(with: found) {
            throw .fieldNotFound(field.name)
        }
        return Redacted(data: Data(output), values: values)
    }

    /// A JSON string's content, unescaped (`\uXXXX` included, surrogate pairs joined).
    private static func jsonText(_ bytes: ArraySlice<UInt8>) -> String {
        let raw = String(decoding: bytes, as: UTF8.self)
        guard raw.contains("\\"), let data = "\"\(raw)\"".data(using: .utf8),
            let text = try? JSONDecoder().decode(String.self, from: data)
        else { return raw }
        return text
    }

    // MARK: XML

    /// Redacts the text of elements and the values of attributes named as a personal field.
    private func redactXML(_ data: Data) throws(Refusal) -> Redacted {
        guard var text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        var values = Set<String>()
        for field in fields {
            let name = NSRegularExpression.escapedPattern(for: field.name)
            if field.isAttribute {
                text = Self.replace(#"(\s(?:[\w.-]+:)?\#(name)\s*=\s*)(?:"([^"]*)"|'([^']*)')"#, in: text, valueGroups: [2, 3], values: &values)
            } else {
                let opening = Self.count(#"<(?:[\w.-]+:)?\#(name)(?:\s[^>]*)?(?<!/)>"#, in: text)
                var replaced = 0
                text = Self.replace(
                    #"(<((?:[\w.-]+:)?\#(name))(?:\s[^>]*)?(?<!/)>)([^<]*)(</\2\s*>)"#, in: text, valueGroups: [3], values: &values,
                    counted: &replaced)
                // Every opening tag of the element must have been a plain text value.
                guard replaced == opening else { throw .structuredValue(field.name) }
            }
        }
        return Redacted(data: Data(text.utf8), values: values)
    }

    private static func count(_ pattern: String, in text: String) -> Int {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return 0 }
        return expression.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    private static func replace(_ pattern: String, in text: String, valueGroups: [Int], values: inout Set<String>) -> String {
        var ignored = 0
        return replace(pattern, in: text, valueGroups: valueGroups, values: &values, counted: &ignored)
    }

    /// `text` with the first matched of `valueGroups` in every match of `pattern` replaced by the token (its line breaks kept),
    /// empty values left alone; `counted` is the number of matches, empty or not.
    private static func replace(
        _ pattern: String, in text: String, valueGroups: [Int], values: inout Set<String>, counted: inout Int
    ) -> String {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
        let source = text as NSString
        let matches = expression.matches(in: text, range: NSRange(location: 0, length: source.length))
        counted = matches.count
        var result = ""
        var position = 0
        for match in matches {
            guard let range = valueGroups.lazy.map({ match.range(at: $0) }).first(where: { $0.location != NSNotFound }) else { continue }
            let value = source.substring(with: range)
            guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            values.formUnion(variants(of: value))
            values.formUnion(variants(of: xmlUnescaped(value.trimmingCharacters(in: .whitespacesAndNewlines))))
            result += source.substring(with: NSRange(location: position, length: range.location - position))
            result += token + String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 == "\n" || $0 == "\r" }))
            position = range.location + range.length
        }
        result += source.substring(from: position)
        return result
    }

    private static func xmlUnescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A value as reports may quote it: as written, trimmed, and with its whitespace collapsed.
    private static func variants(of text: String) -> Set<String> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let collapsed = trimmed.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return [text, trimmed, collapsed]
    }
}
