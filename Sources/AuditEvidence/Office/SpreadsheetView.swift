import AuditModel
import LibXML

/// A spreadsheet read from XLSX or ODS, before it becomes the XML view.
struct Spreadsheet {
    /// Excel's grid, which LibreOffice shares: columns A to XFD, rows 1 to 1,048,576.
    /// Cells outside it come from damaged or hostile files.
    static let maxColumns = 16_384
    static let maxRows = 1_048_576

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

    /// Cells merged into one, as a header over several columns ("Assessment" over
    /// "Likelihood" and "Impact") or over two header rows; 1-based rows, 0-based columns.
    struct Merge {
        let firstRow: Int
        let lastRow: Int
        let firstColumn: Int
        let lastColumn: Int

        /// A range such as `D1:E1`; nil when it is not one.
        init?(reference: String) {
            let corners = reference.split(separator: ":")
            guard corners.count == 2, let first = Self.cell(corners[0]), let last = Self.cell(corners[1]),
                first.row <= last.row, first.column <= last.column
            else { return nil }
            self.init(firstRow: first.row, lastRow: last.row, firstColumn: first.column, lastColumn: last.column)
        }

        init(firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
            self.firstRow = firstRow
            self.lastRow = lastRow
            self.firstColumn = firstColumn
            self.lastColumn = min(lastColumn, Spreadsheet.maxColumns - 1)
        }

        private static func cell(_ reference: Substring) -> (row: Int, column: Int)? {
            guard let column = Spreadsheet.column(ofReference: String(reference)), column < Spreadsheet.maxColumns,
                let row = Int(reference.drop { $0.isLetter }), (1...Spreadsheet.maxRows).contains(row)
            else { return nil }
            return (row, column)
        }
    }

    struct Sheet {
        let name: String
        let rows: [Row]
        var merges: [Merge] = []
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

    /// How a sheet becomes records: its first non-empty row names the fields (as CSV
    /// headers do) and gives every record its width; every later non-empty row is a record.
    ///
    /// Trackers kept by hand often head their columns with merged cells, which this reads
    /// as a person does: a title merged across the table above its header is not the
    /// header; a header cell merged across columns ("Assessment" over "Likelihood" and
    /// "Impact") makes the header two rows deep (when the row under it holds values only
    /// under such cells), each column named by the cell under it,
    /// or by both when the lower names repeat ("Target value", "Actual value"); a cell
    /// merged down both header rows names its column alone.
    struct Layout {
        let labels: [String]
        let width: Int
        let records: ArraySlice<Row>

        init?(_ sheet: Sheet) {
            var rows = ArraySlice(sheet.rows.filter { row in row.cells.contains { !$0.value.isEmpty } })
            // At most a few title rows, so a sheet of a million one-cell rows costs no more than one.
            for _ in 0..<3 {
                guard rows.count > 1, let first = rows.first else { break }
                let filled = first.cells.filter { !$0.value.isEmpty }
                let isTitle = filled.count == 1 && sheet.merges.contains {
                    $0.firstRow == first.number && $0.lastRow == first.number && $0.firstColumn == filled[0].column && $0.lastColumn > $0.firstColumn
                }
                guard isTitle else { break }
                rows = rows.dropFirst()
            }
            guard let header = rows.first else { return nil }
            let startingHere = sheet.merges.filter { $0.firstRow == header.number }
            var lastHeaderRow = startingHere.map(\.lastRow).max() ?? header.number
            // The row under a group header names the group's columns only if every value it
            // holds is under a group: a row with values elsewhere is the first record, kept.
            let groups = startingHere.filter { $0.lastColumn > $0.firstColumn && $0.lastRow == header.number }
            if !groups.isEmpty, rows.count > 1 {
                let filled = rows[rows.startIndex + 1].cells.filter { !$0.value.isEmpty }
                let underGroups = filled.allSatisfy { cell in groups.contains { $0.firstColumn <= cell.column && cell.column <= $0.lastColumn } }
                if !filled.isEmpty, underGroups { lastHeaderRow = max(lastHeaderRow, rows[rows.startIndex + 1].number) }
            }
            // A header is at most three rows deep, however far a merged cell runs down.
            lastHeaderRow = min(lastHeaderRow, header.number + 2)
            let band = rows.prefix { $0.number <= lastHeaderRow }
            let spans = startingHere.map { $0.lastColumn + 1 }
            width = max((band.flatMap { $0.cells.map(\.column) }.max() ?? -1) + 1, spans.max() ?? 0)
            // The first column of the merged cell over each column of the header's first row;
            // merges in one row do not overlap, so each column is looked at once.
            var anchor = [Int: Int]()
            for spanning in startingHere where anchor[spanning.firstColumn] == nil {
                var column = spanning.firstColumn
                while column <= min(spanning.lastColumn, width - 1), anchor[column] == nil {
                    anchor[column] = spanning.firstColumn
                    column += 1
                }
            }
            // Each column's names from the top of the header down: a merged cell names every column it spans.
            var parts = Array(repeating: [String](), count: width)
            for row in band {
                var values = [Int: String]()
                for cell in row.cells where !cell.value.isEmpty { values[cell.column] = cell.value }
                for column in 0..<width {
                    if let value = values[column] {
                        parts[column].append(value)
                    } else if row.number == header.number, let first = anchor[column], let value = values[first] {
                        parts[column].append(value)
                    }
                }
            }
            let lowest = parts.map { $0.last ?? "" }
            let uses = Dictionary(lowest.map { ($0, 1) }, uniquingKeysWith: +)
            labels = parts.indices.map { column in
                let name = lowest[column]
                return (uses[name] ?? 0) > 1 && parts[column].count > 1 ? parts[column].joined(separator: " ") : name
            }
            records = rows.dropFirst(band.count)
        }

