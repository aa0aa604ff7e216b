public import AuditEngine
public import AuditEvidence
public import AuditModel
import CFuzzDriver
public import Foundation

/// What every fuzz target shares: running libFuzzer, finding the repository's
/// schemas, and a scratch folder for inputs the loaders only read from disk.
public enum Fuzzing {
    /// Runs libFuzzer's driver on `testOneInput` (which each target also exports as
    /// `LLVMFuzzerTestOneInput`) and exits with its status.
    public static func run(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        exit(cxaudit_fuzz_run_driver(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
    }

    /// The input libFuzzer passed, as `Data`.
    public static func data(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Data {
        guard let bytes, size > 0 else { return Data() }
        return Data(bytes: bytes, count: size)
    }

    /// The checkout's shipped resources (`Rulesets/schema/*.rng`): `$CXAUDIT_HOME`, which
    /// Scripts/fuzz.sh sets, else the repository this file is in.
    public static let resources: ResourceLocator = {
        if let home = ProcessInfo.processInfo.environment["CXAUDIT_HOME"], !home.isEmpty {
            return ResourceLocator(home: URL(fileURLWithPath: home))
        }
        return ResourceLocator(
            home: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
    }()

    /// A folder of this process's own (`$CXAUDIT_FUZZ_SCRATCH/<pid>`, else under the
    /// temporary directory) where inputs are written for the loaders that read files.
    public static let scratch: URL = {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["CXAUDIT_FUZZ_SCRATCH"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-fuzz")
        let folder = base.appendingPathComponent(String(ProcessInfo.processInfo.processIdentifier))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot create the fuzz scratch folder \(folder.path): \(error)")
        }
        return folder
    }()

    /// Writes `data` to `url`, replacing it; a fuzz run cannot go on without it.
    public static func write(_ data: Data, to url: URL) {
        do {
            try data.write(to: url)
        } catch {
            fatalError("cannot write fuzz input to \(url.path): \(error)")
        }
    }

    /// An evidence item as a register would declare it.
    public static func item(format: EvidenceFormat, delimiter: String? = nil) -> EvidenceItem {
        EvidenceItem(
            id: "FUZZ", type: "fuzz-input", file: "input.\(format.rawValue)", format: format, date: nil, periodStart: nil,
            periodEnd: nil, owner: nil, process: nil, site: nil, title: nil, delimiter: delimiter,
            location: SourceLocation(file: EvidenceFolder.registerFileName, line: 1))
    }
}
