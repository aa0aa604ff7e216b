public import AuditModel
import CalendarDates
import Foundation

/// Reads one field's values as its contract types them, under the conventions the
/// register declares: `30/11/2026` becomes `2026-11-30`, `24,5` becomes `24.5`,
/// `Yes` becomes `yes`. Empty values are absent values, never invalid.
public struct FieldValueReader {
    let field: EvidenceContract.Field
    let conventions: ValueConventions
    /// The organization's words (lower-cased) → contract values.
    let valueMap: [String: String]
    /// Whether the source is a workbook, whose plain numbers in a date field are serial days.
    let isSpreadsheet: Bool
    /// An enum's values by their lower-case form: values match whatever their case.
    private let enumValues: [String: String]

    enum Outcome: Equatable {
        /// The value is already in the contract's form.
        case unchanged
        /// The value in the contract's form.
        case normalized(String)
        /// The value cannot be read as the field's type; says what was expected.
        case invalid(expected: String)
    }

    init(field: EvidenceContract.Field, item: EvidenceItem, isSpreadsheet: Bool) {
        self.field = field
        let mapping = item.mapping(for: field.name)
        conventions = item.conventions.overridden(by: mapping?.conventions ?? ValueConventions())
        valueMap = Dictionary(
            (mapping?.values ?? [:]).map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.isSpreadsheet = isSpreadsheet
        enumValues = Dictionary(field.values.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether reading can change or refuse a value at all; text and ids are taken as they are.
    var isNeeded: Bool {
        !(field.type == .text || field.type == .id) || !valueMap.isEmpty
    }

    func read(_ raw: String) -> Outcome {
        let value = raw.trimmingWhitespace()
        if value.isEmpty { return .unchanged }
        if !valueMap.isEmpty, let mapped = valueMap[value.lowercased()] {
            // A word mapped to something the contract does not know is as unreadable as the word.
            let canonical: String?
            switch field.type {
            case .enum: canonical = enumValues[mapped.lowercased()]
            case .boolean: canonical = Self.boolean(mapped)
            default: canonical = mapped
            }
            guard let canonical else {
                return .invalid(expected: "readable: the register maps it to '\(mapped)', which is not \(expectedForm(for: mapped)); correct the <value to=…>")
            }
            return canonical == raw ? .unchanged : .normalized(canonical)
        }
        let result: String?
        switch field.type {
        case .text, .id:
            return .unchanged
        case .date: result = date(value)
        case .datetime: result = dateTime(value)
        case .number: result = number(value)
        case .integer: result = number(value).flatMap(Self.integer)
        case .percent: result = number(value.hasSuffix("%") ? value.dropLast().trimmingWhitespace() : value)
        case .enum: result = enumValues[value.lowercased()]
        case .boolean: result = Self.boolean(value)
        }
        guard let result else { return .invalid(expected: expectedForm(for: value)) }
        return result == raw ? .unchanged : .normalized(result)
    }

    /// What the value should have looked like, with the register setting that would read it when one would.
    func expectedForm(for value: String) -> String {
        switch field.type {
        case .date:
            let declared = conventions.dateFormat ?? .iso
            var text = "a date written \(declared.rawValue)"
            if declared == .iso, let hint = Self.dateFormatHint(value) { text += "; if the file writes dates \(hint.rawValue), declare date-format=\"\(hint.rawValue)\"" }
            return text
        case .number, .percent, .integer:
            var text = field.type.expectedForm
            if conventions.decimalSeparator == nil, value.contains(",") {
                let parts = value.split(separator: ",")
                let thousands = parts.count > 1 && parts.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isNumber) }
                text += thousands
                    ? "; if the file groups thousands with commas, declare thousands-separator=\",\""
                    : "; if the file writes decimal commas, declare decimal-separator=\",\""
            }
            return text
        case .enum:
            return "one of \(field.values.joined(separator: ", ")) (case does not matter); map other words with <value from=\"…\" to=\"…\"/>"
        default:
            return field.type.expectedForm
        }
    }

    // MARK: - Types

    private func date(_ value: String) -> String? {
        if isSpreadsheet || conventions.dateFormat == .excelSerial, let serial = Double(value) {
            return ExcelNumberFormat.date(serial: serial, uses1904: false).map { String($0.prefix(10)) }
        }
        // A date-time in a date field: the date where the organization is.
        if value.count > 10, value.dropFirst(10).first == "T" || value.dropFirst(10).first == " " {
            return Self.dateOfDateTime(value, timeZone: conventions.timeZone)
        }
        if CalendarDate(iso: value) != nil { return value }
        guard let layout = conventions.dateFormat, layout != .iso else { return nil }
        return Self.date(value, layout: layout)
    }

    /// A date-time as `YYYY-MM-DDTHH:MM:SS±hh:mm` in the item's time zone: ISO 8601 with or
    /// without an offset (without one it is a time in that zone), `T` or a space, seconds
    /// optional; a date in the item's layout followed by a time; an Excel serial in a workbook.
    private func dateTime(_ value: String) -> String? {
        let zone = conventions.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC") ?? .current
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let instant: Date
        if isSpreadsheet || conventions.dateFormat == .excelSerial, let serial = Double(value) {
            guard let text = ExcelNumberFormat.date(serial: serial, uses1904: false), let local = Self.localDateTime(text, calendar) else {
                return nil
            }
            instant = local
        } else if let parsed = Self.parseDateTime(value.replacingOccurrences(of: " ", with: "T")) {
            instant = parsed
        } else if let local = Self.localDateTime(value, calendar) {
            instant = local
        } else if let layout = conventions.dateFormat, layout != .iso, let space = value.firstIndex(of: " "),
            let date = Self.date(String(value[..<space]), layout: layout),
            let local = Self.localDateTime(date + "T" + value[value.index(after: space)...].trimmingWhitespace(), calendar)
        {
            instant = local
        } else {
            return nil
        }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let offset = zone.secondsFromGMT(for: instant)
        func pad(_ number: Int?, _ width: Int = 2) -> String {
            let text = String(number ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let sign = offset < 0 ? "-" : "+"
        return "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day))T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))"
            + "\(sign)\(pad(abs(offset) / 3600)):\(pad(abs(offset) / 60 % 60))"
    }

    /// `YYYY-MM-DDTHH:MM[:SS]` (or a space for `T`) without an offset, as a time in `calendar`'s zone.
    private static func localDateTime(_ value: String, _ calendar: Calendar) -> Date? {
        let text = value.replacingOccurrences(of: " ", with: "T")
        let halves = text.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2, let date = CalendarDate(iso: String(halves[0])) else { return nil }
        let time = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(time.count), let hour = Int(time[0]), let minute = Int(time[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        let second = time.count == 3 ? Double(time[2]).map { Int($0) } : 0
        guard let second, (0..<61).contains(second) else { return nil }
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second))
    }

    private func number(_ value: String) -> String? {
        var text = value
        if let thousands = conventions.thousandsSeparator {
            text.removeAll { $0 == thousands }
        }
        if let decimal = conventions.decimalSeparator, decimal != "." {
            guard !text.contains(".") else { return nil }
            text = text.replacingOccurrences(of: String(decimal), with: ".")
        }
        if text.hasPrefix("+") { text.removeFirst() }
        guard Self.isPlainDecimal(text) else { return nil }
        return text
    }

    static func isPlainDecimal(_ text: String) -> Bool {
        var digits = 0
        var sawPoint = false
        for (offset, character) in text.enumerated() {
            if character == "-" && offset == 0 { continue }
            if character == "." && !sawPoint {
                sawPoint = true
                continue
            }
            guard character.isASCII, character.isNumber else { return false }
            digits += 1
        }
        return digits > 0 && text.last != "."
    }

    private static func integer(_ number: String) -> String? {
        guard let point = number.firstIndex(of: ".") else { return number }
        guard number[number.index(after: point)...].allSatisfy({ $0 == "0" }) else { return nil }
        return String(number[..<point])
    }

    private static func boolean(_ value: String) -> String? {
        truth(of: value).map { $0 ? "true" : "false" }
    }

    /// The answer a yes/no value gives, as exports write it (`yes`, `Y`, `1`, `true`, any case);
    /// nil for anything else. One list for reading booleans and for proposing `<value>` maps.
    public static func truth(of value: String) -> Bool? {
        switch value.lowercased() {
        case "true", "yes", "y", "1": return true
        case "false", "no", "n", "0": return false
        default: return nil
        }
    }

    // MARK: - Dates

    /// `value` read with a day-month-year or month-day-year layout; one- or two-digit days and months.
    static func date(_ value: String, layout: ValueConventions.DateFormat) -> String? {
        let separator: Character
        let order: (day: Int, month: Int, year: Int)
        switch layout {
        case .dayMonthYearSlash: (separator, order) = ("/", (0, 1, 2))
        case .monthDayYearSlash: (separator, order) = ("/", (1, 0, 2))
        case .dayMonthYearDot: (separator, order) = (".", (0, 1, 2))
        case .dayMonthYearDash: (separator, order) = ("-", (0, 1, 2))
        case .yearMonthDaySlash: (separator, order) = ("/", (2, 1, 0))
        case .iso, .excelSerial: return nil
        }
        let parts = value.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts[order.year].count == 4, parts[order.day].count <= 2, parts[order.month].count <= 2,
            let year = Int(parts[order.year]), let month = Int(parts[order.month]), let day = Int(parts[order.day]),
            let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        return date.description
    }

    /// The layout a date that is not ISO seems to use, when it can be told: day first
    /// unless the middle part cannot be a month.
    static func dateFormatHint(_ value: String) -> ValueConventions.DateFormat? {
        let layouts: [(Character, ValueConventions.DateFormat, ValueConventions.DateFormat)] = [
            ("/", .dayMonthYearSlash, .monthDayYearSlash), (".", .dayMonthYearDot, .dayMonthYearDot), ("-", .dayMonthYearDash, .dayMonthYearDash),
        ]
        for (separator, dayFirst, monthFirst) in layouts {
            let parts = value.split(separator: separator)
            guard parts.count == 3, parts[2].count == 4, Int(parts[0]) != nil, let second = Int(parts[1]) else { continue }
            return second > 12 ? monthFirst : dayFirst
        }
        return nil
    }

    private static func parseDateTime(_ value: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: value) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: value)
    }

    /// The calendar date of an ISO date-time: in `timeZone` when the value carries an
    /// offset, as written when it has none (a local time of the organization).
    static func dateOfDateTime(_ value: String, timeZone: String?) -> String? {
        let datePart = String(value.prefix(10))
        guard CalendarDate(iso: datePart) != nil else { return nil }
        let rest = value.dropFirst(11)
        let hasOffset = rest.contains("Z") || rest.contains("+") || rest.contains("-")
        guard hasOffset else { return datePart }
        guard let instant = parseDateTime(value.replacingOccurrences(of: " ", with: "T")) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return CalendarDate(year: year, month: month, day: day)?.description
    }
}

extension ValueConventions.DateFormat {
    /// The layout a date that is not ISO seems to be written in (day first unless the
    /// middle part cannot be a month), for proposing a register's `date-format`.
    public static func guessed(from value: String) -> ValueConventions.DateFormat? {
        FieldValueReader.dateFormatHint(value)
    }
}
