import CalendarDates
import Foundation

/// What Excel's number formats and serial numbers mean, for cells stored as numbers.
enum ExcelNumberFormat {
    /// Built-in format ids that show dates or times.
    private static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Whether a number format shows a date or time: a built-in date format, or a
    /// format code with day, month, year, hour or second tokens outside quoted text.
    static func isDate(formatId: Int, code: String?) -> Bool {
        if builtInDateFormats.contains(formatId) { return true }
        guard let code, code.lowercased() != "general" else { return false }
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[": inBrackets = true
            case "]": inBrackets = false
            default:
                if !inQuotes && !inBrackets && "dmyhs".contains(character) { return true }
            }
        }
        return false
    }

    /// The date (and time, when it has one) of an Excel serial number.
    ///
    /// In the 1900 system day 1 is 1900-01-01 and Excel counts a 29 February 1900
    /// that never was (serial 60), so serials from 61 on are one day ahead; in the
    /// 1904 system day 0 is 1904-01-01.
    static func date(serial: Double, uses1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down))
        let base: CalendarDate
        let offset: Int
        if uses1904 {
            base = CalendarDate(year: 1904, month: 1, day: 1)!
            offset = days
        } else {
            base = CalendarDate(year: 1899, month: 12, day: 31)!
            offset = days >= 60 ? days - 1 : days
        }
        let date = base.adding(days: offset)
        let seconds = Int(((serial - Double(days)) * 86_400).rounded())
        guard seconds > 0 && seconds < 86_400 else { return date.description }
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(date)T\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
    }

    /// A number as XPath can read it (plain digits, no exponent) and as the spreadsheet
    /// shows it: to 15 significant digits, as Excel and LibreOffice display and compare
    /// numbers. Files keep the binary double's 17 digits (a typed 93.1 may be stored as
    /// `93.09999999999999`), which a finding would otherwise quote in place of 93.1.
    static func plainNumber(_ text: String) -> String {
        // Most cells hold whole numbers of a few digits, already as they would be shown.
        if Self.isPlainWholeNumber(text) { return text }
        guard let stored = Double(text), stored.isFinite else { return text }
        let shown = String(format: "%.15g", stored)
        let value = Double(shown) ?? stored
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        guard shown.contains("e") else { return shown }
        var result = String(format: "%.15f", value)
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result
    }

    /// An integer of at most 15 digits without a leading zero or a plus sign (`0`, `42`,
    /// `-7`): shown exactly as it is stored.
    static func isPlainWholeNumber(_ text: String) -> Bool {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        guard let first = digits.first, digits.count <= 15, first != UInt8(ascii: "0") || digits.count == 1 else { return false }
        return digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } && text != "-0"
    }
}
