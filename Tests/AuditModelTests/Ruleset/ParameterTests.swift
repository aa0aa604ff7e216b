import AuditModel
import CalendarDates
import Testing

@Suite("Parameters")
struct ParameterTests {
    @Test("text is parsed as a value of the parameter's type, white space around it ignored", arguments: [
        (ParameterType.integer, " 12 ", ParameterValue.integer(12)),
        (.integer, "-3", .integer(-3)),
        (.decimal, "4.25", .decimal(4.25)),
        (.decimal, "7", .decimal(7)),
        (.percentage, "0", .percentage(0)),
        (.percentage, "95.5", .percentage(95.5)),
        (.percentage, "100", .percentage(100)),
        (.duration, "P6M", .duration(ISODuration(months: 6))),
        (.duration, "\tP30D\n", .duration(ISODuration(days: 30))),
        (.date, "2026-02-28", .date(CalendarDate(year: 2026, month: 2, day: 28)!)),
        (.boolean, "true", .boolean(true)),
        (.boolean, "1", .boolean(true)),
        (.boolean, " false ", .boolean(false)),
        (.boolean, "0", .boolean(false)),
    ])
    func parses(type: ParameterType, text: String, value: ParameterValue) {
        #expect(type.parse(text) == value)
    }

    @Test("text that is not a value of the type is refused", arguments: [
        (ParameterType.integer, "1.5"), (.integer, "twelve"), (.integer, ""),
        (.decimal, "inf"), (.decimal, "nan"), (.decimal, "4,25"),
        (.percentage, "100.5"), (.percentage, "-1"), (.percentage, "95%"),
        (.duration, "6 months"), (.date, "2026-02-30"), (.date, "30/11/2026"),
        (.boolean, "yes"), (.boolean, "TRUE"),
    ])
    func refuses(type: ParameterType, text: String) {
        #expect(type.parse(text) == nil)
    }

    @Test("a string parameter keeps its text as written")
    func strings() {
        #expect(ParameterType.string.parse("  Leeds site ") == .string("  Leeds site "))
    }

    @Test("a value reads back as it is written in a ruleset", arguments: [
        (ParameterValue.integer(12), "12"),
        (.decimal(95), "95"),
        (.decimal(4.25), "4.25"),
        (.percentage(80), "80"),
        (.percentage(12.5), "12.5"),
        (.decimal(1e20), "1e+20"),
        (.duration(ISODuration(months: 6)), "P6M"),
        (.date(CalendarDate(year: 2026, month: 1, day: 2)!), "2026-01-02"),
        (.string("Leeds"), "Leeds"),
        (.boolean(true), "true"),
        (.boolean(false), "false"),
    ])
    func text(value: ParameterValue, text: String) {
        #expect(value.text == text)
    }

    @Test("parsing a value's text gives the value back", arguments: ParameterType.allCases)
    func roundTrip(type: ParameterType) throws {
        let samples: [ParameterType: String] = [
            .integer: "42", .decimal: "0.75", .percentage: "12.5", .duration: "P1Y2M", .date: "2026-11-30", .string: "text", .boolean: "false",
        ]
        let sample = try #require(samples[type])
        let value = try #require(type.parse(sample))
        #expect(type.parse(value.text) == value)
    }
}
