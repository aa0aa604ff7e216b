@testable import AuditEngine
import AuditModel
import CalendarDates
import Foundation
import LibXML
import Testing

@Suite("Parameter bindings")
struct ParameterBindingsTests {
    static let ruleset = ModelFixture.ruleset(parameters: [
        ModelFixture.parameter("window", .duration, "P12M"),
        ModelFixture.parameter("target", .percentage, "90"),
        ModelFixture.parameter("minimum", .integer, "3"),
        ModelFixture.parameter("strict", .boolean, "false"),
        ModelFixture.parameter("site", .string, "Leeds"),
    ])

    func profile(_ settings: [(String, String)]) -> Profile {
        Profile(
            id: "p", version: "1", title: "P", description: "", rulesetId: "rs", file: "p.xml", sha256: "c", selections: [],
            settings: settings.map { Profile.ParameterSetting(name: $0.0, value: $0.1, location: SourceLocation(file: "p.xml")) })
    }

    @Test("without a profile every parameter has the ruleset's default")
    func defaults() {
        let bindings = ParameterBindings(ruleset: Self.ruleset)
        #expect(bindings.values["window"] == .duration(ISODuration(months: 12)))
        #expect(bindings.values["target"] == .percentage(90))
        #expect(bindings.values.count == 5)
    }

    @Test("a profile's settings replace defaults; an ill-typed or unknown setting changes nothing")
    func profileSettings() {
        let bindings = ParameterBindings(
            ruleset: Self.ruleset, profile: profile([("window", "P6M"), ("target", "120"), ("minimum", "five"), ("unknown", "1"), ("strict", "true")]))
        #expect(bindings.values["window"] == .duration(ISODuration(months: 6)))
        #expect(bindings.values["target"] == .percentage(90), "120 is no percentage: the default stays")
        #expect(bindings.values["minimum"] == .integer(3))
        #expect(bindings.values["strict"] == .boolean(true))
        #expect(bindings.values["unknown"] == nil)
    }

    @Test("value attributes resolve literally or through $parameter")
    func resolving() {
        let bindings = ParameterBindings(ruleset: Self.ruleset)
        #expect(bindings.text(.literal("P30D")) == "P30D")
        #expect(bindings.text(.parameter("window")) == "P1Y", "the duration in its canonical form")
        #expect(bindings.duration(.parameter("window")) == ISODuration(months: 12))
        #expect(bindings.integer(.parameter("minimum")) == 3)
        #expect(bindings.integer(.literal("7")) == 7)
        #expect(bindings.number(.parameter("target")) == 90)
        #expect(bindings.text(.parameter("missing")) == "")
        #expect(bindings.integer(.parameter("missing")) == nil)
        #expect(bindings.duration(.literal("soon")) == nil)
    }

    @Test("parameters are bound as XPath variables of their natural type")
    func boundInXPath() throws {
        let document = try XMLDocument.parse(data: Data("<r/>".utf8), file: "r.xml")
        let context = XPathContext(document: document, environment: XPathEnvironment(asOf: CalendarDate(year: 2026, month: 6, day: 30)!))
        ParameterBindings(ruleset: Self.ruleset, profile: profile([("target", "92.5")])).bind(into: context)
        #expect(try context.evaluate("$target + 1").number == 93.5)
        #expect(try context.evaluate("$minimum * 2").number == 6)
        #expect(try context.evaluate("$strict").boolean == false)
        #expect(try context.evaluate("$window").string == "P1Y")
        #expect(try context.evaluate("$site").string == "Leeds")
    }
}
