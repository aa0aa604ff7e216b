import AuditModel
import Foundation
import Testing

@Suite("Measurements")
struct MeasurementTests {
    @Test("a measured number is kept with its displayed value")
    func keepsNumbers() {
        let measurement = Measurement(name: "late-share", value: "12.5", number: 12.5)
        #expect(measurement.number == 12.5)
        #expect(measurement.value == "12.5")
        #expect(Measurement(name: "item", value: "CL-1").number == nil)
    }

    @Test("a number that is not finite is dropped, so the JSON document stays valid", arguments: [Double.nan, .infinity, -.infinity])
    func dropsNonFinite(number: Double) throws {
        let measurement = Measurement(name: "slope", value: "n/a", number: number)
        #expect(measurement.number == nil)
        #expect(measurement.value == "n/a")
        #expect(try roundTrip(measurement) == measurement)
    }
}
