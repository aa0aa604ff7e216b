/// Escapes evidence text for Markdown (GitHub-flavoured, as in pull-request
/// comments, job summaries and SARIF `help.markdown`), so that text from
/// complaint logs cannot inject links, HTML, emphasis or table cells.
enum MarkdownText {
    /// Backslash-escapes Markdown punctuation, writes `<`, `>` and `&` as
    /// entities (GitHub renders inline HTML), and folds line breaks to spaces
    /// so a value stays inside its table cell or list item.
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "!":
                result += "\\" + String(scalar)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\n", "\r", "\t": result += " "
            default:
                result.unicodeScalars.append(scalar.value < 0x20 ? "\u{FFFD}" : scalar)
            }
        }
        return result
    }

    /// `value` as inline code (outside tables): backtick-fenced with a fence
    /// longer than any run of backticks inside it, line breaks folded.
    static func code(_ value: String) -> String {
        let folded = value.map { $0.isNewline ? " " : String($0) }.joined()
        var longest = 0
        var current = 0
        for character in folded {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = folded.hasPrefix("`") || folded.hasSuffix("`") ? " " : ""
        return fence + padding + folded + padding + fence
    }
}
