import CalendarDates
import Foundation
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    // MARK: Validation

    @Test("a day that exists in the calendar is accepted")
    func validDates() throws {
        let date = try #require(CalendarDate(year: 2026, month: 3, day: 14))
        #expect(date.year == 2026)
        #expect(date.month == 3)
        #expect(date.day == 14)
    }

    @Test(
        "a day that does not exist is refused",
        arguments: [
            (2026, 2, 30), (2026, 2, 29), (2100, 2, 29), (2026, 4, 31), (2026, 6, 31), (2026, 9, 31),
            (2026, 11, 31), (2026, 0, 1), (2026, 13, 1), (2026, 1, 0), (2026, 1, 32), (0, 1, 1), (10_000, 1, 1),
            (-1, 1, 1),
        ])
    func invalidDates(year: Int, month: Int, day: Int) {
        #expect(CalendarDate(year: year, month: month, day: day) == nil)
    }

    @Test("February 29 exists in leap years only, with the century rule", arguments: [
        (2024, true), (2000, true), (1600, true), (2026, false), (1900, false), (2100, false),
    ])
    func leapDay(year: Int, exists: Bool) {
        #expect((CalendarDate(year: year, month: 2, day: 29) != nil) == exists)
        #expect(CalendarDate.daysIn(month: 2, year: year) == (exists ? 29 : 28))
    }

    @Test("month lengths follow the Gregorian calendar")
    func monthLengths() {
        let lengths = (1...12).map { CalendarDate.daysIn(month: $0, year: 2026) }
        #expect(lengths == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test("the calendar's first and last days are accepted")
    func bounds() {
        #expect(CalendarDate(year: 1, month: 1, day: 1) != nil)
        #expect(CalendarDate(year: 9999, month: 12, day: 31) != nil)
    }

    // MARK: ISO text

    @Test(
        "ISO dates parse, with any time part and surrounding white space ignored",
        arguments: [
            "2026-03-14", "  2026-03-14\n", "\t2026-03-14 ", "2026-03-14T10:30:00Z", "2026-03-14 10:30",
            "2026-03-14T23:59:59+02:00",
        ])
    func parsesISO(text: String) {
        #expect(CalendarDate(iso: text) == CalendarDate(year: 2026, month: 3, day: 14))
    }

    @Test(
        "text that is not a YYYY-MM-DD date is refused",
        arguments: [
            "", "2026", "2026-3-14", "2026-03-4", "2026/03/14", "20260314", "14-03-2026", "2026-03-14X10:30",
            "2026-03-1a", "+026-03-14", "-2026-03-14", "2026-02-30", "2026-13-01", "0000-01-01", "２０２６-03-14",
            "2026-03-14\u{0}",
        ])
    func refusesNonISO(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test("a date prints as zero-padded YYYY-MM-DD")
    func description() throws {
        #expect(try #require(CalendarDate(year: 2026, month: 3, day: 4)).description == "2026-03-04")
        #expect(try #require(CalendarDate(year: 5, month: 1, day: 1)).description == "0005-01-01")
        #expect(try #require(CalendarDate(year: 9999, month: 12, day: 31)).description == "9999-12-31")
    }

    @Test("printing then parsing gives the same date")
    func descriptionRoundTrip() {
        for days in stride(from: -719_162, through: 2_932_896, by: 997) {
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(CalendarDate(iso: date.description) == date)
        }
    }

    // MARK: Day numbers

    @Test("day numbers count from 1970-01-01", arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("2000-03-01", 11_017), ("2024-02-29", 19_782),
        ("2026-03-14", 20_526), ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ])
    func daysSinceEpoch(text: String, days: Int) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.daysSinceEpoch == days)
        #expect(CalendarDate(daysSinceEpoch: days) == date)
    }

    @Test("converting to a day number and back is the identity over the whole calendar")
    func dayNumberRoundTrip() {
        var previous: CalendarDate?
        for days in stride(from: -719_162, through: 2_932_896, by: 29) {
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CalendarDate(year: date.year, month: date.month, day: date.day) == date)
            if let previous { #expect(previous < date) }
            previous = date
        }
    }

    @Test("every day of a leap year and of a common year gets its own valid date")
    func consecutiveDays() throws {
        for year in [2024, 2026] {
            var date = try #require(CalendarDate(year: year, month: 1, day: 1))
            var count = 0
            while date.year == year {
                #expect(CalendarDate(year: date.year, month: date.month, day: date.day) != nil)
                date = date.adding(days: 1)
                count += 1
            }
            #expect(count == (year == 2024 ? 366 : 365))
        }
    }

    @Test("days(to:) is positive towards later dates and crosses leap days")
    func daysBetween() throws {
        let start = try #require(CalendarDate(iso: "2024-02-28"))
        let end = try #require(CalendarDate(iso: "2024-03-01"))
        #expect(start.days(to: end) == 2)
        #expect(end.days(to: start) == -2)
        #expect(start.days(to: start) == 0)
        let common = try #require(CalendarDate(iso: "2026-02-28"))
        #expect(common.days(to: try #require(CalendarDate(iso: "2026-03-01"))) == 1)
        #expect(
            try #require(CalendarDate(iso: "2025-01-01")).days(to: try #require(CalendarDate(iso: "2026-01-01"))) == 365)
    }

    @Test("adding days moves across month, year and leap-day boundaries")
    func addingDays() throws {
        let date = try #require(CalendarDate(iso: "2024-02-28"))
        #expect(date.adding(days: 1).description == "2024-02-29")
        #expect(date.adding(days: 2).description == "2024-03-01")
        #expect(date.adding(days: -59).description == "2023-12-31")
        #expect(date.adding(days: 0) == date)
        #expect(try #require(CalendarDate(iso: "2026-12-31")).adding(days: 1).description == "2027-01-01")
    }

    // MARK: Months

    @Test(
        "adding months clamps the day to the end of a shorter month",
        arguments: [
            ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-03-31", -1, "2026-02-28"),
            ("2026-05-31", 1, "2026-06-30"), ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"),
            ("2026-03-31", -12, "2025-03-31"), ("2026-12-15", 1, "2027-01-15"), ("2026-01-15", -1, "2025-12-15"),
            ("2026-01-15", -13, "2024-12-15"), ("2026-01-15", 0, "2026-01-15"), ("2026-08-31", 6, "2027-02-28"),
            ("0001-03-31", -2, "0001-01-31"), ("2026-03-14", -24_300, "0001-03-14"),
        ])
    func addingMonths(start: String, months: Int, expected: String) throws {
        #expect(try #require(CalendarDate(iso: start)).adding(months: months).description == expected)
    }

    // MARK: Order and coding

    @Test("dates order chronologically")
    func ordering() throws {
        let dates = try ["2026-03-14", "2025-12-31", "2026-01-01", "2026-03-13", "0999-09-09"].map {
            try #require(CalendarDate(iso: $0))
        }
        #expect(dates.sorted().map(\.description) == ["0999-09-09", "2025-12-31", "2026-01-01", "2026-03-13", "2026-03-14"])
        #expect(dates.sorted() == dates.sorted { $0.daysSinceEpoch < $1.daysSinceEpoch })
    }

    @Test("a date encodes as its ISO string and decodes back")
    func codable() throws {
        let date = try #require(CalendarDate(iso: "2026-03-14"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-03-14"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
    }

    @Test("decoding text that is not a date throws a data-corrupted error naming the text")
    func decodingInvalid() {
        #expect {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        } throws: { error in
            guard case let DecodingError.dataCorrupted(context) = error else { return false }
            return context.debugDescription.contains("2026-02-30")
        }
    }

    @Test("equal dates hash equally")
    func hashing() throws {
        let set: Set = [
            try #require(CalendarDate(iso: "2026-03-14")), try #require(CalendarDate(iso: "2026-03-14T08:00")),
            try #require(CalendarDate(year: 2026, month: 3, day: 14)),
        ]
        #expect(set.count == 1)
    }
}

@Suite("CalendarDate time zones")
struct CalendarDateTimeZoneTests {
    @Test("an xsd:date time zone is accepted and ignored", arguments: ["2026-11-20Z", "2026-11-20+01:00", "2026-11-20-05:00"])
    func timeZone(text: String) {
        #expect(CalendarDate(iso: text)?.description == "2026-11-20")
    }

    @Test("other suffixes are not dates", arguments: ["2026-11-20X", "2026-11-20+1"])
    func otherSuffixes(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test(
        "UTF-8 bytes parse as the same text does, white space and all",
        arguments: [
            "2026-03-14", "  2026-03-14\n", "\u{A0}2026-03-14", "2026-03-14\u{2003}", "2026-03-14T10:30:00Z", "2026-11-20+01:00",
            "", " ", "2026-02-30", "2026-03-14X10:30", "２０２６-03-14", "2026-03-14\u{0}", "é2026-03-14",
        ])
    func parsesUTF8(text: String) {
        var text = text
        let fromBytes = text.withUTF8 { CalendarDate(isoUTF8: $0) }
        #expect(fromBytes == CalendarDate(iso: text))
    }
}
