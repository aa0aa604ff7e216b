import AuditModel
import Foundation
import Testing

@Suite("Value conventions")
struct ValueConventionsTests {
    static let european = ValueConventions(dateFormat: .dayMonthYearDot, timeZone: "Europe/Berlin", decimalSeparator: ",", thousandsSeparator: ".")

    @Test("what an override declares takes precedence; what it leaves out is kept")
    func overridden() {
        let column = ValueConventions(dateFormat: .excelSerial, decimalSeparator: ".")
        let effective = Self.european.overridden(by: column)
        #expect(effective.dateFormat == .excelSerial)
        #expect(effective.decimalSeparator == ".")
        #expect(effective.timeZone == "Europe/Berlin")
        #expect(effective.thousandsSeparator == ".")
    }

    @Test("an empty override changes nothing, and overriding nothing gives the override")
    func overriddenByNothing() {
        #expect(Self.european.overridden(by: ValueConventions()) == Self.european)
        #expect(ValueConventions().overridden(by: Self.european) == Self.european)
    }

    @Test("separators survive JSON encoding as one-character strings")
    func codable() throws {
        #expect(try roundTrip(Self.european) == Self.european)
        let object = try jsonObject(Self.european)
        #expect(object["decimalSeparator"] as? String == ",")
        #expect(object["thousandsSeparator"] as? String == ".")
        #expect(object["dateFormat"] as? String == "DD.MM.YYYY")
        let spaced = ValueConventions(thousandsSeparator: "\u{00A0}")
        #expect(try roundTrip(spaced).thousandsSeparator == "\u{00A0}")
    }

    @Test("conventions that declare nothing write nothing, and read back as nothing")
    func empty() throws {
        #expect(try jsonObject(ValueConventions()).isEmpty)
        #expect(try JSONDecoder().decode(ValueConventions.self, from: Data("{}".utf8)) == ValueConventions())
    }

    @Test("a separator written as a longer string is read as its first character; an empty one as none")
    func decodingSeparators() throws {
        let decoded = try JSONDecoder().decode(ValueConventions.self, from: Data(#"{"decimalSeparator": ",,", "thousandsSeparator": ""}"#.utf8))
        #expect(decoded.decimalSeparator == ",")
        #expect(decoded.thousandsSeparator == nil)
    }

    @Test("date layouts are written as the register declares them")
    func dateFormats() {
        #expect(ValueConventions.DateFormat.allCases.map(\.rawValue) == [
            "YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY", "DD-MM-YYYY", "YYYY/MM/DD", "excel-serial",
        ])
    }

    @Test("a field mapping survives JSON encoding with its values and conventions")
    func fieldMapping() throws {
        let mapping = FieldMapping(
            field: "status", column: "State", values: ["Closed – resolved": "closed", "Open": "open"],
            conventions: ValueConventions(dateFormat: .dayMonthYearSlash), location: SourceLocation(file: "evidence-register.xml", line: 12))
        #expect(try roundTrip(mapping) == mapping)
        #expect(FieldMapping(field: "received", column: nil, location: SourceLocation(file: "r.xml")).values.isEmpty)
    }
}