        /// Columns of `record`: the header's width, or more when the record runs past it.
        func width(of record: Row) -> Int {
            max(width, (record.cells.map(\.column).max() ?? 0) + 1)
        }
    }

    /// Builds the XML view shared by XLSX and ODS, and checks it against the contract.
    ///
    /// A tabular contract (one record set of fields) reads one sheet as a table, exactly as
    /// a CSV file reads (the register's `sheet`, else the first sheet with rows):
    ///
    /// ```xml
    /// <table>
    ///   <record row="2" ref="Complaints!A2:F2"><complaint-id ref="Complaints!A2">C-1</complaint-id>…</record>
    /// </table>
    /// ```
    ///
    /// Otherwise every sheet is kept, and a contract's `sheet` record sets name their fields:
    ///
    /// ```xml
    /// <workbook>
    ///   <sheet name="Objectives" index="1">
    ///     <record row="2" ref="Objectives!A2:F2"><id ref="Objectives!A2">OBJ-01</id>…</record>
    ///   </sheet>
    /// </workbook>
    /// ```
    ///
    /// Every record has one element per header column (see `Layout`), so one header cell in
    /// column XFD over a few thousand rows (a 16 KB file) would make tens of millions of
    /// elements: the cells are counted first.
    ///
    /// - Parameter allowance: The cells the view may have (`ViewMemoryBudget`); the default
    ///   is this machine's for a small file.
    /// - Throws: When the view would have more cells than `allowance`, before any is built.
    func view(
        item: EvidenceItem, contract: EvidenceContract?,
        allowance: ViewMemoryBudget.Allowance = ViewMemoryBudget.machine.allowance(.spreadsheetCell, inputBytes: 0)
    ) throws(EvidenceError) -> (XMLDocument, ContractConformance) {
        let builder = XMLDocumentBuilder(file: item.file)
        let conformance = try lay(item: item, contract: contract, allowance: allowance, into: builder)
        return (builder.finish(), conformance)
    }

    /// Lays the view of `view(item:contract:allowance:)` record by record, handing each record to
    /// `body` with its position and freeing it afterwards (`TableRecordStream`): a tabular
    /// contract's table is never whole in memory.
    ///
    /// - Returns: How many records were handed over, and how the sheet measures up to the contract.
    func streamTable(
        item: EvidenceItem, contract: EvidenceContract?, allowance: ViewMemoryBudget.Allowance, _ body: (XMLNode, Int) -> Void
    ) throws(EvidenceError) -> (records: Int, conformance: ContractConformance) {
        let (records, conformance) = try TableRecordStream.read(file: item.file, body) { builder, eachRecord throws(EvidenceError) in
            try lay(item: item, contract: contract, allowance: allowance, into: builder, eachRecord: eachRecord)
        }
        return (records, conformance)
    }

