import Foundation
import Testing

@testable import AuditHistory

@Suite("History errors")
struct HistoryErrorTests {
    static let path = "/srv/acme/.cxaudit/history.sqlite"

    static let errors: [HistoryError] = [
        .missing(path: path), .newerVersion(path: path, version: 9), .notAStore(path: path, reason: "file is not a database"),
        .unwritable(path: path, reason: "read-only file system"), .busy(path: path, seconds: 30), .noSuchRun(path: path, id: 12),
        .failed(path: path, reason: "disk I/O error"),
    ]

    @Test("every error names the store's path first, as a job log line", arguments: errors)
    func path(error: HistoryError) throws {
        #expect(error.path == Self.path)
        #expect(try #require(error.errorDescription).hasPrefix("\(Self.path): error: "))
    }

    @Test("each error says what to do")
    func advice() {
        #expect(HistoryError.missing(path: Self.path).errorDescription?.contains("cxaudit check --history") == true)
        #expect(HistoryError.newerVersion(path: Self.path, version: 9).errorDescription?.contains("schema version 9, newer than this cxaudit understands (\(HistoryStore.schemaVersion))") == true)
        #expect(HistoryError.notAStore(path: Self.path, reason: "r").errorDescription?.contains("move it aside") == true)
        #expect(HistoryError.unwritable(path: Self.path, reason: "r").errorDescription?.contains("--history-store") == true)
        #expect(HistoryError.busy(path: Self.path, seconds: 30).errorDescription?.contains("locked by another process for 30 seconds") == true)
        #expect(HistoryError.noSuchRun(path: Self.path, id: 12).errorDescription?.contains("no run #12 in the history store") == true)
    }

    @Test("a history error passes through as it is; any other failure is reported with its description")
    func mapping() {
        #expect(HistoryError.from(HistoryError.busy(path: "a", seconds: 5), path: "b", busyTimeout: 30) == .busy(path: "a", seconds: 5))
        let other = NSError(domain: "test", code: 1, userInfo: [NSLocalizedDescriptionKey: "something broke"])
        #expect(HistoryError.from(other, path: Self.path, busyTimeout: 30) == .failed(path: Self.path, reason: "something broke"))
    }
}
