extension String {
    /// The text without leading and trailing white space and line breaks: Unicode's
    /// White_Space and the zero-width space, the set Foundation calls `.whitespacesAndNewlines`.
    ///
    /// Foundation's `trimmingCharacters(in:)` bridges through NSString and copies the
    /// text twice; reading a large CSV trims every cell, and that bridge was an eighth of
    /// the whole run. This looks at the two ends first and returns the text uncopied when
    /// there is nothing to trim, as there almost never is.
    public func trimmingWhitespace() -> String {
        guard let first = utf8.first, let last = utf8.last else { return "" }
        // Printable ASCII at both ends: nothing to trim.
        if (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last) { return self }
        let scalars = unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace || scalar == "\u{200B}" }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex { !isSpace($0) } ?? start
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

extension Substring {
    /// `String.trimmingWhitespace()` of this part of a text.
    public func trimmingWhitespace() -> String {
        String(self).trimmingWhitespace()
    }
}
