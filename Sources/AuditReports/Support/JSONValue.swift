/// A JSON value built by hand, for documents with many kebab-case keys and
/// optional members (OSCAL) where a Codable struct per object would only add noise.
/// Nil members of an object literal are left out; encoding with `.sortedKeys`
/// makes the output deterministic.
enum JSONValue: Encodable, Sendable, Hashable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .integer(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// An array, or nil when `values` is empty (formats such as OSCAL forbid empty arrays).
    static func nonEmpty(_ values: [JSONValue]) -> JSONValue? {
        values.isEmpty ? nil : .array(values)
    }
}

extension JSONValue: ExpressibleByStringInterpolation {
    init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension JSONValue: ExpressibleByArrayLiteral {
    init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (String, JSONValue?)...) {
        var object: [String: JSONValue] = [:]
        for (key, value) in elements {
            if let value { object[key] = value }
        }
        self = .object(object)
    }
}
