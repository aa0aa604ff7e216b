/// A day in the proleptic Gregorian calendar, with no time zone.
///
/// Audit evidence is dated by day ("complaint received 2026-03-14"), and audit
/// arithmetic ("closed within 30 days", "survey no older than 12 months") is day
/// arithmetic, so cxaudit never lets wall-clock time or zones into it.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date after checking the day exists (`2026-02-30` returns nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...9999).contains(year),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, optionally followed by a time (`T10:30:00Z`, ` 10:30`),
    /// which is ignored. Surrounding white space is ignored.
    public init?(iso text: String) {
        self.init(isoBytes: Array(text.trimmingWhitespace().utf8))
    }

    /// `init(iso:)` for text given as UTF-8, read as it is unless white space surrounds it:
    /// for a value read once per record, without making a string of it.
    public init?(isoUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        if let first = bytes.first, let last = bytes.last, !(0x21..<0x80).contains(first) || !(0x21..<0x80).contains(last) {
            self.init(iso: String(decoding: bytes, as: UTF8.self))
        } else {
            self.init(isoBytes: bytes)
        }
    }

    private init?<Bytes: RandomAccessCollection<UInt8>>(isoBytes scalars: Bytes) where Bytes.Index == Int {
        guard scalars.count >= 10, scalars[4] == UInt8(ascii: "-"), scalars[7] == UInt8(ascii: "-"),
            let year = Int(digits: scalars[0..<4]), let month = Int(digits: scalars[5..<7]),
            let day = Int(digits: scalars[8..<10])
        else { return nil }
        if scalars.count > 10 {
            // A time (`T…`, ` …`) or an xsd:date time zone (`Z`, `+01:00`, `-05:00`) may follow; both are ignored.
            let separator = scalars[10]
            let timeZone = scalars.count == 11 ? separator == UInt8(ascii: "Z")
                : scalars.count == 16 && (separator == UInt8(ascii: "+") || separator == UInt8(ascii: "-"))
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") || timeZone else { return nil }
        }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// True on Saturday and Sunday (1970-01-01, day 0, was a Thursday).
    public var isWeekend: Bool {
        let weekday = ((daysSinceEpoch + 3) % 7 + 7) % 7  // 0 = Monday … 6 = Sunday
        return weekday >= 5
    }

    /// Business days (Monday to Friday) after `self` up to and including `other`: `0` on the
    /// same day, `3` from a Friday to the next Wednesday, negative when `other` is earlier.
    /// Regulators count complaint time limits so ("by the close of the third business day
    /// following the day of receipt"); public holidays are not known, so a holiday counts as a
    /// business day, which never makes a limit look met when it was not.
    public func businessDays(to other: CalendarDate) -> Int {
        guard other != self else { return 0 }
        let (start, end, sign) = other > self ? (self, other, 1) : (other, self, -1)
        let span = start.days(to: end)
        var count = span / 7 * 5
        var day = start.adding(days: span / 7 * 7)
        while day < end {
            day = day.adding(days: 1)
            if !day.isWeekend { count += 1 }
        }
        return count * sign
    }

    /// Adds days.
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Adds months, clamping the day to the end of a shorter month (Jan 31 + 1 month = Feb 28/29).
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        let clampedDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        return CalendarDate(year: newYear, month: newMonth, day: clampedDay)
            ?? CalendarDate(daysSinceEpoch: daysSinceEpoch)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a YYYY-MM-DD date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension Int {
    init?(digits: some Sequence<UInt8>) {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        self = value
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        // Most values have nothing to trim; telling so by two bytes avoids Unicode property lookups.
        if let first = utf8.first, let last = utf8.last, (0x21..<0x80).contains(first), (0x21..<0x80).contains(last) {
            return Substring(self)
        }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }
}
