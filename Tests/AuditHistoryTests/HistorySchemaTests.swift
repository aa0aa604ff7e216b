import AuditModel
import Foundation
import Testing

@testable import AuditHistory

@Suite("History schema")
struct HistorySchemaTests {
    @Test("the schema version this build writes is the one the store reports")
    func version() {
        #expect(HistorySchema.version == 4)
        #expect(HistoryStore.schemaVersion == HistorySchema.version)
    }

    @Test("version 1's ruleset and profile lists are read back as id and version", arguments: [
        ("rs 1.0.0", [("rs", "1.0.0")]),
        ("rs 1.0.0, other 2.1", [("rs", "1.0.0"), ("other", "2.1")]),
        ("rs", [("rs", "")]),
        ("", []),
        (" , ", []),
    ])
    func parseList(text: String, expected: [(String, String)]) {
        let parsed = HistorySchema.parseList(text)
        #expect(parsed.map(\.id) == expected.map(\.0))
        #expect(parsed.map(\.version) == expected.map(\.1))
    }

    @Test("a new store is at the current version, visible to sqlite3 as user_version, with every table")
    func newStore() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-schema-\(UUID().uuidString)/history.sqlite")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        _ = try HistoryStore(url: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            assert c.execute('PRAGMA user_version').fetchone()[0] == int(sys.argv[2])
            tables = {row[0] for row in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            assert {'run', 'clauseResult', 'finding', 'runRuleset', 'runProfile'} <= tables, tables
            """,
            url.path, String(HistorySchema.version),
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
