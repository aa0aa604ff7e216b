import AuditHistory
import AuditModel
import Foundation
import Testing

@Suite("Group overview")
struct GroupOverviewTests {
    static let day: TimeInterval = 86_400
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// leeds reports daily, york stopped 10 days ago, bristol is expected but never reported.
    static func store() throws -> (HistoryStore, URL) {
        let url = HistoryStoreTests.temporaryStore()
        let store = try HistoryStore(url: url)
        for daysAgo in [20, 13, 6, 1] {
            _ = try store.record(
                HistoryStoreTests.run(score: daysAgo != 1), recordedAt: now.addingTimeInterval(-Double(daysAgo) * day), evidenceFolder: "ev", site: "leeds")
        }
        for daysAgo in [17, 10] {
            _ = try store.record(HistoryStoreTests.run(score: true), recordedAt: now.addingTimeInterval(-Double(daysAgo) * day), evidenceFolder: "ev", site: "york")
        }
        return (store, url)
    }

    @Test("a site without a run in the window, or never reported, is missing: no verdict, never conforming")
    func missingSites() throws {
        let (store, url) = try Self.store()
        defer { HistoryStoreTests.cleanUp(url) }
        let overview = try GroupOverview.read(
            from: store, store: "s", expectedSites: [("bristol", "Bristol store")], now: Self.now, windowDays: 7, periodDays: 7, periods: 3)
        #expect(overview.sites.map(\.id) == ["bristol", "leeds", "york"])
        #expect(overview.sites.map(\.status) == [.neverReported, .reporting, .stale])
        #expect(overview.missingSites.map(\.id) == ["bristol", "york"])
        let row = try #require(overview.clauses.first)
        #expect(row.clause == "9.1.2")
        // The latest leeds run (a day ago) failed the clause; york's old conforming verdict is not shown.
        #expect(row.verdicts == [nil, .minorNonconformity, nil])
        #expect(overview.sites[1].findings.map(\.fingerprint) == ["f1"])
        #expect(overview.sites[2].findings.isEmpty && overview.sites[2].latestRun != nil)
    }

    @Test("the trend counts each site's latest run in each period, and the sites without one")
    func trend() throws {
        let (store, url) = try Self.store()
        defer { HistoryStoreTests.cleanUp(url) }
        let overview = try GroupOverview.read(from: store, store: "s", now: Self.now, windowDays: 7, periodDays: 7, periods: 3)
        let trend = try #require(overview.clauses.first?.trend)
        // Periods, oldest first: 21-14 days ago (leeds 20, york 17), 14-7 (leeds 13, york 10), the last 7 days (leeds 6 and 1: 1 counts).
        #expect(trend.map(\.assessed) == [2, 2, 1])
        #expect(trend.map(\.conforming) == [2, 2, 0])
        #expect(trend.map(\.silent) == [0, 0, 1])
        #expect(trend.first?.start == "2026-12-25" && trend.first?.end == "2027-01-01")
    }
}
