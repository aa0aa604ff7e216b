import AuditEvidence
public import AuditModel
public import Foundation

/// Why a ruleset cannot be used. Every problem is reported at once, each with its line.
public enum RulesetError: Error, LocalizedError, Sendable, Equatable {
    /// The file could not be read or is not well-formed XML.
    case unreadable(file: String, diagnostics: [Diagnostic])
    /// The file is XML but breaks the schema or the language's rules.
    case invalid(file: String, diagnostics: [Diagnostic])

    public var diagnostics: [Diagnostic] {
        switch self {
        case let .unreadable(_, diagnostics), let .invalid(_, diagnostics): return diagnostics
        }
    }

    public var file: String {
        switch self {
        case let .unreadable(file, _), let .invalid(file, _): return file
        }
    }

    public var errorDescription: String? {
        let advice: String
        switch self {
        case .unreadable: advice = "Check the path, and that the file is well-formed XML."
        case .invalid: advice = "Fix these problems in the ruleset (see docs/ruleset-language.md); nothing was evaluated with it."
        }
        return (diagnostics.map(\.description) + [advice]).joined(separator: "\n")
    }
}

extension RulesetError {
    /// A ruleset, profile or waiver file, or its schema, that could not be loaded: invalid
    /// when the file breaks its schema, else unreadable (a missing or broken schema too).
    init(_ error: XMLInputError) {
        switch error.stage {
        case .validating: self = .invalid(file: error.file, diagnostics: error.diagnostics)
        case .schema, .reading, .parsing: self = .unreadable(file: error.file, diagnostics: error.diagnostics)
        }
    }
}
