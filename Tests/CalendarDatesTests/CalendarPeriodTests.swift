import CalendarDates
import Foundation
import Testing

@Suite("PeriodUnit")
struct CalendarPeriodTests {
    @Test(
        "each unit labels the period containing a date",
        arguments: [
            ("2026-03-14", PeriodUnit.month, "2026-03"), ("2026-03-14", .quarter, "2026-Q1"), ("2026-03-14", .half, "2026-H1"),
            ("2026-03-14", .year, "2026"), ("2026-12-31", .month, "2026-12"), ("2026-12-31", .quarter, "2026-Q4"),
            ("2026-12-31", .half, "2026-H2"), ("0005-07-01", .year, "0005"), ("0005-07-01", .month, "0005-07"),
        ])
    func label(date: String, unit: PeriodUnit, expected: String) throws {
        #expect(unit.label(for: try #require(CalendarDate(iso: date))) == expected)
    }

    @Test("quarter and half boundaries fall between the right months")
    func boundaries() throws {
        let quarters = try (1...12).map { month in
            PeriodUnit.quarter.label(for: try #require(CalendarDate(year: 2026, month: month, day: 1)))
        }
        #expect(quarters == [
            "2026-Q1", "2026-Q1", "2026-Q1", "2026-Q2", "2026-Q2", "2026-Q2",
            "2026-Q3", "2026-Q3", "2026-Q3", "2026-Q4", "2026-Q4", "2026-Q4",
        ])
        let halves = try (1...12).map { month in
            PeriodUnit.half.label(for: try #require(CalendarDate(year: 2026, month: month, day: 28)))
        }
        #expect(halves == Array(repeating: "2026-H1", count: 6) + Array(repeating: "2026-H2", count: 6))
    }

    @Test("labels sort chronologically as plain strings", arguments: PeriodUnit.allCases)
    func labelsSortChronologically(unit: PeriodUnit) {
        let dates = stride(from: 0, through: 3 * 365, by: 11).map { CalendarDate(daysSinceEpoch: 20_000 + $0) }
        let labels = dates.map { unit.label(for: $0) }
        #expect(labels == labels.sorted())
    }

    @Test("dates in the same period share a label and the next period's first day does not")
    func sameAndNextPeriod() throws {
        let start = try #require(CalendarDate(iso: "2026-04-01"))
        let end = try #require(CalendarDate(iso: "2026-06-30"))
        #expect(PeriodUnit.quarter.label(for: start) == PeriodUnit.quarter.label(for: end))
        #expect(PeriodUnit.quarter.label(for: end.adding(days: 1)) == "2026-Q3")
        #expect(PeriodUnit.quarter.label(for: start.adding(days: -1)) == "2026-Q1")
    }

    @Test("units are named month, quarter, half and year, in that order")
    func rawValues() {
        #expect(PeriodUnit.allCases.map(\.rawValue) == ["month", "quarter", "half", "year"])
        #expect(PeriodUnit(rawValue: "quarter") == .quarter)
        #expect(PeriodUnit(rawValue: "Quarter") == nil)
        #expect(PeriodUnit(rawValue: "week") == nil)
    }

    @Test("a unit encodes as its name")
    func codable() throws {
        let data = try JSONEncoder().encode([PeriodUnit.half])
        #expect(String(decoding: data, as: UTF8.self) == #"["half"]"#)
        #expect(try JSONDecoder().decode([PeriodUnit].self, from: data) == [.half])
    }
}
