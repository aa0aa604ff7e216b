public import CalendarDates

/// A typed, named value rules refer to as `$name`, with a default a profile may override.
public struct Parameter: Sendable, Hashable {
    public var name: String
    public var type: ParameterType
    public var defaultValue: ParameterValue
    public var description: String
    public var location: SourceLocation

    public init(name: String, type: ParameterType, defaultValue: ParameterValue, description: String, location: SourceLocation) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.description = description
        self.location = location
    }
}

/// The types a parameter can have.
public enum ParameterType: String, Sendable, Hashable, Codable, CaseIterable {
    case integer
    case decimal
    case percentage
    case duration
    case date
    case string
    case boolean

    /// Parses `text` as a value of this type, or nil when it is not one.
    public func parse(_ text: String) -> ParameterValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlinesSet)
        switch self {
        case .integer: return Int(trimmed).map { .integer($0) }
        case .decimal: return Double(trimmed).flatMap { $0.isFinite ? .decimal($0) : nil }
        case .percentage:
            return Double(trimmed).flatMap { (0...100).contains($0) ? .percentage($0) : nil }
        case .duration: return ISODuration(iso: trimmed).map { .duration($0) }
        case .date: return CalendarDate(iso: trimmed).map { .date($0) }
        case .string: return .string(text)
        case .boolean:
            switch trimmed {
            case "true", "1": return .boolean(true)
            case "false", "0": return .boolean(false)
            default: return nil
            }
        }
    }
}

/// A parameter's value.
public enum ParameterValue: Sendable, Hashable {
    case integer(Int)
    case decimal(Double)
    case percentage(Double)
    case duration(ISODuration)
    case date(CalendarDate)
    case string(String)
    case boolean(Bool)

    /// The value as written in a ruleset or shown in a report.
    public var text: String {
        switch self {
        case let .integer(value): return String(value)
        case let .decimal(value), let .percentage(value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case let .duration(value): return value.description
        case let .date(value): return value.description
        case let .string(value): return value
        case let .boolean(value): return value ? "true" : "false"
        }
    }
}

extension Set where Element == Character {
    static let whitespacesAndNewlinesSet: Set<Character> = [" ", "\t", "\n", "\r", "\r\n"]
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
