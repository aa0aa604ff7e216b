import Foundation
import LibXML
import Testing

@Suite("XML errors")
struct XMLErrorTests {
    @Test("each error names the file and line first, then the problem and what to do")
    func descriptions() {
        #expect(XMLError.unreadable(file: "r.xml", reason: "permission denied").errorDescription == "r.xml: error: cannot read file: permission denied. Check the path and the file's permissions.")
        #expect(XMLError.tooLarge(file: "r.xml", bytes: 20, limit: 10).errorDescription?.hasPrefix("r.xml: error: file is 20 bytes, over the 10-byte limit") == true)
        #expect(XMLError.doctypeRefused(file: "r.xml", line: 2).errorDescription?.hasPrefix("r.xml:2: error: DOCTYPE not allowed") == true)
        #expect(XMLError.tooDeep(file: "r.xml", line: 300, limit: 256).errorDescription?.hasPrefix("r.xml:300: error: elements nested deeper than 256 levels") == true)
        #expect(XMLError.tooManyAttributes(file: "r.xml", line: 4, limit: 256).errorDescription?.hasPrefix("r.xml:4: error: an element has more than 256 attributes") == true)
    }

    @Test("a malformed file lists every problem libxml2 saw, then how to see them again")
    func malformed() {
        let error = XMLError.malformed(
            file: "r.xml",
            diagnostics: [
                XMLDiagnostic(file: "r.xml", line: 3, column: 7, message: "Opening and ending tag mismatch"),
                XMLDiagnostic(file: "r.xml", line: 9, column: 0, message: "Premature end of data"),
            ])
        #expect(error.errorDescription == """
            r.xml:3:7: error: Opening and ending tag mismatch
            r.xml:9: error: Premature end of data
            Fix the XML so it is well-formed (xmllint --noout FILE shows the same problems).
            """)
        #expect(XMLError.malformed(file: "r.xml", diagnostics: []).errorDescription?.hasPrefix("XML is not well-formed\n") == true)
    }

    @Test("the file and the first line an error points at are available apart from its message")
    func fileAndLine() {
        #expect(XMLError.unreadable(file: "a.xml", reason: "r").file == "a.xml")
        #expect(XMLError.unreadable(file: "a.xml", reason: "r").line == nil)
        #expect(XMLError.tooLarge(file: "a.xml", bytes: 2, limit: 1).line == nil)
        #expect(XMLError.doctypeRefused(file: "a.xml", line: 5).line == 5)
        #expect(XMLError.malformed(file: "a.xml", diagnostics: [XMLDiagnostic(file: "a.xml", line: 8, column: 1, message: "m")]).line == 8)
        #expect(XMLError.malformed(file: "a.xml", diagnostics: []).line == nil)
    }
}
