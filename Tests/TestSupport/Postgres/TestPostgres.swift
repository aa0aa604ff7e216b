import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL server for the tests of the shared history store, and a fresh database on it
/// per test.
///
/// The server is the one `CXAUDIT_TEST_POSTGRES` names (.ci/run starts one), else one this
/// test process starts with `Scripts/start-test-postgres.sh` on a Unix socket and stops when
/// it exits. A machine without PostgreSQL's server programs fails these tests with the
/// script's message: they are never skipped silently.
public enum TestPostgres {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The server's address, e.g. `postgres://postgres@/postgres?host=/tmp/…/socket`.
    public static func server() throws -> String {
        try state.withLock { started in
            if started == nil { started = start() }
            return try started!.get()
        }
    }

    /// A new, empty database on the server; returns its address.
    public static func freshDatabase() throws -> String {
        let server = try server()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql(server, "CREATE DATABASE \(name)")
        return server.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
    }

    /// The server's TCP address for TLS connections: the loopback port and the CA that signed its
    /// certificate for `localhost` (Scripts/start-test-postgres.sh writes both next to the socket).
    public static func tls() throws -> (port: Int, certificateAuthority: String) {
        let server = try server()
        guard let socket = URLComponents(string: server)?.queryItems?.first(where: { $0.name == "host" })?.value,
            let port = URLComponents(string: server)?.queryItems?.first(where: { $0.name == "port" })?.value.flatMap({ Int($0) })
        else { throw Failure(description: "\(server) names no socket folder and port") }
        let folder = URL(fileURLWithPath: socket).deletingLastPathComponent()
        return (port, folder.appendingPathComponent("ca.crt").path)
    }

    /// Runs SQL with `psql`, an independent client, and returns its unaligned output.
    @discardableResult
    public static func psql(_ address: String, _ sql: String) throws -> String {
        let result = try run(["psql", address, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard result.status == 0 else { throw Failure(description: "psql failed on \(sql): \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    nonisolated(unsafe) private static var startedDirectory: String?
    private static let state = Mutex<Result<String, Failure>?>(nil)

    private static func start() -> Result<String, Failure> {
        if let address = ProcessInfo.processInfo.environment["CXAUDIT_TEST_POSTGRES"], !address.isEmpty {
            return .success(address)
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        // Short: a Unix socket path must fit in 107 bytes.
        let directory = "/tmp/cxpg-\(getpid())-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            let result = try run([repository.appendingPathComponent("Scripts/start-test-postgres.sh").path, directory + "/pg"])
            guard result.status == 0 else { return .failure(Failure(description: "cannot start PostgreSQL for the tests: \(result.output)")) }
            startedDirectory = directory
            atexit {
                guard let directory = TestPostgres.startedDirectory else { return }
                let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().deletingLastPathComponent()
                _ = try? TestPostgres.run([repository.appendingPathComponent("Scripts/start-test-postgres.sh").path, "--stop", directory + "/pg"])
                try? FileManager.default.removeItem(atPath: directory)
            }
            return .success(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            return .failure(Failure(description: "cannot start PostgreSQL for the tests: \(error)"))
        }
    }

    /// Runs a program to its end and returns its status and output. Spawned and awaited with
    /// `posix_spawnp` and `waitpid` rather than Foundation's `Process`, whose `waitUntilExit`
    /// was seen to miss the end of the script that starts the server (which leaves a daemon behind).
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cxpg-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let shell = ["/bin/sh", "-c", "exec \"$0\" \"$@\" >\"$CXPG_OUTPUT\" 2>&1 </dev/null"] + arguments
        var argv = shell.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["CXPG_OUTPUT"] = output.path
        var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, &envp)
        guard spawned == 0 else { throw Failure(description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        // A normal exit's status is in bits 8-15; a signal is reported as 128 + its number.
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
    }
}
