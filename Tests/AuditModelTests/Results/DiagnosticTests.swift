import AuditModel
import Testing

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test("a diagnostic reads file:line:col: severity: message, as compilers write them")
    func description() {
        let location = SourceLocation(file: "rulesets/cx.xml", line: 14, column: 5)
        #expect(Diagnostic(severity: .warning, location: location, message: "unused parameter").description == "rulesets/cx.xml:14:5: warning: unused parameter")
        #expect(Diagnostic(location: SourceLocation(file: "register.xml"), message: "no items").description == "register.xml: error: no items")
    }

    @Test("a diagnostic is an error unless it says otherwise")
    func defaultSeverity() {
        #expect(Diagnostic(location: SourceLocation(file: "x"), message: "m").severity == .error)
    }

    @Test("severities are written as the results schema lists them")
    func schemaValues() throws {
        let severities: [Diagnostic.Severity] = [.error, .warning, .note]
        #expect(severities.map(\.rawValue) == (try ResultsSchema.enumeration("diagnostic", "properties", "severity")))
    }
}
