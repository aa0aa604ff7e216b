/// Builds XML (and the XML-compatible parts of HTML) as text, with the one
/// escaping routine every markup format shares, so that evidence text such as
/// `<script>` or `&` in a complaint never changes the structure of a report.
///
/// Reports are built by hand rather than with libxml2 because `AuditReports`
/// must not depend on the engine's C libraries; the escaping here is the
/// complete set XML 1.0 needs.
struct XMLMarkup {
    private(set) var text: String
    private var open: [String] = []
    private let indentation: String

    /// Starts a document, with the XML declaration unless `declaration` is false.
    init(declaration: Bool = true, indentation: String = "  ") {
        text = declaration ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        self.indentation = indentation
    }

    /// Opens `name` with `attributes`; attributes whose value is nil are left out.
    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        text += indent + "<" + name + Self.attributes(attributes) + ">\n"
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func end() {
        guard let name = open.popLast() else {
            preconditionFailure("XMLMarkup.end() without an open element")
        }
        text += indent + "</" + name + ">\n"
    }

    /// An element with text content (escaped) on one line, or empty when `content` is nil.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text content: String? = nil) {
        if let content {
            text += indent + "<" + name + Self.attributes(attributes) + ">" + Self.escape(content) + "</" + name + ">\n"
        } else {
            text += indent + "<" + name + Self.attributes(attributes) + "/>\n"
        }
    }

    /// Appends markup that the caller has already escaped.
    mutating func raw(_ markup: String) {
        text += markup
    }

    private var indent: String { String(repeating: indentation, count: open.count) }

    private static func attributes(_ attributes: KeyValuePairs<String, String?>) -> String {
        var result = ""
        for (name, value) in attributes {
            guard let value else { continue }
            result += " " + name + "=\"" + escapeAttribute(value) + "\""
        }
        return result
    }

    /// Escapes text for element content or a quoted attribute value: `& < > " '`
    /// become references, and characters XML 1.0 forbids (C0 controls other than
    /// tab, line feed and carriage return; U+FFFE and U+FFFF) become U+FFFD.
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                result.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    /// Like `escape`, and also keeps tab and line breaks from being normalised to
    /// spaces by attribute-value normalisation.
    static func escapeAttribute(_ value: String) -> String {
        var result = ""
        for scalar in escape(value).unicodeScalars {
            switch scalar {
            case "\t": result += "&#9;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x0...0x1F: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    /// `value` made into an XML NCName (letters, digits, `.`, `-`, `_`; not
    /// starting with a digit, `.` or `-`), for ids built from rule and item ids.
    static func ncName(_ value: String, prefix: String = "x") -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            let ascii = scalar.isASCII
            let letter = ascii && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar))
            let digit = ascii && ("0"..."9").contains(scalar)
            if letter || digit || scalar == "." || scalar == "-" || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else {
                result += "_"
            }
        }
        guard let first = result.unicodeScalars.first,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_"
        else {
            return prefix + "-" + result
        }
        return result
    }
}
