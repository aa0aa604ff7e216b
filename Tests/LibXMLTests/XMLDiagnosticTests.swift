import LibXML
import Testing

@Suite("XML diagnostics")
struct XMLDiagnosticTests {
    @Test("a diagnostic reads file:line:col: severity: message, leaving out a position libxml2 did not give", arguments: [
        (3, 7, "r.xml:3:7: error: m"), (3, 0, "r.xml:3: error: m"), (0, 7, "r.xml: error: m"), (0, 0, "r.xml: error: m"),
    ])
    func description(line: Int, column: Int, text: String) {
        #expect(XMLDiagnostic(file: "r.xml", line: line, column: column, message: "m").description == text)
    }

    @Test("warnings say so; a diagnostic is an error unless told otherwise")
    func severity() {
        #expect(XMLDiagnostic(file: "r.xml", line: 1, column: 1, severity: .warning, message: "w").description == "r.xml:1:1: warning: w")
        #expect(XMLDiagnostic(file: "r.xml", line: 1, column: 1, message: "e").severity == .error)
    }
}
