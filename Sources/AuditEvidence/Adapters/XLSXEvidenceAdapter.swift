import AuditModel
import Foundation
import LibXML
import SafeZip

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
        var workbook = try Self.open(data, item: item, options: options)
        let spreadsheet = try Self.readSheets(&workbook)
        let cells = options.budget.allowance(.spreadsheetCell, inputBytes: workbook.package.bytesParsed)
        let (view, conformance) = try spreadsheet.view(item: item, contract: contract, allowance: cells)
        return EvidenceDocument(document: view, format: item.format, warnings: [], conformance: conformance)
    }

    /// Reads the sheet a tabular contract selects record by record, as `CSVEvidenceAdapter`
    /// streams a table: each record of `/table/record` goes to `body` with its position as
    /// soon as it is laid, and is freed afterwards; the view is never whole. The rows are
    /// read without the sheet's tree. A lone sheet without merged cells is parsed as it is
    /// inflated and laid as its rows are read (`Spreadsheet.RowByRowTable`), so memory
    /// follows the row; since merged cells come after the rows, the sheet is inflated once
    /// first to look for them. Otherwise the rows are kept as plain values until all are
    /// read, since the header and the sheet depend on all of them.
    ///
    /// - Parameter concurrently: Read a lone sheet's rows on a second thread
    ///   (`ProducerThread`) while this one lays and checks them.
    /// - Precondition: `contract` has a table for XLSX (`EvidenceRecordStream.canStream`).
    static func streamRecords(
        _ data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions, concurrently: Bool = false,
        _ body: (XMLNode, Int) -> Void
    ) throws(EvidenceError) -> (records: Int, conformance: ContractConformance) {
        var workbook = try open(data, item: item, options: options)
        let spreadsheet: Spreadsheet
        if workbook.sheets.count == 1, let table = contract?.table(for: item.format) {
            let sheet = workbook.sheets[0]
            if try !workbook.package.part(sheet.part, contains: Self.mergeWord) {
                let part = try workbook.package.stream(sheet.part)
                let cells = options.budget.allowance(.spreadsheetCell, inputBytes: workbook.package.bytesParsed, streamed: true)
                let values = workbook.values
                let (records, conformance) = try TableRecordStream.read(file: item.file, body) { builder, eachRecord throws(EvidenceError) in
                    var laid = Spreadsheet.RowByRowTable(
                        sheet: sheet.name, item: item, table: table, allowance: cells, builder: builder, eachRecord: eachRecord)
                    try forEachRow(of: part, sheet: sheet, item: item, values: values, concurrently: concurrently) {
                        row throws(EvidenceError) in try laid.add(row)
                    }
                    return laid.finish()
                }
                return (records, conformance)
            }
            spreadsheet = Spreadsheet(sheets: [try readSheet(sheet, in: &workbook)])
        } else {
            spreadsheet = try readSheets(&workbook)
        }
        let cells = options.budget.allowance(.spreadsheetCell, inputBytes: workbook.package.bytesParsed, streamed: true)
        return try spreadsheet.streamTable(item: item, contract: contract, allowance: cells, body)
    }

    /// A workbook opened for its sheets to be read.
    private struct Workbook {
        var package: OfficePackage
        let values: CellValues
        /// The sheets to read, in order: only the register's `sheet`, when it names one.
        let sheets: [SheetPart]
    }

    /// A sheet's name, and the package part that holds its XML.
    private struct SheetPart {
        let name: String
        let part: String
    }

    /// What a sheet's XML holds when it may list merged cells (`<mergeCells>`, `<mergeCell>`).
    private static let mergeWord = "mergeCell"

    /// Opens the package and reads what every sheet needs: the sheets' names and parts, the
    /// shared strings, and which styles are dates.
    private static func open(_ data: Data, item: EvidenceItem, options: EvidenceReadOptions) throws(EvidenceError) -> Workbook {
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
        var sheets: [SheetPart] = []
        let declared = workbook.root?.child("sheets", in: namespace)?.children("sheet", in: namespace) ?? []
        for sheet in declared {
            let name = sheet.attribute("name") ?? "Sheet\(sheets.count + 1)"
            if let wanted = item.sheet, wanted != name { continue }
            guard let id = sheet.attribute("id", namespace: OfficeNamespace.relationships), let path = targets[id] else {
                throw TextDecoding.invalid(item, "sheet '\(name)' has no part in the workbook; the file is damaged")
            }
            sheets.append(SheetPart(name: name, part: path))
        }
        if let wanted = item.sheet, sheets.isEmpty {
            let names = declared.compactMap { $0.attribute("name") }.joined(separator: ", ")
            throw TextDecoding.invalid(item, "the workbook has no sheet '\(wanted)' (it has: \(names)); correct the register's sheet attribute")
        }
        return Workbook(package: package, values: CellValues(strings: strings, dateStyles: dateStyles, uses1904: uses1904), sheets: sheets)
    }

    /// Every sheet to read, with its rows and merged cells.
    private static func readSheets(_ workbook: inout Workbook) throws(EvidenceError) -> Spreadsheet {
        var sheets: [Spreadsheet.Sheet] = []
        for sheet in workbook.sheets {
            sheets.append(try readSheet(sheet, in: &workbook))
        }
        return Spreadsheet(sheets: sheets)
    }

    /// One sheet's rows and merged cells, parsed as the sheet is inflated: its XML is never
    /// whole in memory. Merged cells come after the rows, so a sheet is searched for them
    /// while its rows are read, and only one that has some is inflated and parsed again.
    private static func readSheet(_ sheet: SheetPart, in workbook: inout Workbook) throws(EvidenceError) -> Spreadsheet.Sheet {
        let item = workbook.package.item
        var rows: [Spreadsheet.Row] = []
        var merged = OfficePackage.WordSearch(mergeWord)
        try forEachRow(of: try workbook.package.stream(sheet.part), sheet: sheet, item: item, values: workbook.values, eachChunk: {
            merged.scan($0)
        }) { rows.append($0) }
        var merges: [Spreadsheet.Merge] = []
        if merged.found {
            try OfficePackage.forEachElement(
                of: try workbook.package.stream(sheet.part), part: sheet.part, in: item, at: ["worksheet", "mergeCells", "mergeCell"],
                namespace: OfficeNamespace.spreadsheet
            ) { merge in
                if let merge = merge.attribute("ref").flatMap(Spreadsheet.Merge.init(reference:)) { merges.append(merge) }
            }
        }
        return Spreadsheet.Sheet(name: sheet.name, rows: rows, merges: merges)
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

    /// The shared-string table, read an entry at a time as it is inflated: only the strings
    /// are kept, never the table's tree (seven times its XML, which in a workbook saved by
    /// Excel holds every text cell). Past the `ViewMemoryBudget`'s count or the text limit the
    /// file is refused, and the rest of the table is not inflated.
    private static func sharedStrings(_ package: inout OfficePackage, _ item: EvidenceItem, budget: ViewMemoryBudget) throws(EvidenceError) -> [String] {
        let path = "xl/sharedStrings.xml"
        let namespace = OfficeNamespace.spreadsheet
        let part = try package.stream(path)
        let allowance = budget.allowance(.sharedString, inputBytes: part.declaredSize)
        var total = 0
        var strings: [String] = []
        var refusal: EvidenceError?
        func refuse(_ message: String) {
            refusal = TextDecoding.invalid(item, message)
            part.cancel()
        }
        do throws(EvidenceError) {
            try OfficePackage.forEachElement(of: part, part: path, in: item, at: ["sst", "si"], namespace: namespace) { entry in
                guard refusal == nil else { return }
                guard strings.count < allowance.units else {
                    return refuse(
                        "the shared-string table holds more than \(allowance.units) shared strings\(allowance.reason); this is refused as a memory guard. \(allowance.advice)")
                }
                // Plain text is <t>; rich text is runs <r><t>; phonetic guides <rPh> are not part of the value.
                let text = entry.child("t", in: namespace)?.stringValue
                    ?? entry.children("r", in: namespace).map { $0.child("t", in: namespace)?.stringValue ?? "" }.joined()
                total += text.utf8.count
                guard total <= Self.maxSharedStringCharacters else {
                    return refuse("the shared-string table holds over \(Self.maxSharedStringCharacters) bytes of text; refused")
                }
                strings.append(text)
            }
        } catch {
            // A refusal cancels the inflation, which the parse reports as a table cut short.
            if refusal == nil { throw error }
        }
        if let refusal { throw refusal }
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

    /// Calls `body` with each row of a sheet as it is inflated, read a row at a time without
    /// the sheet's tree (which would take about seven times its XML); the first error, the
    /// parse's or `body`'s, ends the read.
    ///
    /// - Parameters:
    ///   - concurrently: Read the rows on a second thread (`ProducerThread`); `body` is still
    ///     called on this one. Once `body` has thrown, the sheet is not inflated further.
    ///   - eachChunk: Shown every chunk of the sheet's XML (`OfficePackage.forEachElement`);
    ///     only when not `concurrently`.
    private static func forEachRow(
        of part: SafeArchive.EntryStream, sheet: SheetPart, item: EvidenceItem, values: CellValues, concurrently: Bool = false,
        eachChunk: ((Data) -> Void)? = nil, _ body: (Spreadsheet.Row) throws(EvidenceError) -> Void
    ) throws(EvidenceError) {
        if concurrently {
            let rows = ProducerThread<Spreadsheet.Row, EvidenceError>(name: "cxaudit sheet rows") { yield throws(EvidenceError) in
                try forEachRow(of: part, sheet: sheet, item: item, values: values) { row in
                    // The parse then ends early, unheard: the consumer has already stopped.
                    if !yield(row) { part.cancel() }
                }
            }
            defer { rows.finish() }
            while let row = try rows.next() { try body(row) }
            return
        }
        var nextRow = 1
        var failure: EvidenceError?
        try OfficePackage.forEachElement(
            of: part, part: sheet.part, in: item, at: ["worksheet", "sheetData", "row"], namespace: OfficeNamespace.spreadsheet,
            eachChunk: eachChunk
        ) { row in
            guard failure == nil else { return }
            do throws(EvidenceError) {
                try body(try Self.row(row, sheet: sheet.name, item: item, values: values, nextRow: &nextRow))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
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
