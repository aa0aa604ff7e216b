import Foundation
import TestSupport
import Testing

/// A real RFC 3161 time-stamping authority on loopback for the tests: `Scripts/test-tsa.py`,
/// which makes a test CA and TSA certificate with the openssl CLI and answers each POST with
/// `openssl ts -reply`. Both python3 and openssl must be installed (.ci/run's machine has
/// them): a test that needs one fails, naming it, rather than passing without checking.
struct LocalTSA {
    /// How the TSA answers (the script's MODE).
    enum Mode: String {
        case granting = "ok", http500, rejecting = "reject", stampingOtherBytes = "other", replaying = "replay"
    }

    static let script = CheckCommandTests.repository.appendingPathComponent("Scripts/test-tsa.py")

    /// Where the CA (`ca.pem`), the TSA's key and certificate and its configuration are.
    let folder: URL
    /// The TSA's endpoint.
    let url: String
    private let process: Process
    /// The server's standard input: it exits when this closes, so a crashed test run leaves no server behind.
    private let input = Pipe()

    /// The CA that issued the TSA's certificate, to give `verify --tsa-cert` and `openssl ts -verify -CAfile`.
    var caCertificate: String { folder.appendingPathComponent("ca.pem").path }

    /// Starts a TSA answering as `mode`, with certificates made in a new scratch folder.
    init(_ mode: Mode) throws {
        try Self.requireTools()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-tsa-\(UUID().uuidString)")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, folder.path, mode.rawValue]
        let out = Pipe()
        let err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The first line is "PORT n", once the certificates are made and the socket listens.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let words = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[0] == "PORT", let port = Int(words[1]) else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let reason = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw LocalTSAError(message: "Scripts/test-tsa.py did not start: \(reason)")
        }
        url = "http://127.0.0.1:\(port)/tsa"
    }

    /// Stops the server and removes its folder.
    func stop() {
        // SIGKILL: the test runner's threads block SIGTERM, and the child inherits that mask.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Fails the test, naming the missing tool, unless python3 and openssl run.
    static func requireTools() throws {
        for (tool, arguments) in [("python3", ["--version"]), ("openssl", ["version"])] {
            guard (try? run(tool, arguments).status) == 0 else {
                let message = "\(tool) is not installed: the time-stamp tests run a real TSA with it (apt-get install python3 openssl)"
                Issue.record(Comment(rawValue: message))
                throw LocalTSAError(message: message)
            }
        }
    }

    /// Runs `tool arguments…` from the PATH, in `folder`; standard output and error together.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
        try ExternalTool.run(tool, arguments, in: folder)
    }
}

/// The local TSA could not be started.
struct LocalTSAError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
