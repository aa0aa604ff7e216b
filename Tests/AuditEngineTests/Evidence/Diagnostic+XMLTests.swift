import AuditModel
import LibXML
import Testing

import AuditEvidence

@Suite("libxml2 diagnostics in the model's terms")
struct DiagnosticXMLTests {
    @Test("a libxml2 diagnostic keeps its place, message and severity; an unknown line or column is left out")
    func converts() {
        let warning = Diagnostic(XMLDiagnostic(file: "r.xml", line: 4, column: 7, severity: .warning, message: "namespace warning"))
        #expect(warning == Diagnostic(severity: .warning, location: SourceLocation(file: "r.xml", line: 4, column: 7), message: "namespace warning"))
        let error = Diagnostic(XMLDiagnostic(file: "r.xml", line: 0, column: 0, message: "Element ruleset failed to validate"))
        #expect(error.severity == .error)
        #expect(error.location == SourceLocation(file: "r.xml"))
    }

    @Test("a malformed file gives one diagnostic per problem libxml2 saw")
    func malformed() {
        let diagnostics = Diagnostic.from(
            XMLError.malformed(
                file: "r.xml",
                diagnostics: [
                    XMLDiagnostic(file: "r.xml", line: 2, column: 5, message: "Opening and ending tag mismatch"),
                    XMLDiagnostic(file: "r.xml", line: 9, column: 1, message: "Premature end of data"),
                ]))
        #expect(diagnostics.map(\.description) == ["r.xml:2:5: error: Opening and ending tag mismatch", "r.xml:9:1: error: Premature end of data"])
    }

    @Test("any other XML error is one diagnostic at its line, its message without the file and line repeated")
    func otherErrors() throws {
        let doctype = try #require(Diagnostic.from(XMLError.doctypeRefused(file: "r.xml", line: 1)).first)
        #expect(doctype.location == SourceLocation(file: "r.xml", line: 1))
        #expect(doctype.message.hasPrefix("DOCTYPE not allowed"))
        let large = try #require(Diagnostic.from(XMLError.tooLarge(file: "r.xml", bytes: 10, limit: 5)).first)
        #expect(large.location == SourceLocation(file: "r.xml"))
        #expect(large.message.hasPrefix("file is 10 bytes"))
        #expect(Diagnostic.from(XMLError.malformed(file: "r.xml", diagnostics: [])).first?.message.hasPrefix("XML is not well-formed") == true)
    }
}