    /// Builds the view of `view(item:contract:allowance:)` in `builder`; with `eachRecord`,
    /// told each time a record is built (to hand it over and free it), the view is never whole.
    func lay(
        item: EvidenceItem, contract: EvidenceContract?, allowance: ViewMemoryBudget.Allowance, into builder: XMLDocumentBuilder,
        eachRecord: ((XMLDocumentBuilder) -> Void)? = nil
    ) throws(EvidenceError) -> ContractConformance {
        let layouts = sheets.map(Layout.init)
        var cells = 0
        for (sheet, layout) in zip(sheets, layouts) {
            guard let layout else { continue }
            for record in layout.records {
                cells += layout.width(of: record)
                if cells > allowance.units {
                    throw Self.tooManyCells(sheet: sheet.name, rows: "\(layout.records.count) rows", width: layout.width, allowance: allowance, item: item)
                }
            }
        }
        var conformance = ContractConformance()
        if let table = contract?.table(for: item.format) {
            builder.startElement("table")
            // The register's sheet, else the sheet whose header holds most of the contract's
            // fields (a tracker often opens with a "Read me" sheet), the first of equals.
            let candidates = zip(sheets, layouts).compactMap { sheet, layout in layout.map { (sheet, $0) } }
            let found = candidates.map { Self.fieldsFound($0.1, table, item) }
            // `max` keeps the first of equals.
            let chosen = found.indices.max { found[$0] < found[$1] }.map { candidates[$0] }
            var writer = TableRecordWriter(
                layout: TableLayout(labels: chosen.map(\.1.labels) ?? [], recordSet: table, item: item, isSpreadsheet: true),
                file: item.file)
            if let (sheet, layout) = chosen {
                Self.append(layout.records, of: sheet.name, layout: layout, to: &writer, builder: builder, eachRecord: eachRecord)
            }
            builder.endElement()
            conformance.record(layout: writer.layout, writer: writer, recordSet: table, item: item)
            return conformance
        }
        builder.startElement("workbook")
        for (index, (sheet, layout)) in zip(sheets, layouts).enumerated() {
            builder.startElement("sheet", attributes: [("name", sheet.name), ("index", String(index + 1))])
            let recordSet = contract?.recordSets(for: item.format).first { $0.location == .sheet(sheet.name) }
            var writer = TableRecordWriter(
                layout: TableLayout(labels: layout?.labels ?? [], recordSet: recordSet, item: item, isSpreadsheet: true),
                file: item.file, parentPath: "/workbook/sheet[\(index + 1)]")
            if let layout {
                Self.append(layout.records, of: sheet.name, layout: layout, to: &writer, builder: builder, eachRecord: eachRecord)
            }
            builder.endElement()
            if let recordSet {
                conformance.record(layout: writer.layout, writer: writer, recordSet: recordSet, item: item)
            }
        }
        builder.endElement()
        for recordSet in contract?.recordSets(for: item.format) ?? [] {
            guard case let .sheet(name) = recordSet.location, !sheets.contains(where: { $0.name == name }) else { continue }
            conformance.shortfalls.append(
                ContractConformance.Shortfall(
                    itemId: item.id, recordSet: recordSet.label, found: 0, minimum: max(recordSet.minimumRecords, 1),
                    detail: "the workbook has no sheet '\(name)'; it has \(sheets.map { "'\($0.name)'" }.joined(separator: ", "))"))
        }
        return conformance
    }

    /// The refusal of a sheet whose view would pass `allowance`; `rows` says how many rows it has.
    static func tooManyCells(sheet: String, rows: String, width: Int, allowance: ViewMemoryBudget.Allowance, item: EvidenceItem) -> EvidenceError {
        TextDecoding.invalid(
            item,
            "sheet '\(sheet)' would become more than \(allowance.units) cells (\(rows), each as wide as the header row's \(width) columns)\(allowance.reason); this is refused as a memory guard. Delete unused columns and rows, or split the workbook")
    }

    /// How many of the contract's fields a sheet's header holds.
    private static func fieldsFound(_ layout: Layout, _ table: EvidenceContract.RecordSet, _ item: EvidenceItem) -> Int {
        let found = TableLayout(labels: layout.labels, recordSet: table, item: item, isSpreadsheet: true)
        return table.fields.count - found.missingFields.count
    }

    /// Lays `rows` of the sheet named `sheet` as records, each as wide as the header (or as
    /// its last cell, past it).
    static func append(
        _ rows: some Sequence<Row>, of sheet: String, layout: Layout, to writer: inout TableRecordWriter, builder: XMLDocumentBuilder,
        eachRecord: ((XMLDocumentBuilder) -> Void)?
    ) {
        for row in rows {
            let last = Self.columnName(layout.width(of: row) - 1)
            let reference = "\(sheet)!A\(row.number):\(last)\(row.number)"
            var values = [Int: String]()
            for cell in row.cells { values[cell.column] = cell.value }
            let columns = Set(0..<layout.width).union(values.keys).sorted()
            writer.append(
                columns.map { column in
                    let cellReference = "\(sheet)!\(Self.columnName(column))\(row.number)"
                    return TableRecordWriter.Cell(
                        column: column, value: values[column] ?? "", attributes: [("ref", cellReference)], locator: cellReference)
                },
                attributes: [("row", String(row.number)), ("ref", reference)], line: nil, locator: reference, into: builder)
            eachRecord?(builder)
        }
    }
}
