import AuditEvidence
public import AuditModel
public import Foundation

/// Why a ruleset, profile or waiver file cannot be used. Every problem is reported at once, each with its line.
public enum RulesetError: Error, LocalizedError, Sendable, Equatable {
    /// The file could not be read or is not well-formed XML.
    case unreadable(file: String, diagnostics: [Diagnostic])
    /// The file is XML but breaks the schema or the language's rules.
    case invalid(file: String, diagnostics: [Diagnostic], document: Document = .ruleset)

    /// Which of the files read with rulesets a problem is in, so the advice names its guide.
    public enum Document: Sendable, Equatable {
        case ruleset, profile, waivers

        var advice: String {
            switch self {
            case .ruleset: return "Fix these problems in the ruleset (see docs/ruleset-language.md); nothing was evaluated with it."
            case .profile: return "Fix these problems in the profile (see docs/profiles.md); nothing was evaluated with it."
            case .waivers: return "Fix these problems in the waiver file (see docs/waivers.md); nothing was evaluated."
            }
        }
    }

    public var diagnostics: [Diagnostic] {
        switch self {
        case let .unreadable(_, diagnostics), let .invalid(_, diagnostics, _): return diagnostics
        }
    }

    public var file: String {
        switch self {
        case let .unreadable(file, _), let .invalid(file, _, _): return file
        }
    }

    public var errorDescription: String? {
        let advice: String
        switch self {
        case .unreadable: advice = "Check the path, and that the file is well-formed XML."
        case let .invalid(_, _, document): advice = document.advice
        }
        return (diagnostics.map(\.description) + [advice]).joined(separator: "\n")
    }
}

extension RulesetError {
    /// A ruleset, profile or waiver file, or its schema, that could not be loaded: invalid
    /// when the file breaks its schema, else unreadable (a missing or broken schema too).
    init(_ error: XMLInputError) {
        self.init(error, document: .ruleset)
    }

    /// As `init(_:)`, for a file of another kind.
    init(_ error: XMLInputError, document: Document) {
        switch error.stage {
        case .validating: self = .invalid(file: error.file, diagnostics: error.diagnostics, document: document)
        case .schema, .reading, .parsing: self = .unreadable(file: error.file, diagnostics: error.diagnostics)
        }
    }
}
