import AuditModel
import Foundation
import LibXML

/// OpenDocument spreadsheets (ODS) become the same view as XLSX (see `Spreadsheet.view`):
/// floats, percentages, currencies, dates, times, booleans and text are decoded, and
/// repeated rows and columns are expanded within bounds: the grid's, and the cells the
/// `ViewMemoryBudget` allows for the file.
struct ODSEvidenceAdapter: EvidenceAdapter {
    func document(
        from data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions
    ) throws(EvidenceError) -> EvidenceDocument {
        let (spreadsheet, cells) = try Self.spreadsheet(data, item: item, options: options)
        let (view, conformance) = try spreadsheet.view(item: item, contract: contract, allowance: cells)
        return EvidenceDocument(document: view, format: item.format, warnings: [], conformance: conformance)
    }

    /// Reads the table a tabular contract selects record by record, as `XLSXEvidenceAdapter`
    /// does: the rows are read from the whole document, but the view is laid and handed to
    /// `body` a record at a time, and never whole.
    ///
    /// - Precondition: `contract` has a table for ODS (`EvidenceRecordStream.canStream`).
    static func streamRecords(
        _ data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions, _ body: (XMLNode, Int) -> Void
    ) throws(EvidenceError) -> (records: Int, conformance: ContractConformance) {
        let (spreadsheet, cells) = try spreadsheet(data, item: item, options: options)
        let streamed = options.budget.allowance(.spreadsheetCell, inputBytes: cells.inputBytes, streamed: true)
        return try spreadsheet.streamTable(item: item, contract: contract, allowance: streamed, body)
    }

    /// The spreadsheet's sheets (only the register's `sheet`, when it names one), and the
    /// cells a whole view of them may have.
    private static func spreadsheet(
        _ data: Data, item: EvidenceItem, options: EvidenceReadOptions
    ) throws(EvidenceError) -> (Spreadsheet, ViewMemoryBudget.Allowance) {
        var package = try OfficePackage(data: data, item: item)
        guard package.contains("content.xml") else {
            throw TextDecoding.invalid(item, "not an OpenDocument file (no content.xml); save it as .ods or register its real format")
        }
        let content = try package.xml("content.xml")
        let spreadsheet = content.root?.child("body", in: OfficeNamespace.odfOffice)?
            .child("spreadsheet", in: OfficeNamespace.odfOffice)
        guard let spreadsheet else {
            throw TextDecoding.invalid(item, "the OpenDocument file is not a spreadsheet; register it with format=\"odt\" if it is a text document")
        }
        let cells = options.budget.allowance(.spreadsheetCell, inputBytes: package.bytesParsed)
        var sheets: [Spreadsheet.Sheet] = []
        for table in spreadsheet.children("table", in: OfficeNamespace.odfTable) {
            let name = table.attribute("name", namespace: OfficeNamespace.odfTable) ?? "Sheet\(sheets.count + 1)"
            if let wanted = item.sheet, wanted != name { continue }
            var merges: [Spreadsheet.Merge] = []
            let rows = try rows(of: table, sheet: name, item: item, allowance: cells, merges: &merges)
            sheets.append(Spreadsheet.Sheet(name: name, rows: rows, merges: merges))
        }
        if let wanted = item.sheet, sheets.isEmpty {
            throw TextDecoding.invalid(item, "the spreadsheet has no sheet '\(wanted)'; correct the register's sheet attribute")
        }
        return (Spreadsheet(sheets: sheets), cells)
    }

