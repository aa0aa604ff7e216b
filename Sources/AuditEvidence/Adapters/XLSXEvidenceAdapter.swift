import AuditModel
import Foundation
import LibXML

/// Excel workbooks (XLSX) become a table of records per sheet (see `Spreadsheet.view`):
/// shared and inline strings, numbers, booleans and dates (1900 and 1904 systems)
/// are decoded, and every record and field keeps its cell reference (`Objectives!C14`)
/// for findings. The register's `sheet` attribute limits the view to one sheet.
struct XLSXEvidenceAdapter: EvidenceAdapter {
    /// Text a shared-string table may hold; its entries are bounded by the `ViewMemoryBudget`.
    static let maxSharedStringCharacters = 200_000_000

    func document(
        from data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions
    ) throws(EvidenceError) -> EvidenceDocument {
        let (workbook, bytesParsed) = try Self.workbook(data, item: item, options: options)
        let cells = options.budget.allowance(.spreadsheetCell, inputBytes: bytesParsed)
        let (view, conformance) = try workbook.view(item: item, contract: contract, allowance: cells)
        return EvidenceDocument(document: view, format: item.format, warnings: [], conformance: conformance)
    }

    /// Reads the sheet a tabular contract selects record by record, as `CSVEvidenceAdapter`
    /// streams a table: each record of `/table/record` goes to `body` with its position as
    /// soon as it is built, and is freed afterwards. The rows are read without the sheet's
    /// tree, and kept as plain values until the view is laid; the view is never whole.
    ///
    /// - Precondition: `contract` has a table for XLSX (`EvidenceRecordStream.canStream`).
    static func streamRecords(
        _ data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions, concurrently: Bool = false,
        _ body: (XMLNode, Int) -> Void
    ) throws(EvidenceError) -> (records: Int, conformance: ContractConformance) {
        let (workbook, bytesParsed) = try workbook(data, item: item, options: options)
        let cells = options.budget.allowance(.spreadsheetCell, inputBytes: bytesParsed, streamed: true)
        let (records, conformance) = try TableRecordStream.read(file: item.file, concurrently: concurrently, body) {
            builder, eachRecord throws(EvidenceError) in
            try workbook.lay(item: item, contract: contract, allowance: cells, into: builder, eachRecord: eachRecord)
        }
        return (records, conformance)
    }

    /// The workbook's sheets (only the register's `sheet`, when it names one), and the bytes
    /// of XML read for them.
    private static func workbook(_ data: Data, item: EvidenceItem, options: EvidenceReadOptions) throws(EvidenceError) -> (Spreadsheet, Int) {
        var package = try OfficePackage(data: data, item: item)
        try package.refuseExternalRelationships()
        guard package.contains("xl/workbook.xml") else {
            throw TextDecoding.invalid(item, "not an Excel workbook (no xl/workbook.xml); save it as .xlsx or register its real format")
        }
        let workbook = try package.xml("xl/workbook.xml")
        let namespace = OfficeNamespace.spreadsheet
        let uses1904 = ["1", "true"].contains(workbook.root?.child("workbookPr", in: namespace)?.attribute("date1904") ?? "")
        let targets = try relationshipTargets(&package, "xl/_rels/workbook.xml.rels", base: "xl/")
        let strings = package.contains("xl/sharedStrings.xml") ? try sharedStrings(&package, item, budget: options.budget) : []
        let dateStyles = package.contains("xl/styles.xml") ? try Self.dateStyles(package.xml("xl/styles.xml")) : []
        let values = CellValues(strings: strings, dateStyles: dateStyles, uses1904: uses1904)
        var sheets: [Spreadsheet.Sheet] = []
        let declared = workbook.root?.child("sheets", in: namespace)?.children("sheet", in: namespace) ?? []
        for sheet in declared {
            let name = sheet.attribute("name") ?? "Sheet\(sheets.count + 1)"
            if let wanted = item.sheet, wanted != name { continue }
            guard let id = sheet.attribute("id", namespace: OfficeNamespace.relationships), let path = targets[id] else {
                throw TextDecoding.invalid(item, "sheet '\(name)' has no part in the workbook; the file is damaged")
            }
            sheets.append(try Self.sheet(&package, part: path, name: name, values: values))
        }
        if let wanted = item.sheet, sheets.isEmpty {
            let names = declared.compactMap { $0.attribute("name") }.joined(separator: ", ")
            throw TextDecoding.invalid(item, "the workbook has no sheet '\(wanted)' (it has: \(names)); correct the register's sheet attribute")
        }
        return (Spreadsheet(sheets: sheets), package.bytesParsed)
    }

    private static func relationshipTargets(_ package: inout OfficePackage, _ path: String, base: String) throws(EvidenceError) -> [String: String] {
        guard package.contains(path) else { return [:] }
        var targets: [String: String] = [:]
        for relationship in try package.xml(path).root?.childElements ?? [] {
            guard let id = relationship.attribute("Id"), let target = relationship.attribute("Target") else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        }
        return targets
    }

