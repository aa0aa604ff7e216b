import Foundation
import TestSupport
import Testing

/// Runs Python snippets the way an auditor's tools would read a pack: stock packages
/// (`bagit`, `securesystemslib`, `cryptography`) that .ci/run installs.
enum PythonTool {
    /// Runs `python3 -c code arguments…` in `folder`; standard output and error together.
    static func run(_ code: String, _ arguments: [String] = [], in folder: URL? = nil) throws -> (status: Int32, output: String) {
        try ExternalTool.run("python3", ["-c", code] + arguments, in: folder)
    }

    /// Whether `module` imports; records an issue naming the package to install when not,
    /// so a missing tool fails the test instead of silently passing it.
    static func require(_ module: String, package: String) throws -> Bool {
        let found = try run("import \(module)").status == 0
        if !found { Issue.record("python3 cannot import \(module): pip install \(package) (.ci/run does)") }
        return found
    }

    /// A scratch folder, removed by the caller.
    static func scratch(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes a pack's entries into `folder`, as `unzip` would.
    static func unzip(_ entries: [(path: String, data: Data)], into folder: URL) throws {
        for (path, data) in entries {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}
