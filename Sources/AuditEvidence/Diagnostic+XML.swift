public import AuditModel
import Foundation
public import LibXML

extension Diagnostic {
    /// A libxml2 diagnostic (schema violation, parse error) in the model's terms.
    public init(_ diagnostic: XMLDiagnostic) {
        self.init(
            severity: diagnostic.severity == .warning ? .warning : .error,
            location: SourceLocation(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column),
            message: diagnostic.message)
    }

    /// Diagnostics for a file libxml2 could not parse.
    public static func from(_ error: XMLError) -> [Diagnostic] {
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
