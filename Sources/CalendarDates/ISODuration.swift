/// A calendar duration in ISO 8601 form (`P12M`, `P1Y`, `P30D`, `P2W`, `-P7D`).
///
/// Years and months are kept apart from days so that "12 months before
/// 2026-03-31" lands on 2025-03-31, as an auditor counts, not 360 or 365 days back.
public struct ISODuration: Sendable, Hashable, Codable, CustomStringConvertible {
    public var months: Int
    public var days: Int

    public init(months: Int = 0, days: Int = 0) {
        self.months = months
        self.days = days
    }

    /// Parses `[-]P[nY][nM][nW][nD]`; time parts (`T…`) are not accepted because
    /// audit arithmetic is in days.
    ///
    /// Durations longer than the calendar itself (more than 9999 years of months
    /// or of days) are refused, so that untrusted text cannot overflow date arithmetic.
    public init?(iso text: String) {
        var scalars = Substring(text.trimmingWhitespace())
        var sign = 1
        if scalars.first == "-" {
            sign = -1
            scalars.removeFirst()
        }
        guard scalars.first == "P", scalars.count > 1 else { return nil }
        scalars.removeFirst()
        var months = 0
        var days = 0
        var number = ""
        var lastUnitRank = -1
        for character in scalars {
            if character.isASCII && character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number), value <= ISODuration.maximumDays else { return nil }
            let rank: Int
            switch character {
            case "Y": rank = 0; months += value * 12
            case "M": rank = 1; months += value
            case "W": rank = 2; days += value * 7
            case "D": rank = 3; days += value
            default: return nil
            }
            guard rank > lastUnitRank else { return nil }
            lastUnitRank = rank
            number = ""
        }
        guard number.isEmpty, lastUnitRank >= 0, months <= ISODuration.maximumMonths, days <= ISODuration.maximumDays
        else { return nil }
        self.months = sign * months
        self.days = sign * days
    }

    /// Months from 0001-01 to 9999-12, the longest span a `CalendarDate` can need.
    static let maximumMonths = 9999 * 12
    /// Days from 0001-01-01 to 9999-12-31, the longest span a `CalendarDate` can need.
    static let maximumDays = 3_652_059

    /// Approximate length in days (a month counts 30.44 days), for display and ordering only.
    public var approximateDays: Double {
        Double(months) * 30.436875 + Double(days)
    }

    /// The duration in words, for statements: `12 months`, `30 days`, `1 month and 2 weeks`.
    public var spelledOut: String {
        func unit(_ count: Int, _ name: String) -> String { "\(count) \(name)\(count == 1 ? "" : "s")" }
        var parts: [String] = []
        if months != 0 { parts.append(unit(abs(months), "month")) }
        if days != 0 {
            parts.append(abs(days) % 7 == 0 ? unit(abs(days) / 7, "week") : unit(abs(days), "day"))
        }
        let text = parts.isEmpty ? "0 days" : parts.joined(separator: " and ")
        return months < 0 || days < 0 ? "minus " + text : text
    }

    /// Canonical form: `P1Y6M`, `P30D`, `-P7D`, `P0D`.
    public var description: String {
        let negative = months < 0 || days < 0
        let absMonths = abs(months)
        let absDays = abs(days)
        var text = negative ? "-P" : "P"
        if absMonths >= 12 { text += "\(absMonths / 12)Y" }
        if absMonths % 12 != 0 { text += "\(absMonths % 12)M" }
        if absDays != 0 || absMonths == 0 { text += "\(absDays)D" }
        return text
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let duration = ISODuration(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an ISO 8601 duration"))
        }
        self = duration
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CalendarDate {
    /// Adds a duration: months first (clamping to month end), then days.
    public func adding(_ duration: ISODuration) -> CalendarDate {
        adding(months: duration.months).adding(days: duration.days)
    }

    /// Subtracts a duration.
    public func subtracting(_ duration: ISODuration) -> CalendarDate {
        adding(ISODuration(months: -duration.months, days: -duration.days))
    }
}