    private static func sharedStrings(_ package: inout OfficePackage, _ item: EvidenceItem, budget: ViewMemoryBudget) throws(EvidenceError) -> [String] {
        let before = package.bytesParsed
        let document = try package.xml("xl/sharedStrings.xml")
        let namespace = OfficeNamespace.spreadsheet
        let entries = document.root?.children("si", in: namespace) ?? []
        let allowance = budget.allowance(.sharedString, inputBytes: package.bytesParsed - before)
        guard entries.count <= allowance.units else {
            throw TextDecoding.invalid(
                item,
                "the shared-string table holds more than \(allowance.units) shared strings\(allowance.reason); this is refused as a memory guard. \(allowance.advice)")
        }
        var total = 0
        var strings: [String] = []
        strings.reserveCapacity(entries.count)
        for entry in entries {
            // Plain text is <t>; rich text is runs <r><t>; phonetic guides <rPh> are not part of the value.
            let text = entry.child("t", in: namespace)?.stringValue
                ?? entry.children("r", in: namespace).map { $0.child("t", in: namespace)?.stringValue ?? "" }.joined()
            total += text.utf8.count
            guard total <= Self.maxSharedStringCharacters else {
                throw TextDecoding.invalid(item, "the shared-string table holds over \(Self.maxSharedStringCharacters) bytes of text; refused")
            }
            strings.append(text)
        }
        return strings
    }

    /// Indexes of cell styles (`cellXfs`) whose number format shows a date.
    static func dateStyles(_ styles: XMLDocument) -> Set<Int> {
        let namespace = OfficeNamespace.spreadsheet
        var codes: [Int: String] = [:]
        for format in styles.root?.child("numFmts", in: namespace)?.children("numFmt", in: namespace) ?? [] {
            if let id = format.attribute("numFmtId").flatMap(Int.init) { codes[id] = format.attribute("formatCode") }
        }
        var dates = Set<Int>()
        let formats = styles.root?.child("cellXfs", in: namespace)?.children("xf", in: namespace) ?? []
        for (index, format) in formats.enumerated() {
            let id = format.attribute("numFmtId").flatMap(Int.init) ?? 0
            if ExcelNumberFormat.isDate(formatId: id, code: codes[id]) { dates.insert(index) }
        }
        return dates
    }

    /// What a cell's raw value means: shared strings, and which styles show a date in which system.
    private struct CellValues {
        let strings: [String]
        let dateStyles: Set<Int>
        let uses1904: Bool
    }

    /// One sheet's rows and merged cells, read from its part a row at a time: a large
    /// sheet's tree would take about seven times its XML.
    private static func sheet(_ package: inout OfficePackage, part: String, name: String, values: CellValues) throws(EvidenceError) -> Spreadsheet.Sheet {
        let data = try package.bytes(part)
        let namespace = OfficeNamespace.spreadsheet
        let item = package.item
        var rows: [Spreadsheet.Row] = []
        var nextRow = 1
        var failure: EvidenceError?
        try package.forEachElement(of: data, part: part, at: ["worksheet", "sheetData", "row"], namespace: namespace) { row in
            guard failure == nil else { return }
            do throws(EvidenceError) {
                rows.append(try Self.row(row, sheet: name, item: item, values: values, nextRow: &nextRow))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        // Merged cells come after the rows; a sheet without any is not parsed twice.
        var merges: [Spreadsheet.Merge] = []
        if data.range(of: Data("mergeCell".utf8)) != nil {
            try package.forEachElement(of: data, part: part, at: ["worksheet", "mergeCells", "mergeCell"], namespace: namespace) { merge in
                if let merge = merge.attribute("ref").flatMap(Spreadsheet.Merge.init(reference:)) { merges.append(merge) }
            }
        }
        return Spreadsheet.Sheet(name: name, rows: rows, merges: merges)
    }

    /// One `<row>` as plain values; `nextRow` numbers a row without `r`, as Excel does.
    private static func row(
        _ row: XMLNode, sheet: String, item: EvidenceItem, values: CellValues, nextRow: inout Int
    ) throws(EvidenceError) -> Spreadsheet.Row {
        let namespace = OfficeNamespace.spreadsheet
        let number = row.attribute("r").flatMap(Int.init) ?? nextRow
        guard (1...Spreadsheet.maxRows).contains(number) else {
            throw TextDecoding.invalid(
                item, "sheet '\(sheet)' has a row numbered \(row.attribute("r") ?? String(number)), outside the grid of rows 1 to \(Spreadsheet.maxRows); the file is damaged. Re-save it")
        }
        nextRow = number + 1
        var cells: [Spreadsheet.Cell] = []
        var nextColumn = 0
        for cell in row.children("c", in: namespace) {
            let column = cell.attribute("r").flatMap(Spreadsheet.column(ofReference:)) ?? nextColumn
            guard column < Spreadsheet.maxColumns else {
                let reference = cell.attribute("r").map { "'\($0.prefix(40))'" } ?? "number \(column + 1) of row \(number)"
                throw TextDecoding.invalid(
                    item, "sheet '\(sheet)' has a cell \(reference) beyond column XFD, outside the grid; the file is damaged. Re-save it")
            }
            nextColumn = column + 1
            let raw = cell.child("v", in: namespace)?.stringValue ?? ""
            let value: String
            switch cell.attribute("t") ?? "n" {
            case "s": value = Int(raw).flatMap { $0 >= 0 && $0 < values.strings.count ? values.strings[$0] : nil } ?? ""
            case "inlineStr": value = cell.child("is", in: namespace)?.stringValue ?? ""
            case "b": value = raw == "1" ? "true" : "false"
            case "str", "e", "d": value = raw
            default:
                let style = cell.attribute("s").flatMap(Int.init) ?? 0
                if values.dateStyles.contains(style), let serial = Double(raw),
                    let date = ExcelNumberFormat.date(serial: serial, uses1904: values.uses1904)
                {
                    value = date
                } else {
                    value = ExcelNumberFormat.plainNumber(raw)
                }
            }
            cells.append(Spreadsheet.Cell(column: column, value: value))
        }
        return Spreadsheet.Row(number: number, cells: cells)
    }
}
