import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Lint checks")
struct LintCheckTests {
    /// The rows of the checks table in docs/authoring-guide.md: code and severity.
    static func documentedChecks() throws -> [(code: String, severity: String)] {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/authoring-guide.md"), encoding: .utf8)
        return guide.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, cells[0].hasPrefix("`"), cells[0].hasSuffix("`"),
                ["error", "warning", "note"].contains(cells[1])
            else { return nil }
            return (String(cells[0].dropFirst().dropLast()), cells[1])
        }
    }

    @Test("every check has a severity and a one-line summary; errors are exactly what stops loading")
    func registry() {
        for check in LintCheck.allCases {
            #expect(!check.summary.isEmpty)
            #expect(!check.summary.contains("\n"))
        }
        #expect(Set(LintCheck.allCases.filter { $0.severity == .error }) == [.unreadable, .schema, .language, .clauseCoverage])
        #expect(Set(LintCheck.allCases.filter { $0.severity == .note }) == [.evidenceTypeNotInRegister, .noReference, .messageWithoutValue])
    }

    @Test("the authoring guide lists every check with its code and severity, in the same order")
    func documented() throws {
        let documented = try Self.documentedChecks()
        #expect(documented.map(\.code) == LintCheck.allCases.map(\.rawValue))
        #expect(documented.map(\.severity) == LintCheck.allCases.map(\.severity.rawValue))
    }

    @Test("a lint diagnostic takes its check's severity and reads like a compiler's, with the check's code")
    func diagnostic() {
        let location = SourceLocation(file: "rules/acme.xml", line: 6, column: 3)
        let unused = LintDiagnostic(.unusedParameter, at: location, "parameter 'x' is declared but no rule uses it")
        #expect(unused.diagnostic.severity == .warning)
        #expect(unused.description == "rules/acme.xml:6:3: warning: parameter 'x' is declared but no rule uses it [unused-parameter]")
        #expect(LintDiagnostic(.noReference, at: location, "no reference").diagnostic.severity == .note)
        let wrapped = LintDiagnostic(.schema, Diagnostic(severity: .warning, location: location, message: "libxml2 says"))
        #expect(wrapped.diagnostic.severity == .warning, "a wrapped diagnostic keeps its own severity")
        #expect(wrapped.description.hasSuffix("libxml2 says [schema]"))
    }
}
