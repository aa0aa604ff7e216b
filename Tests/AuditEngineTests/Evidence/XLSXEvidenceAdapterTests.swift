import AuditModel
import Foundation
import LibXML
import Testing

import AuditEngine
@testable import AuditEvidence

@Suite("XLSX adapter")
struct XLSXEvidenceAdapterTests {
    @Test("each sheet becomes records named by the header row, with decoded values")
    func values() throws {
        let view = try officeView("objectives.xlsx", format: .xlsx)
        #expect(try view.evaluate("count(/workbook/sheet)").number == 2)
        let record = "/workbook/sheet[@name='Objectives']/record"
        #expect(try view.evaluate("count(\(record))").number == 3)
        #expect(try view.string("\(record)[1]/objective-id") == "OBJ-01")
        #expect(try view.string("\(record)[1]/target") == "80")
        #expect(try view.string("\(record)[2]/target") == "95.5")
        #expect(try view.string("\(record)[3]/target") == "0.00001")
        #expect(try view.string("\(record)[1]/met") == "true")
        #expect(try view.string("\(record)[2]/met") == "false")
        #expect(try view.string("\(record)[1]/last-measured") == "2026-10-31")
        #expect(try view.string("\(record)[2]/last-measured") == "2026-09-30T14:30:00")
        #expect(try view.string("\(record)[3]/last-measured") == "1900-03-01")
        #expect(try view.string("\(record)[3]/owner") == "")
    }

    @Test("records and fields keep their cell references, which findings cite")
    func cellReferences() throws {
        let view = try officeView("objectives.xlsx", format: .xlsx)
        let target = try #require(try view.evaluate("/workbook/sheet[1]/record[2]/target").nodes.first)
        #expect(view.origin(of: target).nativeLocator == "Objectives!C3")
        #expect(view.origin(of: target).line == nil)
        let record = try #require(try view.evaluate("/workbook/sheet[1]/record[2]").nodes.first)
        #expect(view.origin(of: record).nativeLocator == "Objectives!A3:F3")
    }

    @Test("dates of the 1904 system decode to the same days")
    func dates1904() throws {
        let view = try officeView("objectives-1904.xlsx", format: .xlsx)
        #expect(try view.string("/workbook/sheet[1]/record[1]/last-measured") == "2026-10-31")
    }

    @Test("inline strings are read")
    func inlineString() throws {
        let view = try officeView("inline-string.xlsx", format: .xlsx)
        #expect(try view.string("/workbook/sheet[1]/record[2]/owner") == "Inline Owner")
    }

    @Test("the register's sheet attribute limits the view to one sheet, and a wrong name lists the sheets")
    func sheetSelection() throws {
        let view = try officeView("objectives.xlsx", format: .xlsx, sheet: "Notes")
        #expect(try view.evaluate("count(/workbook/sheet)").number == 1)
        #expect(try view.string("/workbook/sheet/record/note") == "Targets reviewed at the March management review")
        let error = try #require(throws: EvidenceError.self) { try officeView("objectives.xlsx", format: .xlsx, sheet: "Plan") }
        #expect(error.diagnostics.first?.message.contains("has no sheet 'Plan' (it has: Objectives, Notes)") == true)
    }

    @Test("a ZIP bomb is refused before it expands")
    func bomb() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("bomb.xlsx", format: .xlsx) }
        #expect(error.diagnostics.first?.message.contains("possible ZIP bomb") == true)
        #expect(error.diagnostics.first?.location.file == "bomb.xlsx")
    }

    @Test("a file that is not a ZIP archive says so")
    func notZip() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("make_fixtures.py", format: .xlsx) }
        #expect(error.diagnostics.first?.message.contains("not a ZIP archive") == true)
    }

    // Found by Fuzz/FuzzXLSXEvidence: a workbook cut off after its first entry, which
    // ZIPFoundation leaked when it found no end record (SafeArchive now refuses it first).
    @Test("a truncated workbook is refused as a damaged ZIP archive")
    func truncated() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("truncated.xlsx", format: .xlsx) }
        #expect(error.diagnostics.first?.message.contains("not a ZIP archive, or a damaged one") == true)
    }

    @Test("a workbook registered with the wrong format says what it is not")
    func wrongPackage() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("minutes.docx", format: .xlsx) }
        #expect(error.diagnostics.first?.message.contains("not an Excel workbook") == true)
    }
}
