import Foundation

/// How commands lay out what they print, for people (columns) and for scripts (JSON), so that
/// `history` and `sample-sites` print alike.
enum PlainText {
    /// `text` padded with spaces to `width` characters: on the right (left-aligned), or on the
    /// left with `right` (right-aligned, for numbers).
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }

    /// A versioned document as pretty JSON: sorted keys, slashes unescaped, dates in ISO 8601,
    /// and a final newline.
    static func json(_ document: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
