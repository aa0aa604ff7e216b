import GRDB

/// The store's tables and how each version of them is reached from the previous one.
///
/// Migrations are append-only: a released migration is never edited, because stores
/// it created are out in evidence folders. Each migration also sets `PRAGMA
/// user_version` to its number inside its own transaction, so the version is visible
/// to `sqlite3` and to older cxaudit builds, which refuse a store newer than they know.
enum HistorySchema {
    /// The schema version this build writes.
    static let version = 4

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("recordedAt", .text).notNull()
                table.column("asOf", .text).notNull()
                table.column("toolVersion", .text).notNull()
                table.column("evidenceFolder", .text).notNull()
                table.column("organization", .text).notNull()
                table.column("rulesets", .text).notNull()
                table.column("profiles", .text).notNull()
                table.column("score", .double)
                table.column("major", .integer).notNull()
                table.column("minor", .integer).notNull()
                table.column("ofi", .integer).notNull()
                table.column("passed", .integer).notNull()
                table.column("failed", .integer).notNull()
                table.column("errors", .integer).notNull()
                table.column("incomplete", .boolean).notNull()
            }
            try db.create(table: "clauseResult") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("rulesetId", .text).notNull()
                table.column("clause", .text).notNull()
                table.column("title", .text).notNull()
                table.column("verdict", .text).notNull()
                table.column("score", .double)
                table.primaryKey(["runId", "rulesetId", "clause"])
            }
            try db.create(table: "finding") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("fingerprint", .text).notNull()
                table.column("rulesetId", .text).notNull()
                table.column("ruleId", .text).notNull()
                table.column("grade", .text).notNull()
                table.column("clause", .text).notNull()
                table.column("itemId", .text)
                table.column("recordKey", .text)
                table.column("waived", .boolean).notNull()
                table.column("statement", .text).notNull()
            }
            try db.create(index: "finding_run", on: "finding", columns: ["runId"])
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        // v2: rulesets and profiles as rows with their hashes, every result status
        // counted, waived findings counted, and indexes for trends and fingerprints.
        migrator.registerMigration("v2") { db in
            try db.alter(table: "run") { table in
                table.add(column: "notApplicable", .integer).notNull().defaults(to: 0)
                table.add(column: "notChecked", .integer).notNull().defaults(to: 0)
                table.add(column: "waived", .integer).notNull().defaults(to: 0)
                table.add(column: "waivedFindings", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "runRuleset") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("position", .integer).notNull()
                table.column("rulesetId", .text).notNull()
                table.column("version", .text).notNull()
                table.column("title", .text)
                table.column("sha256", .text)
                table.primaryKey(["runId", "position"])
            }
            try db.create(table: "runProfile") { table in
                table.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                table.column("position", .integer).notNull()
                table.column("profileId", .text).notNull()
                table.column("version", .text).notNull()
                table.column("rulesetId", .text)
                table.column("sha256", .text)
                table.primaryKey(["runId", "position"])
            }
            try db.create(index: "clauseResult_clause", on: "clauseResult", columns: ["clause", "rulesetId"])
            try db.create(index: "finding_fingerprint", on: "finding", columns: ["fingerprint"])
            // Runs recorded by v1 kept rulesets and profiles as "id version, id version".
            for row in try Row.fetchAll(db, sql: "SELECT id, rulesets, profiles FROM run") {
                let runId: Int64 = row["id"]
                for (position, (id, version)) in parseList(row["rulesets"]).enumerated() {
                    try db.execute(
                        sql: "INSERT INTO runRuleset (runId, position, rulesetId, version) VALUES (?, ?, ?, ?)",
                        arguments: [runId, position, id, version])
                }
                for (position, (id, version)) in parseList(row["profiles"]).enumerated() {
                    try db.execute(
                        sql: "INSERT INTO runProfile (runId, position, profileId, version) VALUES (?, ?, ?, ?)",
                        arguments: [runId, position, id, version])
                }
            }
            try db.execute(sql: "UPDATE run SET waivedFindings = (SELECT count(*) FROM finding WHERE finding.runId = run.id AND finding.waived)")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        // v3: each ruleset's edition (the standard and edition it audits against), so a trend can
        // show where the edition changed instead of comparing scores across it. Runs recorded
        // before have none: where it changed then is not known.
        migrator.registerMigration("v3") { db in
            try db.alter(table: "runRuleset") { table in
                table.add(column: "edition", .text)
            }
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        // v4: the site each run audited, for the group view over many sites. Runs recorded before
        // audited their organization as a whole.
        migrator.registerMigration("v4") { db in
            try db.alter(table: "run") { table in
                table.add(column: "site", .text).notNull().defaults(to: "")
            }
            try db.execute(sql: "UPDATE run SET site = organization")
            try db.create(index: "run_site", on: "run", columns: ["site", "recordedAt"])
            try db.execute(sql: "PRAGMA user_version = 4")
        }
        return migrator
    }

    /// "id version, id version" as v1 stored it; ids and versions contain no spaces.
    static func parseList(_ text: String) -> [(id: String, version: String)] {
        text.split(separator: ",").compactMap { entry in
            let parts = entry.split(separator: " ", omittingEmptySubsequences: true)
            guard let id = parts.first else { return nil }
            return (String(id), parts.dropFirst().joined(separator: " "))
        }
    }

    /// True when the database has tables but none of ours: another program's database,
    /// which must not get our tables added to it.
    static func isForeign(_ db: Database) throws -> Bool {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return !tables.isEmpty && !tables.contains("grdb_migrations") && !tables.contains("run")
    }
}
