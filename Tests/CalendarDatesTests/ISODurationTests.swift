import CalendarDates
import Foundation
import Testing

@Suite("ISODuration")
struct ISODurationTests {
    @Test(
        "ISO 8601 day and month durations parse into months and days",
        arguments: [
            ("P12M", 12, 0), ("P1Y", 12, 0), ("P30D", 0, 30), ("P2W", 0, 14), ("-P7D", 0, -7), ("P1Y6M", 18, 0),
            ("P1Y2M3W4D", 14, 25), ("P0D", 0, 0), ("  P3M\n", 3, 0), ("-P1Y1D", -12, -1), ("P007D", 0, 7),
            ("P18M", 18, 0), ("P400D", 0, 400),
        ])
    func parses(text: String, months: Int, days: Int) throws {
        let duration = try #require(ISODuration(iso: text))
        #expect(duration.months == months)
        #expect(duration.days == days)
    }

    @Test(
        "text that is not a calendar duration is refused",
        arguments: [
            "", "P", "-P", "30D", "PT1H", "P1DT2H", "P1M1Y", "P1D1W", "P1Y1Y", "P1.5Y", "P-1D", "p1d", "P1", "P1YM",
            "+P1D", "P1H", "--P1D", "P 1D", "P１D", "PD", "P1Y-2M", "P1D2",
        ])
    func refuses(text: String) {
        #expect(ISODuration(iso: text) == nil)
    }

    @Test("white space around the duration is ignored")
    func surroundingWhiteSpace() {
        #expect(ISODuration(iso: "P1D ") == ISODuration(days: 1))
    }

    @Test(
        "absurdly long durations are refused instead of overflowing",
        arguments: [
            "P9223372036854775807D", "P768614336404564651Y", "P1317624576693539402W", "P99999999999999999999D",
            "-P9223372036854775807M", "P9999999999Y",
        ])
    func refusesOverflow(text: String) {
        #expect(ISODuration(iso: text) == nil)
    }

    @Test("ten thousand years, the span of the calendar, is still a duration")
    func longestUsefulDuration() throws {
        #expect(try #require(ISODuration(iso: "P9999Y")).months == 119_988)
        #expect(try #require(ISODuration(iso: "P3652059D")).days == 3_652_059)
    }

    @Test(
        "durations print in canonical form",
        arguments: [
            (ISODuration(months: 18), "P1Y6M"), (ISODuration(months: 12), "P1Y"), (ISODuration(days: 30), "P30D"),
            (ISODuration(), "P0D"), (ISODuration(days: -7), "-P7D"), (ISODuration(months: 12, days: 30), "P1Y30D"),
            (ISODuration(months: -3), "-P3M"), (ISODuration(days: 14), "P14D"), (ISODuration(months: 24, days: 1), "P2Y1D"),
        ])
    func description(duration: ISODuration, expected: String) {
        #expect(duration.description == expected)
        #expect(ISODuration(iso: expected) == duration)
    }

    @Test(
        "durations spell out in words for statements, whole weeks as weeks",
        arguments: [
            ("P12M", "12 months"), ("P1Y", "12 months"), ("P1M", "1 month"), ("P30D", "30 days"), ("P1D", "1 day"),
            ("P14D", "2 weeks"), ("P1W", "1 week"), ("P1M2W", "1 month and 2 weeks"), ("P1M1D", "1 month and 1 day"),
            ("P0D", "0 days"), ("-P7D", "minus 1 week"), ("-P1Y3D", "minus 12 months and 3 days"),
        ])
    func spelledOut(text: String, words: String) throws {
        #expect(try #require(ISODuration(iso: text)).spelledOut == words)
    }

    @Test("weeks are stored as days, so P2W equals P14D")
    func weeks() {
        #expect(ISODuration(iso: "P2W") == ISODuration(iso: "P14D"))
        #expect(ISODuration(iso: "P2W")?.description == "P14D")
    }

    @Test("years are stored as months, so P1Y equals P12M")
    func years() {
        #expect(ISODuration(iso: "P1Y") == ISODuration(iso: "P12M"))
    }

    @Test("approximate length counts an average Gregorian month")
    func approximateDays() throws {
        #expect(abs(try #require(ISODuration(iso: "P1Y")).approximateDays - 365.2425) < 1e-9)
        #expect(try #require(ISODuration(iso: "P30D")).approximateDays == 30)
        #expect(try #require(ISODuration(iso: "-P1M")).approximateDays == -30.436875)
        let month = try #require(ISODuration(iso: "P1M"))
        let thirtyDays = try #require(ISODuration(iso: "P30D"))
        #expect(month.approximateDays > thirtyDays.approximateDays)
    }

    @Test(
        "adding a duration applies months first, clamping to month end, then days",
        arguments: [
            ("2026-03-31", "P1M", "2026-04-30"), ("2024-02-29", "P1Y", "2025-02-28"), ("2026-01-31", "P1M1D", "2026-03-01"),
            ("2026-03-14", "P30D", "2026-04-13"), ("2026-03-14", "P2W", "2026-03-28"), ("2026-03-14", "-P7D", "2026-03-07"),
            ("2026-03-14", "P0D", "2026-03-14"), ("2024-01-31", "P1M", "2024-02-29"), ("2026-12-31", "P1D", "2027-01-01"),
        ])
    func adding(start: String, duration: String, expected: String) throws {
        let date = try #require(CalendarDate(iso: start))
        #expect(date.adding(try #require(ISODuration(iso: duration))).description == expected)
    }

    @Test(
        "subtracting counts back the way an auditor does",
        arguments: [
            ("2026-03-31", "P12M", "2025-03-31"), ("2026-03-31", "P1M", "2026-02-28"), ("2024-03-31", "P1M", "2024-02-29"),
            ("2026-03-14", "P30D", "2026-02-12"), ("2025-02-28", "P1Y", "2024-02-28"), ("2026-03-14", "-P7D", "2026-03-21"),
        ])
    func subtracting(start: String, duration: String, expected: String) throws {
        let date = try #require(CalendarDate(iso: start))
        #expect(date.subtracting(try #require(ISODuration(iso: duration))).description == expected)
    }

    @Test("a duration encodes as its canonical ISO string and decodes back")
    func codable() throws {
        let durations = [ISODuration(months: 18), ISODuration(days: -7), ISODuration()]
        let data = try JSONEncoder().encode(durations)
        #expect(String(decoding: data, as: UTF8.self) == #"["P1Y6M","-P7D","P0D"]"#)
        #expect(try JSONDecoder().decode([ISODuration].self, from: data) == durations)
    }

    @Test("decoding text that is not a duration throws a data-corrupted error naming the text")
    func decodingInvalid() {
        #expect {
            try JSONDecoder().decode([ISODuration].self, from: Data(#"["PT4H"]"#.utf8))
        } throws: { error in
            guard case let DecodingError.dataCorrupted(context) = error else { return false }
            return context.debugDescription.contains("PT4H")
        }
    }
}
