import AuditModel
import LibXML

extension Spreadsheet {
    /// The table view of a tabular contract (`/table/record`), laid while a sheet's rows are
    /// still being read, so that no row is kept once it is laid.
    ///
    /// Only for a sheet whose header is known from its first row with a value, as
    /// `Spreadsheet.view` would read it: the only sheet read, so there is no choice of
    /// sheet to make, and one without merged cells, so there is no title to skip and no
    /// header two rows deep (`Layout`). Any other workbook is read whole, then laid.
    struct RowByRowTable {
        private let sheet: String
        private let item: EvidenceItem
        private let table: EvidenceContract.RecordSet
        private let allowance: ViewMemoryBudget.Allowance
        private let builder: XMLDocumentBuilder
        private let eachRecord: (XMLDocumentBuilder) -> Void
        private var layout: Layout?
        private var writer: TableRecordWriter
        private var rows = 0
        private var cells = 0

        /// Opens the table in `builder`; `eachRecord` is told each time a record is laid.
        init(
            sheet: String, item: EvidenceItem, table: EvidenceContract.RecordSet, allowance: ViewMemoryBudget.Allowance,
            builder: XMLDocumentBuilder, eachRecord: @escaping (XMLDocumentBuilder) -> Void
        ) {
            self.sheet = sheet
            self.item = item
            self.table = table
            self.allowance = allowance
            self.builder = builder
            self.eachRecord = eachRecord
            writer = TableRecordWriter(layout: TableLayout(labels: [], recordSet: table, item: item, isSpreadsheet: true), file: item.file)
            builder.startElement("table")
        }

        /// The next row of the sheet: its header, a record, or nothing when it has no value.
        ///
        /// - Throws: When the view passes `allowance` cells.
        mutating func add(_ row: Row) throws(EvidenceError) {
            guard row.cells.contains(where: { !$0.value.isEmpty }) else { return }
            guard let layout else {
                let header = Layout(Sheet(name: sheet, rows: [row]))
                layout = header
                writer = TableRecordWriter(
                    layout: TableLayout(labels: header?.labels ?? [], recordSet: table, item: item, isSpreadsheet: true), file: item.file)
                return
            }
            rows += 1
            cells += layout.width(of: row)
            guard cells <= allowance.units else {
                throw Spreadsheet.tooManyCells(sheet: sheet, rows: "\(rows) rows so far", width: layout.width, allowance: allowance, item: item)
            }
            Spreadsheet.append(CollectionOfOne(row), of: sheet, layout: layout, to: &writer, builder: builder, eachRecord: eachRecord)
        }

        /// Closes the table; how it measures up to the contract.
        func finish() -> ContractConformance {
            builder.endElement()
            var conformance = ContractConformance()
            conformance.record(layout: writer.layout, writer: writer, recordSet: table, item: item)
            return conformance
        }
    }
}
