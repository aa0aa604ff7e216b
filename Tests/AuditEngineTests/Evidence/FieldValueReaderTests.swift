import AuditModel
import Foundation
import Testing

@testable import AuditEvidence

@Suite("FieldValueReader: values read as their contract types under the register's conventions")
struct FieldValueReaderTests {
    static func reader(
        _ type: FieldType, values: [String] = [], conventions: ValueConventions = ValueConventions(), valueMap: [String: String] = [:],
        spreadsheet: Bool = false
    ) -> FieldValueReader {
        let field = EvidenceContract.Field(name: "f", type: type, values: values)
        let mapping = FieldMapping(field: "f", column: nil, values: valueMap, location: SourceLocation(file: "r.xml", line: 3))
        let item = EvidenceItem(
            id: "I", type: "t", file: "f.csv", format: .csv, date: nil, periodStart: nil, periodEnd: nil, owner: nil, process: nil,
            site: nil, title: nil, delimiter: nil, conventions: conventions, mappings: [mapping], location: SourceLocation(file: "r.xml", line: 2))
        return FieldValueReader(field: field, item: item, isSpreadsheet: spreadsheet)
    }

    @Test(
        "every declared date layout reads 30 November 2026",
        arguments: [
            (ValueConventions.DateFormat.dayMonthYearSlash, "30/11/2026"), (.monthDayYearSlash, "11/30/2026"), (.dayMonthYearDot, "30.11.2026"),
            (.dayMonthYearDash, "30-11-2026"), (.yearMonthDaySlash, "2026/11/30"), (.dayMonthYearSlash, "30/11/2026 "),
            (.excelSerial, "46356"), (.iso, "2026-11-30"),
        ])
    func dateLayouts(layout: ValueConventions.DateFormat, text: String) {
        let outcome = Self.reader(.date, conventions: ValueConventions(dateFormat: layout)).read(text)
        #expect(outcome == .normalized("2026-11-30") || (outcome == .unchanged && text == "2026-11-30"))
    }

    @Test("an ISO date stays readable whatever layout is declared; one-digit days and months are read")
    func isoAlwaysReadable() {
        let reader = Self.reader(.date, conventions: ValueConventions(dateFormat: .dayMonthYearSlash))
        #expect(reader.read("2026-11-30") == .unchanged)
        #expect(reader.read("1/2/2026") == .normalized("2026-02-01"))
    }

    @Test("a day-first date without a declared layout is unreadable, and the message names the setting")
    func undeclaredDayFirst() {
        guard case let .invalid(expected) = Self.reader(.date).read("30/11/2026") else {
            Issue.record("30/11/2026 must not be read as a date without a declared layout")
            return
        }
        #expect(expected.contains("date-format=\"DD/MM/YYYY\""))
        guard case let .invalid(monthFirst) = Self.reader(.date).read("11/30/2026") else { return }
        #expect(monthFirst.contains("MM/DD/YYYY"))
    }

    @Test("impossible dates are unreadable in every layout")
    func impossibleDates() {
        let dayFirst = Self.reader(.date, conventions: ValueConventions(dateFormat: .dayMonthYearSlash))
        for outcome in [Self.reader(.date).read("2026-02-30"), dayFirst.read("31/04/2026"), dayFirst.read("30/11/26")] {
            if case .invalid = outcome {} else { Issue.record("\(outcome) for an impossible or two-digit-year date") }
        }
    }

    @Test("a date-time with an offset becomes the date in the declared time zone; without an offset its own date")
    func dateTimes() {
        let london = Self.reader(.date, conventions: ValueConventions(timeZone: "Europe/London"))
        #expect(london.read("2026-11-30T23:30:00-05:00") == .normalized("2026-12-01"))
        #expect(Self.reader(.date, conventions: ValueConventions(timeZone: "America/New_York")).read("2026-12-01T02:00:00Z") == .normalized("2026-11-30"))
        #expect(Self.reader(.date).read("2026-11-30 23:30") == .normalized("2026-11-30"))
        #expect(Self.reader(.datetime).read("2026-11-30T23:30:00Z") == .normalized("2026-11-30T23:30:00+00:00"))
        #expect(london.read("2026-11-30T23:30:00-05:00") == .normalized("2026-12-01"))
        let londonTimes = Self.reader(.datetime, conventions: ValueConventions(timeZone: "Europe/London"))
        #expect(londonTimes.read("2026-07-01 09:15") == .normalized("2026-07-01T09:15:00+01:00"))
        #expect(londonTimes.read("2026-07-01T12:00:00Z") == .normalized("2026-07-01T13:00:00+01:00"))
        let dayFirst = Self.reader(.datetime, conventions: ValueConventions(dateFormat: .dayMonthYearSlash))
        #expect(dayFirst.read("30/11/2026 14:05") == .normalized("2026-11-30T14:05:00+00:00"))
        #expect(Self.reader(.datetime, spreadsheet: true).read("46356.5") == .normalized("2026-11-30T12:00:00+00:00"))
        for text in ["30/11/2026 23:30", "14:05", "2026-11-30T25:00"] {
            if case .invalid = Self.reader(.datetime).read(text) {} else { Issue.record("\(text) is not a date-time") }
        }
    }

