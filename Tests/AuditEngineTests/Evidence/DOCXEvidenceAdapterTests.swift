import AuditModel
import Foundation
import LibXML
import Testing

import AuditEngine
@testable import AuditEvidence

@Suite("DOCX adapter")
struct DOCXEvidenceAdapterTests {
    @Test("paragraphs keep their heading level and number; tables become records named by their header row")
    func structure() throws {
        let view = try officeView("minutes.docx", format: .docx)
        #expect(try view.string("/document/paragraph[@heading = '1']") == "Management review 2026-10-06")
        #expect(try view.string("/document/paragraph[@heading = '2']") == "Inputs")
        #expect(try view.string("/document/paragraph[2]") == "Chair: Elena Fischer")
        #expect(try view.string("/document/paragraph[contains(., 'Decision')]") == "Decision: second agent for peak season")
        #expect(try view.evaluate("count(/document/table[1]/record)").number == 2)
        #expect(try view.string("/document/table[1]/record[topic = 'Complaints']/summary") == "Volume down 12%.")
    }

    @Test("findings cite the paragraph or the table row")
    func citations() throws {
        let view = try officeView("minutes.docx", format: .docx)
        let row = try #require(try view.evaluate("/document/table[1]/record[2]/summary").nodes.first)
        #expect(view.origin(of: row).nativeLocator == "table 1, row 3")
        let paragraph = try #require(try view.evaluate("/document/paragraph[2]").nodes.first)
        #expect(view.origin(of: paragraph).nativeLocator == "paragraph 2")
        let heading = try #require(try view.evaluate("/document/paragraph[@heading = '2']").nodes.first)
        #expect(view.origin(of: heading).nativeLocator == "paragraph 4", "the empty paragraph still counts")
    }

    @Test("an external relationship (remote template) is refused, naming the part and target")
    func externalRelationship() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("external-template.docx", format: .docx) }
        let message = try #require(error.diagnostics.first?.message)
        #expect(message.contains("word/_rels/document.xml.rels links to an external attachedTemplate"))
        #expect(message.contains("http://templates.example.invalid/minutes.dotm"))
    }

    @Test("a zip-slip entry name is refused")
    func zipSlip() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("zip-slip.docx", format: .docx) }
        #expect(error.diagnostics.first?.message.contains("entry '../../evil.xml' has an unsafe name") == true)
    }
}
