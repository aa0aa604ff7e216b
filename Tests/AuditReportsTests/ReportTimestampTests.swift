import AuditReports
import Foundation
import Testing

@Suite("Report timestamp")
struct ReportTimestampTests {
    @Test("SOURCE_DATE_EPOCH pins the timestamp; without it the clock is used")
    func sourceDateEpoch() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000.75)
        #expect(try ReportTimestamp.resolve(environment: ["SOURCE_DATE_EPOCH": "1796025600"], now: now).iso8601 == "2026-11-30T08:00:00Z")
        #expect(try ReportTimestamp.resolve(environment: [:], now: now).secondsSinceEpoch == 1_700_000_000)
        #expect(try ReportTimestamp.resolve(environment: ["SOURCE_DATE_EPOCH": ""], now: now).secondsSinceEpoch == 1_700_000_000)
    }

    @Test("a malformed SOURCE_DATE_EPOCH is an error, not a silent fallback", arguments: ["yesterday", "-1", "1.5", "99999999999999"])
    func malformed(value: String) {
        #expect(throws: ReportTimestamp.InvalidSourceDateEpoch.self) {
            try ReportTimestamp.resolve(environment: ["SOURCE_DATE_EPOCH": value], now: Date())
        }
    }

    @Test("ISO 8601 in UTC, with and without the zone designator")
    func formatting() {
        #expect(ReportTimestamp(secondsSinceEpoch: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(ReportTimestamp(secondsSinceEpoch: 951_868_799).iso8601 == "2000-02-29T23:59:59Z")
        #expect(ReportTimestamp(secondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59Z")
        #expect(ReportTimestamp(secondsSinceEpoch: 1_796_025_600).iso8601WithoutZone == "2026-11-30T08:00:00")
    }
}
