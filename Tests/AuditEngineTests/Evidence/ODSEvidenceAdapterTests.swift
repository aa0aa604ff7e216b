import AuditModel
import Foundation
import LibXML
import Testing

import AuditEngine
@testable import AuditEvidence

@Suite("ODS adapter")
struct ODSEvidenceAdapterTests {
    @Test("ODS sheets become the same records as XLSX, with typed values and cell references")
    func spreadsheet() throws {
        let view = try officeView("objectives.ods", format: .ods)
        let record = "/workbook/sheet[@name='Objectives']/record"
        #expect(try view.evaluate("count(\(record))").number == 2)
        #expect(try view.string("\(record)[2]/target") == "95.5")
        #expect(try view.string("\(record)[1]/reviewed") == "2026-10-31")
        #expect(try view.string("\(record)[1]/met") == "true")
        let cell = try #require(try view.evaluate("\(record)[2]/target").nodes.first)
        #expect(view.origin(of: cell).nativeLocator == "Objectives!B3")
    }

    // Found by Fuzz/FuzzODSEvidence (docs/fuzzing.md), like its XLSX, DOCX and ODT twins:
    // the end record sends ZIPFoundation to a central directory past the end, and it trapped.
    @Test("a spreadsheet whose central directory lies past its end is refused as damaged")
    func directoryPastTheEnd() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("directory-past-end.ods", format: .ods) }
        #expect(error.diagnostics.first?.message.contains("central directory would start at byte 1307, past the end") == true)
    }

    @Test("a text document registered as a spreadsheet says what to do")
    func wrongKind() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("minutes.odt", format: .ods) }
        #expect(error.diagnostics.first?.message.contains("not a spreadsheet") == true)
    }

    @Test("the register's sheet limits the view to that sheet, and a sheet the file lacks is named")
    func sheet() throws {
        let view = try officeView("objectives.ods", format: .ods, sheet: "Objectives")
        #expect(try view.evaluate("count(/workbook/sheet)").number == 1)
        let error = try #require(throws: EvidenceError.self) { try officeView("objectives.ods", format: .ods, sheet: "Budget") }
        #expect(error.diagnostics.first?.message == "the spreadsheet has no sheet 'Budget'; correct the register's sheet attribute")
    }
}
