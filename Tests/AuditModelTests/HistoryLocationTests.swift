import AuditModel
import Foundation
import Testing

@Suite("History location")
struct HistoryLocationTests {
    let base = URL(fileURLWithPath: "/srv/evidence")

    @Test("a path is a file, relative to the base folder")
    func paths() throws {
        #expect(try HistoryLocation("history.sqlite", relativeTo: base) == .file(URL(fileURLWithPath: "/srv/evidence/history.sqlite")))
        #expect(try HistoryLocation("/var/cx/h.sqlite", relativeTo: base) == .file(URL(fileURLWithPath: "/var/cx/h.sqlite")))
        #expect(try HistoryLocation("../h.sqlite", relativeTo: base).description == "/srv/h.sqlite")
    }

    @Test("postgres addresses: host, port, user, database, socket folder and TLS mode, shown without credentials")
    func addresses() throws {
        guard case let .postgres(tcp) = try HistoryLocation("postgres://cx@db.example:5433/quality?sslmode=require", relativeTo: base) else {
            Issue.record("not an address")
            return
        }
        #expect(tcp.host == "db.example" && tcp.port == 5433 && tcp.user == "cx" && tcp.database == "quality" && tcp.tls == .require)
        #expect(tcp.socketPath == nil)
        #expect(tcp.description == "postgres://cx@db.example:5433/quality?sslmode=require")

        let socket = try PostgresAddress(parsing: "postgresql:///quality?host=/run/postgresql")
        #expect(socket.host == nil && socket.socketPath == "/run/postgresql/.s.PGSQL.5432" && socket.tls == .disable && socket.user == nil)
        #expect(socket.description == "postgres:///quality?host=/run/postgresql")

        let plain = try PostgresAddress(parsing: "postgres://db.example/quality")
        #expect(plain.tls == .prefer && plain.port == 5432)
        let verified = try PostgresAddress(parsing: "postgres://db.example/quality?sslmode=verify-full&sslrootcert=/etc/cx/ca.pem")
        #expect(verified.tls == .verifyFull && verified.rootCertificate == "/etc/cx/ca.pem")
    }

    @Test("a password in the address is refused, and the message does not repeat it")
    func passwordRefused() {
        for text in ["postgres://cx:s3cret@db.example/quality", "postgres://cx@db.example/quality?password=s3cret"] {
            #expect {
                try HistoryLocation(text, relativeTo: base)
            } throws: { error in
                let message = (error as? HistoryLocationError)?.errorDescription ?? ""
                return message.contains("PGPASSWORD") && !message.contains("s3cret")
            }
        }
    }

    @Test("what cannot be used as written is refused: no database, no server, an unknown option, another scheme")
    func malformed() {
        let refused = [
            "postgres://db.example/", "postgres:///quality", "postgres://db.example/quality?sslmod=require",
            "postgres://db.example/quality?sslmode=sometimes", "postgres://db.example/quality?sslmode=verify-ca",
            "postgres://db.example/quality?host=db2", "mysql://db.example/quality",
        ]
        for text in refused {
            #expect(throws: HistoryLocationError.self, "\(text)") { try HistoryLocation(text, relativeTo: base) }
        }
    }
}
