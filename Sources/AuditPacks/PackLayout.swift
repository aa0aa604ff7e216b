public import AuditModel
import Foundation
import SafeZip

/// Where everything goes inside an evidence pack, and the run as the pack's reports
/// must show it.
///
/// A pack is a BagIt bag (RFC 8493): the payload — everything the audit produced and
/// rests on — under `data/`, and tag files at the root (`bagit.txt`, `bag-info.txt`, the
/// manifests, `README.txt` pointing at `data/index.html`, the signed verdict and its
/// timestamp). The payload paths below (`index.html`, `report/…`, `evidence/…`) are
/// relative to `data/`: the reports, `run.json` and `index.html` name files that way, so
/// `data/` is a self-contained folder an auditor can re-run the audit in.
///
/// A run names its rulesets, profiles and waiver files as the user gave them — often
/// absolute paths on the machine that ran it. Inside a pack those names would point
/// nowhere and would make the pack depend on the host, so the layout gives every input
/// file a path in the pack and `packedRun` carries those paths instead.
public struct PackLayout: Sendable, Hashable {
    /// The bag's payload folder (RFC 8493 §2.1.2).
    public static let payloadFolder = "data"
    /// The bag declaration (RFC 8493 §2.1.1).
    public static let bagDeclaration = "bagit.txt"
    /// `bagit.txt`'s exact text: BagIt 1.0, tag files in UTF-8.
    public static let bagDeclarationText = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    /// A tag file for whoever unzips the pack: where to start, and how to check it.
    public static let readme = "README.txt"
    /// The signed verdict: an in-toto Statement in a DSSE envelope, one line of JSON.
    public static let verdict = "verdict.intoto.jsonl"
    /// The RFC 3161 time-stamp token over `verdict`, when the pack was time-stamped.
    public static let timestamp = "verdict.tsr"

    /// The path in the bag of a payload file (a path relative to `data/`).
    public static func bagPath(ofPayload path: String) -> String { payloadFolder + "/" + path }

    /// The page an auditor opens first.
    public static let index = "index.html"
    /// The HTML report.
    public static let htmlReport = "report/report.html"
    /// The JSON result document.
    public static let jsonResults = "report/results.json"
    /// OSCAL assessment-results.
    public static let oscalResults = "report/assessment-results.json"
    /// The traceability matrix as CSV.
    public static let traceabilityCSV = "report/traceability.csv"
    /// Run metadata (`PackMetadata`).
    public static let metadata = "run.json"
    /// The folder evidence files and the register keep their relative paths under.
    public static let evidenceFolder = "evidence"

    /// One input file of the run and its path in the pack.
    public struct InputFile: Sendable, Hashable {
        /// The file as the run names it (relative to the working directory of the run, or absolute).
        public let source: String
        /// Its path inside the pack.
        public let entry: String
        /// SHA-256 the run recorded for it, when the run records one (rulesets and profiles).
        public let sha256: String?
    }

    /// The rulesets, in the run's order.
    public let rulesets: [InputFile]
    /// The profiles, in the run's order.
    public let profiles: [InputFile]
    /// The waiver files, in order of their first waiver.
    public let waiverFiles: [InputFile]
    /// The register, relative to the evidence folder as the run names it, and its path in the pack.
    public let register: InputFile
    /// `run` with every ruleset, profile and waiver file named by its path in the pack,
    /// and any other absolute path cut to its file name: what the pack's reports render.
    public let packedRun: AuditRun

    /// Lays out the pack of `run`.
    public init(run: AuditRun) {
        var taken: Set<String> = []
        func place(_ source: String, in folder: String, sha256: String?) -> InputFile {
            let entry = Self.uniquePath(folder: folder, fileName: Self.fileName(of: source), taken: &taken)
            return InputFile(source: source, entry: entry, sha256: sha256)
        }
        rulesets = run.rulesets.map { place($0.file, in: "rulesets", sha256: $0.sha256) }
        profiles = run.profiles.map { place($0.file, in: "profiles", sha256: $0.sha256) }
        var waiverSources: [String] = []
        for waiver in run.waivers where !waiverSources.contains(waiver.location.file) {
            waiverSources.append(waiver.location.file)
        }
        waiverFiles = waiverSources.map { place($0, in: "waivers", sha256: nil) }
        let registerPath = SafeArchive.isSafe(run.evidence.register) ? run.evidence.register : "evidence-register.xml"
        register = InputFile(source: registerPath, entry: Self.evidenceEntry(registerPath), sha256: nil)

        var renamed: [String: String] = [:]
        for file in rulesets + profiles + waiverFiles { renamed[file.source] = file.entry }
        func relocate(_ path: String) -> String {
            if let entry = renamed[path] { return entry }
            return path.hasPrefix("/") ? Self.fileName(of: path) : path
        }
        var packed = run
        for index in packed.rulesets.indices { packed.rulesets[index].file = rulesets[index].entry }
        for index in packed.profiles.indices { packed.profiles[index].file = profiles[index].entry }
        for index in packed.waivers.indices { packed.waivers[index].location.file = relocate(packed.waivers[index].location.file) }
        for index in packed.findings.indices {
            if let file = packed.findings[index].waiver?.file { packed.findings[index].waiver?.file = relocate(file) }
        }
        for index in packed.diagnostics.indices {
            packed.diagnostics[index].location.file = relocate(packed.diagnostics[index].location.file)
        }
        if let file = packed.baseline?.file { packed.baseline?.file = relocate(file) }
        packedRun = packed
    }

    /// The pack path of an evidence file given relative to the evidence folder
    /// (`./` and repeated slashes dropped, so one file has one path).
    public static func evidenceEntry(_ file: String) -> String {
        ([evidenceFolder] + file.split(separator: "/").filter { $0 != "." }.map(String.init)).joined(separator: "/")
    }

    /// The reports and run metadata, in the order the index lists them.
    static let reports: [(path: String, title: String)] = [
        (htmlReport, "HTML report"), (traceabilityCSV, "Traceability matrix (CSV)"), (jsonResults, "JSON results"),
        (oscalResults, "OSCAL assessment-results"), (metadata, "Run metadata"),
    ]

    static func fileName(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        return SafeArchive.isSafe(name) && name != "." ? name : "file"
    }

    /// `folder/name`, or `folder/stem-2.ext`, `-3`… when that path is taken.
    static func uniquePath(folder: String, fileName: String, taken: inout Set<String>) -> String {
        var candidate = folder + "/" + fileName
        var counter = 2
        let stem = (fileName as NSString).deletingPathExtension
        let fileExtension = (fileName as NSString).pathExtension
        while taken.contains(candidate) {
            candidate = folder + "/" + stem + "-\(counter)" + (fileExtension.isEmpty ? "" : "." + fileExtension)
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
