/// Turns arbitrary labels (CSV headers, JSON keys) into valid XML element names.
public enum XMLName {
    /// A lower-case NCName derived from `label`: letters, digits, `-`, `_` and `.`
    /// are kept, runs of anything else become one `-`, and a name that would not
    /// start with a letter or `_` is prefixed with `_`.
    ///
    /// `"Date received"` → `date-received`, `"NPS (0-10)"` → `nps-0-10`, `"2nd"` → `_2nd`.
    public static func sanitized(_ label: String) -> String {
        var result = ""
        var pendingSeparator = false
        for scalar in label.unicodeScalars {
            let isNameCharacter =
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
                || scalar == "."
            if isNameCharacter {
                if pendingSeparator && !result.isEmpty { result.append("-") }
                pendingSeparator = false
                result.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingSeparator = true
            }
        }
        if result.isEmpty { return "_" }
        if let first = result.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") {
            result = "_" + result
        }
        if result.lowercased().hasPrefix("xml") { result = "_" + result }
        return result
    }
}
