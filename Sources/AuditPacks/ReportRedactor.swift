import Foundation

/// Removes personal values from the reports a pack carries: finding statements and
/// evidence excerpts can quote them ("Customer property CP-012 of Jane Doe…").
///
/// The values are those the `EvidenceRedactor` took out of the pack's evidence copies;
/// each is replaced wherever it occurs as written, HTML-escaped or JSON-escaped, longest
/// first. Values shorter than three characters are left alone: they would match inside
/// unrelated words and markup.
struct ReportRedactor: Sendable {
    /// The spellings to replace, longest first (ties in code-point order, so the output is reproducible).
    let spellings: [String]

    init(values: Set<String>) {
        var spellings = Set<String>()
        for value in values where value.count >= 3 {
            spellings.insert(value)
            spellings.insert(PackIndexPage.escape(value))
            spellings.insert(Self.jsonEscaped(value))
            spellings.insert(PackIndexPage.escape(Self.jsonEscaped(value)))
            spellings.insert(Self.jsonEscaped(value).replacingOccurrences(of: "/", with: "\\/"))
            spellings.insert(value.replacingOccurrences(of: "\"", with: "\"\""))
        }
        self.spellings = spellings.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// `data` (UTF-8 text) with every spelling replaced by the redaction token.
    func redact(_ data: Data) -> Data {
        guard !spellings.isEmpty else { return data }
        var text = String(decoding: data, as: UTF8.self)
        for spelling in spellings where text.contains(spelling) {
            text = Self.replacingWholeWords(spelling, in: text)
        }
        return Data(text.utf8)
    }

    /// `text` with every occurrence of `spelling` that is not part of a longer word replaced by
    /// the token: a comment reading "Good" must not turn "Goods" into "[redacted]s".
    private static func replacingWholeWords(_ spelling: String, in text: String) -> String {
        var result = ""
        var position = text.startIndex
        var searchFrom = text.startIndex
        while let range = text.range(of: spelling, range: searchFrom..<text.endIndex) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : nil
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
            let joinsWord = { (character: Character?, edge: Character?) -> Bool in
                guard let character, let edge else { return false }
                return (character.isLetter || character.isNumber) && (edge.isLetter || edge.isNumber)
            }
            if joinsWord(before, spelling.first) || joinsWord(after, spelling.last) {
                searchFrom = text.index(after: range.lowerBound)
                continue
            }
            result += text[position..<range.lowerBound]
            result += EvidenceRedactor.token
            position = range.upperBound
            searchFrom = range.upperBound
        }
        result += text[position...]
        return result
    }

    private static func jsonEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
