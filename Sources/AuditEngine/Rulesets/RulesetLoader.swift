import AuditEvidence
public import AuditModel
public import Foundation
import LibXML

/// Loads ruleset files: schema validation first, then the language's own rules
/// (unique ids, defined parameters, XPath that compiles), all before any evaluation.
public struct RulesetLoader: Sendable {
    /// The ruleset language's namespace.
    public static let namespace = "urn:cxaudit:ruleset:1"

    private let input: SchemaValidatedLoader

    /// - Parameter schema: `Rulesets/schema/ruleset-1.rng`.
    public init(schema: URL) throws(RulesetError) {
        input = try SchemaValidatedLoader(schema: schema, reportingAs: RulesetError.init)
    }

    /// Loads one ruleset.
    ///
    /// - Parameters:
    ///   - url: The ruleset file.
    ///   - displayName: How the file is named in messages (defaults to its path).
    /// - Throws: `RulesetError` listing every problem with its line.
    public func load(_ url: URL, displayName: String? = nil) throws(RulesetError) -> Ruleset {
        let inspection = inspect(url, displayName: displayName, checkLanguageDespiteSchemaProblems: false)
        if let unreadable = inspection.unreadable {
            throw .unreadable(file: inspection.file, diagnostics: unreadable.diagnostics)
        }
        if !inspection.schemaProblems.isEmpty {
            throw .invalid(file: inspection.file, diagnostics: inspection.schemaProblems)
        }
        guard let ruleset = inspection.ruleset, inspection.languageProblems.isEmpty else {
            throw .invalid(file: inspection.file, diagnostics: inspection.languageProblems)
        }
        return ruleset
    }

    /// Runs every loading stage that can run and keeps what each found, for `load`
    /// (which stops at the first stage with problems) and for lint (which reports them all).
    ///
    /// - Parameter checkLanguageDespiteSchemaProblems: Read the model and check the
    ///   language's rules even when the schema rejects the document.
    func inspect(_ url: URL, displayName: String?, checkLanguageDespiteSchemaProblems: Bool) -> RulesetInspection {
        let name = displayName ?? url.path
        var inspection = RulesetInspection(file: name)
        let file: XMLInputFile
        do {
            file = try input.read(url, displayName: name, kind: "ruleset")
        } catch {
            inspection.unreadable = RulesetInspection.Unreadable(
                isFileMissingOrUnreadable: error.stage == .reading, diagnostics: error.diagnostics)
            return inspection
        }
        inspection.document = file.document
        inspection.schemaProblems = input.violations(of: file)
        guard inspection.schemaProblems.isEmpty || checkLanguageDespiteSchemaProblems else { return inspection }
        // A document that is not a ruleset at all would only yield noise from the language check.
        guard file.root.localName == "ruleset", file.root.namespaceURI == Self.namespace else { return inspection }
        var reader = RulesetReader(file: name)
        let ruleset = reader.read(file.root, sha256: SHA256Digest.hex(of: file.data))
        let problems = reader.diagnostics + RulesetSemanticCheck(ruleset: ruleset).problems()
        inspection.languageProblems = problems.sorted { ($0.location.line ?? 0) < ($1.location.line ?? 0) }
        inspection.ruleset = ruleset
        return inspection
    }
}

/// What the stages of loading found in one ruleset file.
struct RulesetInspection {
    /// The file could not be read, or is not well-formed XML; no later stage ran.
    struct Unreadable {
        /// True when the file itself could not be read (as opposed to not being well-formed).
        var isFileMissingOrUnreadable: Bool
        var diagnostics: [Diagnostic]
    }

    /// The file as named in messages.
    let file: String
    var unreadable: Unreadable?
    /// The parsed document, when the file is well-formed XML.
    var document: XMLDocument?
    var schemaProblems: [Diagnostic] = []
    /// Problems the reader and the semantic check found, sorted by line.
    var languageProblems: [Diagnostic] = []
    /// The model as read, even when it has problems; nil when the language stage did not run.
    var ruleset: Ruleset?
}
