import AuditModel
import CalendarDates
import Foundation
import LibXML
import Testing

@testable import AuditEvidence

@Suite("Spreadsheet view")
struct SpreadsheetViewTests {
    typealias Sheet = Spreadsheet.Sheet
    typealias Row = Spreadsheet.Row
    typealias Cell = Spreadsheet.Cell

    static let item = EvidenceItem(
        id: "WB", type: "objectives", file: "objectives.xlsx", format: .xlsx, date: nil, periodStart: nil, periodEnd: nil, owner: nil,
        process: nil, site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: 5))

    static func row(_ number: Int, _ values: [String?]) -> Row {
        Row(number: number, cells: values.enumerated().compactMap { column, value in value.map { Cell(column: column, value: $0) } })
    }

    static let readMe = Sheet(name: "Read me", rows: [row(1, ["How to fill this in"]), row(2, ["Ask Quality."])])
    static let objectives = Sheet(name: "Objectives", rows: [
        row(1, []), row(2, ["id", "target", "owner"]), row(3, ["OBJ-1", "95", nil]), row(4, [nil, nil, nil]), row(5, ["OBJ-2", "90", "Ana", "late"]),
    ])

    func evaluate(_ document: XMLDocument, _ expression: String) throws -> XPathValue {
        try XPathContext(document: document, environment: XPathEnvironment(asOf: .init(daysSinceEpoch: 0))).evaluate(expression)
    }

    @Test("columns are lettered as the spreadsheet shows them, A to XFD", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
    func columnNames(column: Int, name: String) {
        #expect(Spreadsheet.columnName(column) == name)
        #expect(Spreadsheet.column(ofReference: "\(name)14") == column)
    }

    @Test("a reference past XFD is capped, and one without letters has no column")
    func references() {
        #expect(Spreadsheet.column(ofReference: "XFE1") == Spreadsheet.maxColumns)
        #expect(Spreadsheet.column(ofReference: "ZZZZZZZZ1") == Spreadsheet.maxColumns)
        #expect(Spreadsheet.column(ofReference: "14") == nil)
    }

    @Test("without a contract every sheet is kept; the first non-empty row names the fields and empty rows are skipped")
    func workbook() throws {
        let (document, conformance) = try Spreadsheet(sheets: [Self.readMe, Self.objectives]).view(item: Self.item, contract: nil)
        #expect(try evaluate(document, "count(/workbook/sheet)").number == 2)
        #expect(try evaluate(document, "string(/workbook/sheet[2]/@name)").string == "Objectives")
        #expect(try evaluate(document, "string(/workbook/sheet[2]/@index)").string == "2")
        let records = "/workbook/sheet[@name = 'Objectives']/record"
        #expect(try evaluate(document, "count(\(records))").number == 2)
        #expect(try evaluate(document, "string(\(records)[1]/@row)").string == "3")
        #expect(try evaluate(document, "string(\(records)[1]/@ref)").string == "Objectives!A3:C3")
        #expect(try evaluate(document, "count(\(records)[1]/owner)").number == 1, "an empty cell within the header's width is an empty field")
        #expect(try evaluate(document, "string(\(records)[2]/target/@ref)").string == "Objectives!B5")
        #expect(try evaluate(document, "string(\(records)[2]/column-4)").string == "late", "a cell past the header is named by its position")
        #expect(try evaluate(document, "string(\(records)[2]/@ref)").string == "Objectives!A5:D5")
        #expect(conformance == ContractConformance())
    }

    @Test("a tabular contract reads the sheet whose header holds most of its fields, as a table")
    func table() throws {
        let contract = EvidenceContract(recordSets: [
            .init(location: .table, fields: [.init(name: "id", type: .id, isRequired: true), .init(name: "target", type: .percent)])
        ])
        let (document, conformance) = try Spreadsheet(sheets: [Self.readMe, Self.objectives]).view(item: Self.item, contract: contract)
        #expect(try evaluate(document, "count(/table/record)").number == 2)
        #expect(try evaluate(document, "string(/table/record[2]/id)").string == "OBJ-2")
        #expect(conformance.recordsHeld == 2)
        #expect(conformance.missingFields.isEmpty)
    }

    @Test("merged header cells: a title above the table is skipped, a cell over several columns makes the header two rows deep")
    func mergedHeader() throws {
        let tracker = Sheet(
            name: "Risks",
            rows: [
                Self.row(1, ["Risk register 2026"]),
                Self.row(2, ["No.", "Assessment", nil, "Owner"]),
                Self.row(3, [nil, "Likelihood", "Impact", nil]),
                Self.row(4, ["R-1", "low", "high", "Ana"]),
            ],
            merges: ["A1:D1", "A2:A3", "B2:C2", "D2:D3"].compactMap(Spreadsheet.Merge.init(reference:)))
        let (document, _) = try Spreadsheet(sheets: [tracker]).view(item: Self.item, contract: nil)
        let records = "/workbook/sheet/record"
        #expect(try evaluate(document, "count(\(records))").number == 1)
        #expect(try evaluate(document, "string(\(records)/@row)").string == "4")
        #expect(try evaluate(document, "string(\(records)/likelihood)").string == "low")
        #expect(try evaluate(document, "string(\(records)/impact/@ref)").string == "Risks!C4")
        #expect(try evaluate(document, "string(\(records)/no.)").string == "R-1")
        #expect(try evaluate(document, "string(\(records)/owner)").string == "Ana")
    }

    @Test("names under merged cells that repeat are joined with the name above them")
    func repeatedSubheaders() throws {
        let sheet = Sheet(
            name: "Objectives",
            rows: [Self.row(1, ["Target", nil, "Actual", nil]), Self.row(2, ["Value", "Unit", "Value", "Unit"]), Self.row(3, ["95", "%", "93", "%"])],
            merges: ["A1:B1", "C1:D1"].compactMap(Spreadsheet.Merge.init(reference:)))
        let (document, _) = try Spreadsheet(sheets: [sheet]).view(item: Self.item, contract: nil)
        #expect(try evaluate(document, "string(/workbook/sheet/record/target-value)").string == "95")
        #expect(try evaluate(document, "string(/workbook/sheet/record/actual-value)").string == "93")
        #expect(try evaluate(document, "string(/workbook/sheet/record/target-unit)").string == "%")
    }

    @Test("a header cell merged across columns over a row of data keeps that row a record: no data is taken for names")
    func mergedHeaderOverData() throws {
        let sheet = Sheet(
            name: "Log",
            rows: [Self.row(1, ["id", "Notes", nil]), Self.row(2, ["C-1", "late", "see e-mail"]), Self.row(3, ["C-2", "ok", nil])],
            merges: ["B1:C1"].compactMap(Spreadsheet.Merge.init(reference:)))
        let (document, _) = try Spreadsheet(sheets: [sheet]).view(item: Self.item, contract: nil)
        #expect(try evaluate(document, "count(/workbook/sheet/record)").number == 2)
        #expect(try evaluate(document, "string(/workbook/sheet/record[1]/id)").string == "C-1")
    }

    @Test("a merge is a range of two cells inside the grid")
    func mergeReferences() {
        let merge = Spreadsheet.Merge(reference: "B2:C3")
        #expect(merge.map { [$0.firstRow, $0.lastRow, $0.firstColumn, $0.lastColumn] } == [2, 3, 1, 2])
        #expect(Spreadsheet.Merge(reference: "B2") == nil)
        #expect(Spreadsheet.Merge(reference: "C3:B2") == nil)
        #expect(Spreadsheet.Merge(reference: "A0:B1") == nil)
    }

    @Test("a contract's sheet the workbook lacks is a shortfall naming the sheets it has")
    func missingSheet() throws {
        let contract = EvidenceContract(recordSets: [
            .init(location: .sheet("Objectives"), fields: [.init(name: "id", type: .id)]),
            .init(location: .sheet("Budget"), fields: [.init(name: "amount", type: .number)]),
        ])
        let (_, conformance) = try Spreadsheet(sheets: [Self.readMe, Self.objectives]).view(item: Self.item, contract: contract)
        #expect(conformance.shortfalls.map(\.recordSet) == ["sheet 'Budget'"])
        #expect(conformance.shortfalls.first?.detail == "the workbook has no sheet 'Budget'; it has 'Read me', 'Objectives'")
        #expect(conformance.recordsHeld == 2, "the Objectives sheet's records")
    }

    @Test("a sheet that would become more than two million cells is refused before any is built")
    func cellGuard() throws {
        let header = Row(number: 1, cells: [Cell(column: 0, value: "id"), Cell(column: Spreadsheet.maxColumns - 1, value: "far")])
        let rows = [header] + (2...200).map { Row(number: $0, cells: [Cell(column: 0, value: "x")]) }
        let error = try #require(throws: EvidenceError.self) {
            try Spreadsheet(sheets: [Sheet(name: "Wide", rows: rows)]).view(item: Self.item, contract: nil)
        }
        #expect(error.diagnostics.first?.message.hasPrefix("sheet 'Wide' would become more than 2000000 cells") == true)
    }

    @Test("past what half the memory holds, a sheet is refused naming the memory, however honest its cells")
    func memoryGuard() throws {
        let budget = ViewMemoryBudget(memory: ProcessMemory(bytes: 2_000_000, source: .controlGroup))
        let header = Row(number: 1, cells: [Cell(column: 0, value: "id"), Cell(column: 1, value: "days")])
        let rows = [header] + (2...1000).map { Row(number: $0, cells: [Cell(column: 0, value: "R-\($0)"), Cell(column: 1, value: "\($0)")]) }
        let error = try #require(throws: EvidenceError.self) {
            try Spreadsheet(sheets: [Sheet(name: "Log", rows: rows)]).view(
                item: Self.item, contract: nil, allowance: budget.allowance(.spreadsheetCell, inputBytes: 50_000))
        }
        #expect(
            error.diagnostics.first?.message
                == "sheet 'Log' would become more than 800 cells (999 rows, each as wide as the header row's 2 columns): its XML view would take more than 1.0 MB (about 1250 bytes for each), half of the 2.0 MB its cgroup allows; this is refused as a memory guard. Delete unused columns and rows, or split the workbook"
        )
    }
}
