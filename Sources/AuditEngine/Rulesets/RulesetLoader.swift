public import AuditModel
public import Foundation
import LibXML

/// Loads ruleset files: schema validation first, then the language's own rules
/// (unique ids, defined parameters, XPath that compiles), all before any evaluation.
public struct RulesetLoader: Sendable {
    /// The ruleset language's namespace.
    public static let namespace = "urn:cxaudit:ruleset:1"

    private let schema: RelaxNGSchema

    /// - Parameter schema: `Rulesets/schema/ruleset-1.rng`.
    public init(schema: URL) throws(RulesetError) {
        do {
            self.schema = try RelaxNGSchema(contentsOf: schema)
        } catch {
            throw .unreadable(
                file: schema.path, diagnostics: [Diagnostic(location: SourceLocation(file: schema.path), message: error.localizedDescription)])
        }
    }

    /// Loads one ruleset.
    ///
    /// - Parameters:
    ///   - url: The ruleset file.
    ///   - displayName: How the file is named in messages (defaults to its path).
    /// - Throws: `RulesetError` listing every problem with its line.
    public func load(_ url: URL, displayName: String? = nil) throws(RulesetError) -> Ruleset {
        let name = displayName ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(
                file: name,
                diagnostics: [Diagnostic(location: SourceLocation(file: name), message: "cannot read ruleset: \(error.localizedDescription)")])
        }
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(data: data, file: name)
        } catch {
            throw .unreadable(file: name, diagnostics: Diagnostic.from(error))
        }
        let violations = schema.validate(document)
        if !violations.isEmpty {
            throw .invalid(file: name, diagnostics: violations.map(Diagnostic.init))
        }
        guard let root = document.root else {
            throw .invalid(file: name, diagnostics: [Diagnostic(location: SourceLocation(file: name), message: "no root element")])
        }
        var reader = RulesetReader(file: name)
        let ruleset = reader.read(root, sha256: SHA256Digest.hex(of: data))
        var problems = reader.diagnostics
        problems += RulesetSemanticCheck(ruleset: ruleset).problems()
        if !problems.isEmpty {
            throw .invalid(file: name, diagnostics: problems.sorted { ($0.location.line ?? 0) < ($1.location.line ?? 0) })
        }
        return ruleset
    }
}

extension Diagnostic {
    init(_ diagnostic: XMLDiagnostic) {
        self.init(
            severity: diagnostic.severity == .warning ? .warning : .error,
            location: SourceLocation(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column),
            message: diagnostic.message)
    }

    /// Diagnostics for a file libxml2 could not parse.
    static func from(_ error: XMLError) -> [Diagnostic] {
        switch error {
        case let .malformed(_, diagnostics) where !diagnostics.isEmpty:
            return diagnostics.map(Diagnostic.init)
        default:
            let message = (error.errorDescription ?? "unreadable XML")
                .replacingOccurrences(of: "\(error.file)\(error.line.map { ":\($0)" } ?? ""): error: ", with: "")
            return [Diagnostic(location: SourceLocation(file: error.file, line: error.line), message: message)]
        }
    }
}
