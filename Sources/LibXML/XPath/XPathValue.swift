/// The result of an XPath 1.0 expression, converted to Swift values.
public enum XPathValue {
    case nodes([XMLNode])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// XPath `string()` of the value.
    public var string: String {
        switch self {
        case let .nodes(nodes): return nodes.first?.stringValue ?? ""
        case let .string(value): return value
        case let .number(value): return XPathValue.format(value)
        case let .boolean(value): return value ? "true" : "false"
        }
    }

    /// XPath `number()` of the value (NaN when it is not a number).
    public var number: Double {
        switch self {
        case .nodes, .string: return XPathValue.parseNumber(string)
        case let .number(value): return value
        case let .boolean(value): return value ? 1 : 0
        }
    }

    /// XPath `boolean()` of the value.
    public var boolean: Bool {
        switch self {
        case let .nodes(nodes): return !nodes.isEmpty
        case let .string(value): return !value.isEmpty
        case let .number(value): return value != 0 && !value.isNaN
        case let .boolean(value): return value
        }
    }

    /// The nodes, or an empty list for atomic values.
    public var nodes: [XMLNode] {
        if case let .nodes(nodes) = self { return nodes }
        return []
    }

    /// Formats a number the way people read measurements: integers without a
    /// decimal point, others with up to two decimals, `NaN` as `NaN`. Magnitudes
    /// of 10¹⁸ and more, beyond `Int64`, use exponent notation (`1e+20`).
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if abs(value) >= 1e18 { return "\(value)" }
        let rounded = (value * 100).rounded() / 100
        // Doubles of 2⁵² and more are integers, so the two-decimal path below only
        // sees magnitudes whose hundredths fit in an Int64.
        if rounded == rounded.rounded() {
            return String(Int64(rounded))
        }
        var text = String(format2: rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// XPath 1.0 `number()` of a string: optional white space, optional minus,
    /// digits with an optional fraction; anything else is NaN.
    public static func parseNumber(_ text: String) -> Double {
        let trimmed = text.trimmingCharacters(in: [" ", "\t", "\n", "\r"])
        guard !trimmed.isEmpty else { return .nan }
        var sawDigit = false
        var sawPoint = false
        for (index, character) in trimmed.enumerated() {
            if character == "-" && index == 0 { continue }
            if character == "." && !sawPoint { sawPoint = true; continue }
            guard character.isASCII, character.isNumber else { return .nan }
            sawDigit = true
        }
        guard sawDigit else { return .nan }
        return Double(trimmed) ?? .nan
    }
}

extension String {
    fileprivate init(format2 value: Double) {
        let scaled = Int64((abs(value) * 100).rounded())
        let whole = scaled / 100
        let fraction = scaled % 100
        self = (value < 0 ? "-" : "") + "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// Trims leading and trailing characters in `set`, scalar by scalar: Swift joins
    /// CR LF into one `Character`, which a set of single characters does not contain.
    func trimmingCharacters(in set: Set<Character>) -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, set.contains(Character(first)) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(Character(last)) { scalars.removeLast() }
        return String(scalars)
    }
}
