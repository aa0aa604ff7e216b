@testable import AuditHistory
import AuditModel
import Foundation
import Testing

@Suite("PostgreSQL credentials")
struct PostgresCredentialsTests {
    let address = try! PostgresAddress(parsing: "postgres://db.example:5433/quality")

    @Test("the user comes from the address, else PGUSER; the password from PGPASSWORD first")
    func environment() throws {
        let named = try PostgresCredentials(address: PostgresAddress(parsing: "postgres://cx@db.example/q"), environment: ["PGUSER": "other"])
        #expect(named.user == "cx")
        let fromEnvironment = try PostgresCredentials(address: address, environment: ["PGUSER": "job", "PGPASSWORD": "pw", "PGPASSFILE": "/none"])
        #expect(fromEnvironment == PostgresCredentials(user: "job", password: "pw"))
    }

    @Test("a password file is read as psql reads it: first matching line, * wildcards, escaped colons")
    func passwordFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            # comment
            other.example:5433:quality:job:wrong
            db.example:5433:quality:job:pa\\:ss
            *:*:*:job:fallback
            """.write(to: file, atomically: true, encoding: .utf8)
        let credentials = try PostgresCredentials(address: address, environment: ["PGUSER": "job", "PGPASSFILE": file.path])
        #expect(credentials.password == "pa:ss")
        let other = try PostgresCredentials(address: PostgresAddress(parsing: "postgres://job@elsewhere/x"), environment: ["PGPASSFILE": file.path])
        #expect(other.password == "fallback")
        let nobody = try PostgresCredentials(address: PostgresAddress(parsing: "postgres://ann@elsewhere/x"), environment: ["PGPASSFILE": file.path])
        #expect(nobody.password == nil)
    }

    @Test("a PGPASSFILE that does not exist is an error, not a silent login without a password")
    func missingFile() {
        #expect(throws: HistoryError.self) {
            try PostgresCredentials(address: address, environment: ["PGUSER": "job", "PGPASSFILE": "/nonexistent/pgpass"])
        }
    }
}
