import AuditPacks
import Foundation
import TestSupport
import Testing

/// Time-stamp requests and responses made by the openssl CLI, the way a stock TSA makes
/// them: `Scripts/test-tsa.py FOLDER certs` makes a test CA and TSA certificate, and
/// `openssl ts -reply` answers requests with them. python3 and openssl must be installed
/// (.ci/run's machine has them); a test that needs them fails, naming the missing tool.
struct OpenSSLTimestamps {
    let folder: URL

    /// A scratch folder with a CA, a TSA certificate and openssl's TSA configuration.
    init() throws {
        folder = try PythonTool.scratch("tsa")
        let script = SamplePack.repository.appendingPathComponent("Scripts/test-tsa.py")
        let made = try Self.run("python3", [script.path, folder.path, "certs"])
        guard made.status == 0, made.output.contains("READY") else {
            let message = "Scripts/test-tsa.py could not make the TSA certificates (python3 and openssl must be installed): \(made.output)"
            Issue.record(Comment(rawValue: message))
            throw OpenSSLFailure(message: message)
        }
    }

    /// The CA that issued the TSA's certificate (PEM).
    var caCertificate: URL { folder.appendingPathComponent("ca.pem") }

    /// `openssl ts -reply`'s DER response to `request`.
    func reply(to request: Data) throws -> Data {
        let query = folder.appendingPathComponent("query-\(UUID().uuidString).tsq")
        let response = folder.appendingPathComponent("reply-\(UUID().uuidString).tsr")
        try request.write(to: query)
        let made = try Self.run(
            "openssl", ["ts", "-reply", "-config", folder.appendingPathComponent("openssl.cnf").path, "-queryfile", query.path, "-out", response.path])
        guard made.status == 0 else { throw OpenSSLFailure(message: "openssl ts -reply failed: \(made.output)") }
        return try Data(contentsOf: response)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Runs `tool arguments…` from the PATH; standard output and error together.
    static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
        try ExternalTool.run(tool, arguments, in: directory)
    }
}

/// An openssl step of a test failed.
struct OpenSSLFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