    /// The sheet's rows, of at most `allowance` cells with content once repetitions are
    /// applied; `merges` gets its merged cells (`table:number-columns-spanned`, `…-rows-spanned`).
    private static func rows(
        of table: XMLNode, sheet: String, item: EvidenceItem, allowance: ViewMemoryBudget.Allowance, merges: inout [Spreadsheet.Merge]
    ) throws(EvidenceError) -> [Spreadsheet.Row] {
        let tableNamespace = OfficeNamespace.odfTable
        var rowElements: [XMLNode] = []
        for child in table.childElements where child.namespaceURI == tableNamespace {
            switch child.localName {
            case "table-row": rowElements.append(child)
            case "table-header-rows", "table-rows", "table-row-group":
                rowElements += child.children("table-row", in: tableNamespace)
            default: break
            }
        }
        var result: [Spreadsheet.Row] = []
        var rowNumber = 1
        var cellCount = 0
        for row in rowElements {
            // Repetitions are clamped to just past the grid's edge (LibreOffice repeats empty rows and
            // columns up to it), so the counts below cannot overflow; content past the edge is refused.
            let repeated = min(
                max(1, row.attribute("number-rows-repeated", namespace: tableNamespace).flatMap(Int.init) ?? 1), Spreadsheet.maxRows + 1)
            var cells: [Spreadsheet.Cell] = []
            var column = 0
            for cell in row.childElements where cell.namespaceURI == tableNamespace {
                let span = min(
                    max(1, cell.attribute("number-columns-repeated", namespace: tableNamespace).flatMap(Int.init) ?? 1), Spreadsheet.maxColumns + 1)
                let value = cell.localName == "table-cell" ? Self.value(of: cell) : ""
                let spannedColumns = cell.attribute("number-columns-spanned", namespace: tableNamespace).flatMap(Int.init) ?? 1
                let spannedRows = cell.attribute("number-rows-spanned", namespace: tableNamespace).flatMap(Int.init) ?? 1
                if spannedColumns > 1 || spannedRows > 1, rowNumber <= Spreadsheet.maxRows, column < Spreadsheet.maxColumns {
                    merges.append(
                        Spreadsheet.Merge(
                            firstRow: rowNumber, lastRow: min(rowNumber + max(spannedRows, 1) - 1, Spreadsheet.maxRows), firstColumn: column,
                            lastColumn: column + max(spannedColumns, 1) - 1))
                }
                if !value.isEmpty {
                    guard column + span <= Spreadsheet.maxColumns else {
                        throw TextDecoding.invalid(
                            item, "sheet '\(sheet)' has cells beyond column XFD (row \(rowNumber)), outside the grid; the file is damaged. Re-save it")
                    }
                    for offset in 0..<span { cells.append(Spreadsheet.Cell(column: column + offset, value: value)) }
                    cellCount += span
                }
                column = min(column + span, Spreadsheet.maxColumns)
            }
            // Trailing empty rows are often repeated a million times; only rows with content count.
            if !cells.isEmpty {
                guard rowNumber + repeated - 1 <= Spreadsheet.maxRows else {
                    throw TextDecoding.invalid(
                        item, "sheet '\(sheet)' has rows beyond row \(Spreadsheet.maxRows), outside the grid; the file is damaged. Re-save it")
                }
                cellCount += cells.count * (repeated - 1)
                guard cellCount <= allowance.units else {
                    throw TextDecoding.invalid(
                        item,
                        "sheet '\(sheet)' expands to more than \(allowance.units) cells\(allowance.reason); this is refused as a memory guard. Delete unused columns and rows, or split the workbook")
                }
                for offset in 0..<repeated { result.append(Spreadsheet.Row(number: rowNumber + offset, cells: cells)) }
            }
            rowNumber += repeated
        }
        return result
    }

    /// The typed value of a cell, as text XPath reads well.
    static func value(of cell: XMLNode) -> String {
        let office = OfficeNamespace.odfOffice
        switch cell.attribute("value-type", namespace: office) ?? "string" {
        case "float", "percentage", "currency":
            return ExcelNumberFormat.plainNumber(cell.attribute("value", namespace: office) ?? "")
        case "date":
            let value = cell.attribute("date-value", namespace: office) ?? ""
            return value.hasSuffix("T00:00:00") ? String(value.dropLast(9)) : value
        case "time":
            return cell.attribute("time-value", namespace: office) ?? ""
        case "boolean":
            return cell.attribute("boolean-value", namespace: office) ?? ""
        default:
            return cell.children("p", in: OfficeNamespace.odfText).map(\.stringValue).joined(separator: "\n")
        }
    }
}
