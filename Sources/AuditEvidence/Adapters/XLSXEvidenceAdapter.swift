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
        var sheets: [Spreadsheet.Sheet] = []
        let declared = workbook.root?.child("sheets", in: namespace)?.children("sheet", in: namespace) ?? []
        for sheet in declared {
            let name = sheet.attribute("name") ?? "Sheet\(sheets.count + 1)"
            if let wanted = item.sheet, wanted != name { continue }
            guard let id = sheet.attribute("id", namespace: OfficeNamespace.relationships), let path = targets[id] else {
                throw TextDecoding.invalid(item, "sheet '\(name)' has no part in the workbook; the file is damaged")
            }
            let part = try package.xml(path)
            let sheetRows = try rows(part, sheet: name, item: item, strings: strings, dateStyles: dateStyles, uses1904: uses1904)
            let merges = part.root?.child("mergeCells", in: namespace)?.children("mergeCell", in: namespace).compactMap {
                $0.attribute("ref").flatMap(Spreadsheet.Merge.init(reference:))
            }
            sheets.append(Spreadsheet.Sheet(name: name, rows: sheetRows, merges: merges ?? []))
        }
        if let wanted = item.sheet, sheets.isEmpty {
            let names = declared.compactMap { $0.attribute("name") }.joined(separator: ", ")
            throw TextDecoding.invalid(item, "the workbook has no sheet '\(wanted)' (it has: \(names)); correct the register's sheet attribute")
        }
        let cells = options.budget.allowance(.spreadsheetCell, inputBytes: package.bytesParsed)
        let (view, conformance) = try Spreadsheet(sheets: sheets).view(item: item, contract: contract, allowance: cells)
        return EvidenceDocument(document: view, format: item.format, warnings: [], conformance: conformance)
    }

    private func relationshipTargets(_ package: inout OfficePackage, _ path: String, base: String) throws(EvidenceError) -> [String: String] {
        guard package.contains(path) else { return [:] }
        var targets: [String: String] = [:]
        for relationship in try package.xml(path).root?.childElements ?? [] {
            guard let id = relationship.attribute("Id"), let target = relationship.attribute("Target") else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        }
        return targets
    }

    private func sharedStrings(_ package: inout OfficePackage, _ item: EvidenceItem, budget: ViewMemoryBudget) throws(EvidenceError) -> [String] {
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

    private func rows(
        _ part: XMLDocument, sheet: String, item: EvidenceItem, strings: [String], dateStyles: Set<Int>, uses1904: Bool
    ) throws(EvidenceError) -> [Spreadsheet.Row] {
        let namespace = OfficeNamespace.spreadsheet
        let rows = part.root?.child("sheetData", in: namespace)?.children("row", in: namespace) ?? []
        var result: [Spreadsheet.Row] = []
        var nextRow = 1
        for row in rows {
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
                case "s": value = Int(raw).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
                case "inlineStr": value = cell.child("is", in: namespace)?.stringValue ?? ""
                case "b": value = raw == "1" ? "true" : "false"
                case "str", "e", "d": value = raw
                default:
                    let style = cell.attribute("s").flatMap(Int.init) ?? 0
                    if dateStyles.contains(style), let serial = Double(raw),
                        let date = ExcelNumberFormat.date(serial: serial, uses1904: uses1904)
                    {
                        value = date
                    } else {
                        value = ExcelNumberFormat.plainNumber(raw)
                    }
                }
                cells.append(Spreadsheet.Cell(column: column, value: value))
            }
            result.append(Spreadsheet.Row(number: number, cells: cells))
        }
        return result
    }
}