    @Test("in a workbook a number in a date field is an Excel serial day")
    func spreadsheetSerials() {
        #expect(Self.reader(.date, spreadsheet: true).read("46356") == .normalized("2026-11-30"))
    }

    @Test("decimal commas, thousands separators and percent signs are read when declared")
    func numbers() {
        let comma = ValueConventions(decimalSeparator: ",")
        #expect(Self.reader(.number, conventions: comma).read("24,5") == .normalized("24.5"))
        #expect(Self.reader(.number, conventions: ValueConventions(decimalSeparator: ",", thousandsSeparator: ".")).read("1.400,5") == .normalized("1400.5"))
        #expect(Self.reader(.integer, conventions: ValueConventions(thousandsSeparator: ",")).read("1,400") == .normalized("1400"))
        #expect(Self.reader(.percent).read("85%") == .normalized("85"))
        #expect(Self.reader(.percent).read("85.5") == .unchanged)
        #expect(Self.reader(.integer).read("12.0") == .normalized("12"))
        #expect(Self.reader(.number).read("+3") == .normalized("3"))
    }

    @Test("undeclared decimal commas and thousands separators are unreadable, and the message names the setting")
    func undeclaredSeparators() {
        guard case let .invalid(decimal) = Self.reader(.number).read("24,5"), case let .invalid(thousands) = Self.reader(.integer).read("1,400")
        else {
            Issue.record("24,5 and 1,400 must not be read as numbers without a declared convention")
            return
        }
        #expect(decimal.contains("decimal-separator=\",\""))
        #expect(thousands.contains("thousands-separator=\",\""))
        if case .invalid = Self.reader(.integer).read("4.5") {} else { Issue.record("4.5 is not a whole number") }
        if case .invalid = Self.reader(.number).read("NaN") {} else { Issue.record("NaN is not a number") }
    }

    @Test("enumerations match case-insensitively, and the register's words map onto them")
    func enumerations() {
        let status = Self.reader(.enum, values: ["open", "closed"], valueMap: ["Closed – resolved": "closed"])
        #expect(status.read("Closed") == .normalized("closed"))
        #expect(status.read("closed") == .unchanged)
        #expect(status.read("closed – RESOLVED") == .normalized("closed"))
        guard case let .invalid(expected) = status.read("parked") else {
            Issue.record("parked is not a status")
            return
        }
        #expect(expected.contains("open, closed"))
    }

    @Test("a word the register maps to a value the contract does not list is unreadable, never passed on")
    func mappedToUnknownValue() {
        let status = Self.reader(.enum, values: ["open", "closed"], valueMap: ["Solved": "closd", "Done": "Closed"])
        guard case let .invalid(expected) = status.read("Solved") else {
            Issue.record("a value mapped to 'closd' must not reach the rules")
            return
        }
        #expect(expected.contains("maps it to 'closd'"))
        #expect(status.read("Done") == .normalized("closed"))
        if case .invalid = Self.reader(.boolean, valueMap: ["Ja": "maybe"]).read("Ja") {} else { Issue.record("maybe is not a boolean") }
    }

    @Test("booleans read true/false, yes/no and 1/0; empty values are absent, never invalid")
    func booleansAndEmpty() {
        #expect(Self.reader(.boolean).read("Yes") == .normalized("true"))
        #expect(Self.reader(.boolean).read("0") == .normalized("false"))
        #expect(Self.reader(.date).read("  ") == .unchanged)
        #expect(Self.reader(.text).read("anything at all") == .unchanged)
    }
}
