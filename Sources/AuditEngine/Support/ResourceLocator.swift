import AuditEvidence
import AuditModel
public import Foundation

/// Finds the folder that holds cxaudit's shipped `Rulesets/` (with the schemas)
/// and the sample `Evidence/`.
///
/// Looked up in order: an explicit folder; `$CXAUDIT_HOME`; the executable's
/// folder and its ancestors (covers `swift run` and `.build/debug/cxaudit`) and
/// `../share/cxaudit` next to an installed binary; the working directory and its ancestors.
public struct ResourceLocator: Sendable {
    /// The folder containing `Rulesets/schema/`.
    public let home: URL

    static let marker = "Rulesets/schema/ruleset-1.rng"

    public init(home: URL) {
        self.home = home
    }

    /// Searches the usual places; nil when none holds the schemas.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> ResourceLocator? {
        var candidates: [URL] = []
        if let explicit = environment["CXAUDIT_HOME"], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        candidates.append(folder.appendingPathComponent("../share/cxaudit").standardizedFileURL)
        for _ in 0..<6 {
            candidates.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        var working = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            candidates.append(working)
            working = working.deletingLastPathComponent()
        }
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
            return ResourceLocator(home: candidate.standardizedFileURL)
        }
        return nil
    }

    /// A ruleset, profile or waiver file named by the user: where it is, or — for a relative
    /// path not found from the working directory, as the README's `Rulesets/profiles/…` — the
    /// same path under cxaudit's home, so commands work outside a checkout.
    ///
    /// - Parameter kind: What the file is, for the message (`profile`).
    /// - Throws: `RulesetError.unreadable` naming every place looked in, when it is in none.
    public func find(_ url: URL, kind: String, displayName: String? = nil) throws(RulesetError) -> URL {
        if FileManager.default.fileExists(atPath: url.path) { return url }
        var looked = [url.path]
        if url.baseURL != nil, !url.relativePath.hasPrefix("/") {
            let underHome = home.appendingPathComponent(url.relativePath).standardizedFileURL
            if FileManager.default.fileExists(atPath: underHome.path) { return underHome }
            if underHome.path != url.standardizedFileURL.path { looked.append(underHome.path) }
        }
        // A near miss in a folder looked in ("organisation" for "organization").
        let neighbours = looked.flatMap { path -> [String] in
            let folder = (path as NSString).deletingLastPathComponent
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }
        }
        let suggestion = NameSuggestion.closest(to: [url.lastPathComponent], among: neighbours).map { "; did you mean \($0)?" } ?? ""
        let name = displayName ?? url.relativePath
        let places = looked.count > 1
            ? "looked for \(looked.joined(separator: " and ")) (from the working directory, then from cxaudit's home; CXAUDIT_HOME sets the home)"
            : "looked for \(looked[0])"
        throw .unreadable(
            file: name, diagnostics: [Diagnostic(location: SourceLocation(file: name), message: "cannot find the \(kind): no such file; \(places)\(suggestion)")])
    }

    public var rulesetsFolder: URL { home.appendingPathComponent("Rulesets") }
    public var rulesetSchema: URL { home.appendingPathComponent("Rulesets/schema/ruleset-1.rng") }
    public var registerSchema: URL { home.appendingPathComponent("Rulesets/schema/evidence-register-1.rng") }
    public var profileSchema: URL { home.appendingPathComponent("Rulesets/schema/profile-1.rng") }
    public var waiverSchema: URL { home.appendingPathComponent("Rulesets/schema/waivers-1.rng") }
    /// The ruleset `cxaudit check` runs when none is named.
    public var defaultRuleset: URL { home.appendingPathComponent("Rulesets/iso9001-2015-customer-improvement.xml") }
    /// The small example ruleset, one rule per kind of check.
    public var starterRuleset: URL { home.appendingPathComponent("Rulesets/cx-starter.xml") }
    /// The sample organization `cxaudit check` audits when no folder is named.
    public var defaultEvidence: URL { home.appendingPathComponent("Evidence/northwind") }
}
