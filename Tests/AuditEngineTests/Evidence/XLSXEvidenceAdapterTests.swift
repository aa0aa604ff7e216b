import AuditModel
import Foundation
import LibXML
import SafeZip
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

    /// A workbook of one sheet 'Log' whose rows are `rows`, with the shared-string table
    /// `sharedStrings` (its `<si>` entries), as Excel saves text cells.
    static func workbook(rows: String, sharedStrings: String) throws -> Data {
        let main = OfficeNamespace.spreadsheet
        var archive = ReproducibleArchive()
        try archive.add(
            "xl/workbook.xml",
            Data(#"<workbook xmlns="\#(main)" xmlns:r="\#(OfficeNamespace.relationships)"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8))
        try archive.add(
            "xl/_rels/workbook.xml.rels",
            Data(#"<Relationships xmlns="\#(OfficeNamespace.packageRelationships)"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8))
        try archive.add("xl/worksheets/sheet1.xml", Data(#"<worksheet xmlns="\#(main)"><sheetData>\#(rows)</sheetData></worksheet>"#.utf8))
        try archive.add("xl/sharedStrings.xml", Data(#"<sst xmlns="\#(main)">\#(sharedStrings)</sst>"#.utf8))
        return try archive.data()
    }

    static func view(_ data: Data, budget: ViewMemoryBudget = .machine) throws(EvidenceError) -> EvidenceDocument {
        let item = EvidenceItem(
            id: "LOG", type: "t", file: "log.xlsx", format: .xlsx, date: nil, periodStart: nil, periodEnd: nil, owner: nil, process: nil,
            site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: 5))
        return try XLSXEvidenceAdapter().document(from: data, item: item, contract: nil, options: EvidenceReadOptions(budget: budget))
    }

    @Test("shared strings are read: plain text, rich-text runs joined, phonetic guides left out, an index past the table empty")
    func sharedStrings() throws {
        let strings = """
            <si><t>id</t></si><si><t>note</t></si><si><t xml:space="preserve"> C-1 </t></si>\
            <si><r><t>Late </t></r><r><rPr><b/></rPr><t>reply</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
            """
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>C-2</t></is></c><c r="B3" t="s"><v>99</v></c></row>
            """
        let view = try Self.view(try Self.workbook(rows: rows, sharedStrings: strings))
        #expect(try view.string("/workbook/sheet/record[1]/id") == " C-1 ")
        #expect(try view.string("/workbook/sheet/record[1]/note") == "Late reply")
        #expect(try view.string("/workbook/sheet/record[2]/id") == "C-2")
        #expect(try view.string("/workbook/sheet/record[2]/note") == "")
    }

    @Test("a shared-string table past what the memory allows is refused, naming the count")
    func tooManySharedStrings() throws {
        // Half of 2 MB at 550 bytes a shared string: 1,818.
        let budget = ViewMemoryBudget(memory: ProcessMemory(bytes: 2_000_000, source: .controlGroup))
        let strings = (1...5000).map { "<si><t>S-\($0)</t></si>" }.joined()
        let rows = #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#
        let error = try #require(throws: EvidenceError.self) { try Self.view(try Self.workbook(rows: rows, sharedStrings: strings), budget: budget) }
        #expect(error.diagnostics.first?.message.hasPrefix("the shared-string table holds more than 1818 shared strings: ") == true)
        #expect(error.diagnostics.first?.location.file == "log.xlsx")
        #expect(try Self.view(try Self.workbook(rows: rows, sharedStrings: strings)).string("/workbook/sheet/@name") == "Log")
    }

    @Test("a workbook registered with the wrong format says what it is not")
    func wrongPackage() throws {
        let error = try #require(throws: EvidenceError.self) { try officeView("minutes.docx", format: .xlsx) }
        #expect(error.diagnostics.first?.message.contains("not an Excel workbook") == true)
    }
}
