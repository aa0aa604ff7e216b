import AuditModel

/// Evidence locations as HTML that never breaks inside a token, on screen or in
/// print: a record key such as `[C-2026-0043]` or a `complaints-log-2026.csv:45`
/// split over two lines reads as two different things, and an auditor copying it
/// from a PDF gets neither.
///
/// Each token is a `white-space:nowrap` span (`.tok` in the HTML report's style
/// sheet): a line wraps between tokens only, and within a path only after a `/` (a
/// `<wbr>` between segments). Not even a hyphen breaks a token, so an automatic table
/// layout widens the column to the longest token; the fixed-layout tables give their
/// location columns room for the file names of real registers.
enum LocationMarkup {
    /// `file:line [key]` as tokens: the path's segments, the last with the line,
    /// then the record key; the evidence type when no file is cited.
    static func location(_ evidence: ObjectiveEvidence, file: String?) -> String {
        var text = file.map { path($0, suffix: evidence.line.map { ":\($0)" } ?? "") } ?? token(evidence.evidenceType)
        if let key = evidence.recordKey {
            text += " " + token("[\(key)]")
        }
        return text
    }

    /// A file path whose segments stay whole: `complaints/<wbr>complaints-log-2026.csv:45`.
    static func path(_ path: String, suffix: String = "") -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return segments.enumerated().map { position, segment in
            let last = position == segments.count - 1
            return token(last ? segment + suffix : segment + "/")
        }.joined(separator: "<wbr>")
    }

    /// One unbreakable token, escaped.
    static func token(_ text: String) -> String {
        "<span class=\"tok\">\(XMLMarkup.escape(text))</span>"
    }
}
