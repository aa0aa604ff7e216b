import AuditModel
import Foundation
import LibXML
import Testing

import AuditEngine
@testable import AuditEvidence

@Suite("ODT adapter")
struct ODTEvidenceAdapterTests {
    @Test("ODT headings, paragraphs and tables map like DOCX")
    func text() throws {
        let view = try officeView("minutes.odt", format: .odt)
        #expect(try view.string("/document/paragraph[@heading = '1']") == "Management review 2026-10-06")
        #expect(try view.string("/document/paragraph[@heading = '2']") == "Inputs")
        #expect(try view.string("/document/table/record/topic") == "Customer satisfaction")
    }

    @Test("the ODT view has the DOCX view's shape: numbered paragraphs and table rows that findings can cite")
    func sameShapeAsDOCX() throws {
        let odt = try officeView("minutes.odt", format: .odt)
        let docx = try officeView("minutes.docx", format: .docx)
        for expression in ["name(/*)", "name(/document/*[1])", "count(/document/table/record) > 0", "boolean(/document/paragraph/@ref)"] {
            #expect(try odt.string(expression) == docx.string(expression), "\(expression)")
        }
        let row = try #require(try odt.evaluate("/document/table/record[1]").nodes.first)
        #expect(odt.origin(of: row).nativeLocator == "table 1, row 2")
    }

    @Test("a spreadsheet registered as a text document says what to do")
    func wrongKind() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("objectives.ods", format: .odt) }
        #expect(error.diagnostics.first?.message == "the OpenDocument file is not a text document; register it with format=\"ods\" if it is a spreadsheet")
    }

    @Test("a Word document registered as ODT is not an OpenDocument file")
    func notOpenDocument() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("minutes.docx", format: .odt) }
        #expect(error.diagnostics.first?.message.hasPrefix("not an OpenDocument file (no content.xml)") == true)
    }
}
