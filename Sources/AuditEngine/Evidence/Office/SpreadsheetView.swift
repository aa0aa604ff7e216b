import AuditModel
import LibXML

/// A spreadsheet read from XLSX or ODS, before it becomes the XML view.
struct Spreadsheet {
    /// Excel's grid, which LibreOffice shares: columns A to XFD, rows 1 to 1,048,576.
    /// Cells outside it come from damaged or hostile files.
    static let maxColumns = 16_384
    static let maxRows = 1_048_576
    /// Most cells the XML view may have. Every record gets one element per column of
    /// its sheet's header row, so one header cell in column XFD over a few thousand
    /// rows (a 16 KB file) would otherwise make tens of millions of elements.
    static let maxViewCells = 2_000_000

    struct Cell {
        /// 0-based column.
        let column: Int
        let value: String
    }

    struct Row {
        /// 1-based row number as the spreadsheet shows it.
        let number: Int
        let cells: [Cell]
    }

    struct Sheet {
        let name: String
        let rows: [Row]
    }

    let sheets: [Sheet]

    /// `A`, `B`, … `Z`, `AA` for a 0-based column.
    static func columnName(_ column: Int) -> String {
        var name = ""
        var index = column + 1
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// The 0-based column of a cell reference such as `C14`; `maxColumns` for any
    /// column past XFD, however many letters it has.
    static func column(ofReference reference: String) -> Int? {
        var column = 0
        var sawLetter = false
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            column = column * 26 + Int(scalar.value - 64)
            sawLetter = true
            if column > maxColumns { return maxColumns }
        }
        return sawLetter ? column - 1 : nil
    }

    /// Refuses a spreadsheet whose view would have more than `maxViewCells` cells
    /// (counted as `view(file:only:)` lays them out).
    func checkViewSize(item: EvidenceItem) throws(EvidenceError) {
        var cells = 0
        for sheet in sheets {
            let rows = sheet.rows.filter { row in row.cells.contains { !$0.value.isEmpty } }
            guard let header = rows.first else { continue }
            let width = (header.cells.map(\.column).max() ?? -1) + 1
            for row in rows.dropFirst() {
                cells += max(width, (row.cells.map(\.column).max() ?? 0) + 1)
                if cells > Self.maxViewCells {
                    throw TextDecoding.invalid(
                        item,
                        "sheet '\(sheet.name)' would become more than \(Self.maxViewCells) cells (\(rows.count - 1) rows, each as wide as the header row's \(width) columns); this is refused as a memory guard. Delete unused columns and rows, or split the workbook")
                }
            }
        }
    }

    /// Builds the XML view shared by XLSX and ODS:
    ///
    /// ```xml
    /// <workbook>
    ///   <sheet name="Objectives" index="1">
    ///     <record row="2" ref="Objectives!A2:F2"><id ref="Objectives!A2">OBJ-01</id>…</record>
    ///   </sheet>
    /// </workbook>
    /// ```
    ///
    /// The first non-empty row of each sheet names the fields (as CSV headers do);
    /// every later non-empty row is a record with one element per header column.
    func view(file: String, only sheetName: String?) -> XMLDocument {
        let builder = XMLDocumentBuilder(file: file)
        builder.startElement("workbook")
        for (index, sheet) in sheets.enumerated() where sheetName == nil || sheet.name == sheetName {
            builder.startElement("sheet", attributes: [("name", sheet.name), ("index", String(index + 1))])
            let rows = sheet.rows.filter { row in row.cells.contains { !$0.value.isEmpty } }
            if let header = rows.first {
                let width = (header.cells.map(\.column).max() ?? -1) + 1
                var labels = Array(repeating: "", count: width)
                for cell in header.cells { labels[cell.column] = cell.value }
                let names = CSVEvidenceAdapter.fieldNames(labels.enumerated().map { $1.isEmpty ? "column-\($0 + 1)" : $1 })
                for row in rows.dropFirst() {
                    let last = Self.columnName(max(width, (row.cells.map(\.column).max() ?? 0) + 1) - 1)
                    builder.startElement(
                        "record", attributes: [("row", String(row.number)), ("ref", "\(sheet.name)!A\(row.number):\(last)\(row.number)")])
                    var values = [Int: String]()
                    for cell in row.cells { values[cell.column] = cell.value }
                    let columns = Set(0..<width).union(values.keys).sorted()
                    for column in columns {
                        let name = column < names.count ? names[column] : "column-\(column + 1)"
                        builder.element(
                            name, text: values[column] ?? "",
                            attributes: [("ref", "\(sheet.name)!\(Self.columnName(column))\(row.number)")])
                    }
                    builder.endElement()
                }
            }
            builder.endElement()
        }
        builder.endElement()
        return builder.finish()
    }
}
