import Testing

@testable import AuditEvidence

@Suite("Excel number formats and serial days")
struct ExcelNumberFormatTests {
    @Test("Excel serial numbers follow the 1900 leap-year quirk and the 1904 epoch")
    func serials() {
        #expect(ExcelNumberFormat.date(serial: 1, uses1904: false) == "1900-01-01")
        #expect(ExcelNumberFormat.date(serial: 59, uses1904: false) == "1900-02-28")
        #expect(ExcelNumberFormat.date(serial: 61, uses1904: false) == "1900-03-01")
        #expect(ExcelNumberFormat.date(serial: 46_326, uses1904: false) == "2026-10-31")
        #expect(ExcelNumberFormat.date(serial: 44_864, uses1904: true) == "2026-10-31")
        #expect(ExcelNumberFormat.date(serial: 0, uses1904: true) == "1904-01-01")
    }

    @Test("a fraction of a day is the time, to the second; a whole day has none")
    func times() {
        #expect(ExcelNumberFormat.date(serial: 46_326.5, uses1904: false) == "2026-10-31T12:00:00")
        #expect(ExcelNumberFormat.date(serial: 46_326.25 + 1.0 / 86_400, uses1904: false) == "2026-10-31T06:00:01")
        #expect(ExcelNumberFormat.date(serial: 46_326.000001, uses1904: false) == "2026-10-31", "less than half a second is no time")
    }

    @Test("serials outside the calendar Excel can show are not dates", arguments: [-1, 2_958_466, Double.nan, .infinity])
    func outOfRange(serial: Double) {
        #expect(ExcelNumberFormat.date(serial: serial, uses1904: false) == nil)
    }

    @Test("built-in date formats and codes with date or time tokens show dates; quoted, escaped and bracketed letters do not")
    func dateFormats() {
        #expect(ExcelNumberFormat.isDate(formatId: 14, code: nil))
        #expect(ExcelNumberFormat.isDate(formatId: 22, code: nil))
        #expect(ExcelNumberFormat.isDate(formatId: 164, code: "yyyy-mm-dd"))
        #expect(ExcelNumberFormat.isDate(formatId: 164, code: "[$-409]d-mmm-yy"))
        #expect(ExcelNumberFormat.isDate(formatId: 165, code: "hh:mm"))
        #expect(!ExcelNumberFormat.isDate(formatId: 164, code: "0.00\"d\""))
        #expect(!ExcelNumberFormat.isDate(formatId: 164, code: "0\\d"))
        #expect(!ExcelNumberFormat.isDate(formatId: 164, code: "[Red]0.00"))
        #expect(!ExcelNumberFormat.isDate(formatId: 0, code: "General"))
        #expect(!ExcelNumberFormat.isDate(formatId: 2, code: nil))
        #expect(!ExcelNumberFormat.isDate(formatId: 164, code: "#,##0"))
    }

    @Test("numbers read as XPath can and as the spreadsheet shows them: whole numbers without a point, no exponent, 15 significant digits", arguments: [
        ("42", "42"), ("42.0", "42"), ("-3", "-3"), ("95.5", "95.5"), ("1E-3", "0.001"), ("1.5e2", "150"), ("2.5E-7", "0.00000025"),
        ("n/a", "n/a"), ("1e400", "1e400"),
        ("93.09999999999999", "93.1"), ("0.30000000000000004", "0.3"), ("-0.1000000000000001", "-0.1"), ("2.9999999999999996", "3"),
        ("123456789.123456789", "123456789.123457"), ("-0", "0"),
        ("0", "0"), ("007", "7"), ("-007", "-7"), ("+5", "5"), ("123456789012345", "123456789012345"),
        ("1234567890123456", "1234567890123460"), ("12345678901234567", "12345678901234600"),
    ])
    func plainNumbers(text: String, plain: String) {
        #expect(ExcelNumberFormat.plainNumber(text) == plain)
    }
}
