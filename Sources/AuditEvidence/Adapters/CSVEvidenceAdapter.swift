import AuditModel
import CSV
import Foundation
import LibXML

/// CSV exports become a table of records:
///
/// ```xml
/// <table>
///   <record line="2" number="1"><complaint-id>C-0001</complaint-id><received>2026-01-04</received>…</record>
/// </table>
/// ```
///
/// The header row names the fields (sanitised to XML names by `XMLName.sanitized`);
/// `line` is the file line where the record starts, `number` its 1-based position
/// after the header. Fields are parsed by CSV.swift (quoted fields, embedded
/// newlines, `""` escapes); delimiters `,` `;` tab `|`; UTF-8 with or without BOM,
/// or UTF-16 with BOM. Documented in docs/evidence.md.
///
/// Each field becomes an element (a few hundred bytes of memory), so the fields are
/// counted before the view is built and a file with more than its `ViewMemoryBudget`
/// allows is refused: one whose view would not fit in memory, or a few megabytes of
/// empty fields (`,,,,`) that would take gigabytes.
struct CSVEvidenceAdapter: EvidenceAdapter {
    /// Where a record (the header included) starts in the file.
    struct RecordStart: Equatable {
        let line: Int
        /// Bytes of UTF-8 text before it, for progress.
        let offset: Int
    }

    func document(
        from data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions
    ) throws(EvidenceError) -> EvidenceDocument {
        let builder = XMLDocumentBuilder(file: item.file)
        let (warnings, conformance) = try Self.readTable(data, item: item, contract: contract, options: options, into: builder)
        return EvidenceDocument(document: builder.finish(), format: .csv, warnings: warnings, conformance: conformance)
    }

    /// Reads the table record by record, handing each record to `body` with its position
    /// as soon as it is built and freeing it afterwards, so the view is never whole in
    /// memory (and the memory bound of `ViewMemoryBudget` does not apply, only its density bound).
    ///
    /// - Returns: How many records were read, the ragged-row warnings, and how the table
    ///   measures up to the contract, known only once the last record is read.
    ///
    /// - Parameter concurrently: Parse the fields on a second thread (`ProducerThread`) while
    ///   this one lays and checks the records: parsing takes about half the time.
    static func streamRecords(
        _ data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions, concurrently: Bool = false,
        _ body: (XMLNode, Int) -> Void
    ) throws(EvidenceError) -> (records: Int, warnings: [Diagnostic], conformance: ContractConformance) {
        let (records, laid) = try TableRecordStream.read(file: item.file, body) { builder, eachRecord throws(EvidenceError) in
            try readTable(
                data, item: item, contract: contract, options: options, into: builder, eachRecord: eachRecord, concurrently: concurrently)
        }
        return (records, laid.warnings, laid.conformance)
    }

    /// Builds the view in `builder`; with `eachRecord`, told each time a record is built (to
    /// hand it over and free it), the view is never whole.
    private static func readTable(
        _ data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions, into builder: XMLDocumentBuilder,
        eachRecord: ((XMLDocumentBuilder) -> Void)? = nil, concurrently: Bool = false
    ) throws(EvidenceError) -> (warnings: [Diagnostic], conformance: ContractConformance) {
        let text = try TextDecoding.decode(data, item: item)
        let delimiter = item.delimiter.flatMap(\.unicodeScalars.first) ?? ","
        let allowance = options.budget.allowance(.csvField, inputBytes: data.count, streamed: eachRecord != nil)
        let recordStarts = try Self.recordStarts(text, delimiter: delimiter, item: item, allowance: allowance)
        guard let first = recordStarts.first else {
            throw TextDecoding.invalid(item, "the CSV file is empty; it needs a header row naming the fields", line: 1)
        }
        let nextRow: () throws(EvidenceError) -> [String]?
        var producer: ProducerThread<[String], EvidenceError>?
        if concurrently {
            let thread = ProducerThread<[String], EvidenceError>(name: "cxaudit CSV fields") { yield throws(EvidenceError) in
                let reader = try Self.reader(of: text, delimiter: delimiter, item: item)
                while let row = reader.next(), yield(row) {}
            }
            producer = thread
            nextRow = thread.next
        } else {
            let reader = try Self.reader(of: text, delimiter: delimiter, item: item)
            nextRow = { reader.next() }
        }
        defer { producer?.finish() }
        var warnings: [Diagnostic] = []
        guard let header = try nextRow() else {
            throw TextDecoding.invalid(item, "the CSV file has no header row", line: 1)
        }
        if header.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw TextDecoding.invalid(item, "the first row must name the fields, but it is empty", line: first.line)
        }
        let table = contract?.table(for: item.format)
        let layout = TableLayout(labels: header, recordSet: table, item: item, isSpreadsheet: false)
        var writer = TableRecordWriter(layout: layout, file: item.file)
        builder.startElement("table")
        var index = 1
        var number = 0
        let progress = options.progress.map(ParseProgress.init)
        while let row = try nextRow() {
            defer { index += 1 }
            // The parser and the scan follow the same quoting rules; should they ever part, no
            // record is placed on a guessed line.
            guard index < recordStarts.count else { throw Self.partedReads(item, line: recordStarts[recordStarts.count - 1].line) }
            let start = recordStarts[index]
            let line = start.line
            progress?.reached(start.offset)
            if row.count == 1 && row[0].isEmpty { continue }
            number += 1
            if row.count != header.count, warnings.count < 20 {
                warnings.append(
                    Diagnostic(
                        severity: .warning, location: SourceLocation(file: item.file, line: line),
                        message: "record \(number) has \(row.count) fields, the header has \(header.count)"))
            }
            writer.append(
                row.enumerated().map { TableRecordWriter.Cell(column: $0, value: $1) },
                attributes: [("line", String(line)), ("number", String(number))], line: line, locator: "record \(number)",
                into: builder)
            eachRecord?(builder)
        }
        if index < recordStarts.count { throw Self.partedReads(item, line: recordStarts[index].line) }
        builder.endElement()
        var conformance = ContractConformance()
        if let table {
            conformance.record(layout: layout, writer: writer, recordSet: table, item: item)
        }
        return (warnings, conformance)
    }

    /// The refusal of a file whose records CSV.swift and `recordStarts` count differently.
    private static func partedReads(_ item: EvidenceItem, line: Int) -> EvidenceError {
        TextDecoding.invalid(
            item, "the records from this line on cannot be placed: the file's quoting reads two ways. Quote whole fields and double the quotes inside them",
            line: line)
    }

    private static func reader(of text: String, delimiter: Unicode.Scalar, item: EvidenceItem) throws(EvidenceError) -> CSVReader {
        do {
            return try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw TextDecoding.invalid(item, "cannot read CSV: \(error)", line: 1)
        }
    }

    /// Where each record (header included) starts, following the same quoting rules as
    /// the CSV parser (`CSVRecordScanner`), so records with embedded newlines are placed
    /// correctly. An unterminated quote is an error naming the line where it opened; so is
    /// a file of more fields than `allowance` allows, naming the line where it is passed.
    ///
    /// One pass over the text without copying it: over its UTF-8 bytes, read through a
    /// `Span` (a 141 MB export in 0.35 s instead of 1.2 through an iterator), when the
    /// delimiter is ASCII, as UTF-8 never puts an ASCII byte inside another character; over
    /// its scalars otherwise.
    static func recordStarts(
        _ text: String, delimiter: Unicode.Scalar, item: EvidenceItem, allowance: ViewMemoryBudget.Allowance
    ) throws(EvidenceError) -> [RecordStart] {
        var starts: [RecordStart] = []
        let ended: (openQuoteLine: Int?, overLimitLine: Int?)
        if delimiter.isASCII {
            let bytes = text.utf8.span
            var scanner = CSVRecordScanner(
                .init(delimiter: UInt8(delimiter.value), quote: UInt8(ascii: "\""), lineFeed: UInt8(ascii: "\n"), carriageReturn: UInt8(ascii: "\r")),
                fieldLimit: allowance.units)
            var index = 0
            while index < bytes.count, scanner.overLimitLine == nil {
                let (recordLine, skipsNext) = scanner.read(bytes[index], before: index + 1 < bytes.count ? bytes[index + 1] : nil)
                if let recordLine { starts.append(RecordStart(line: recordLine, offset: index)) }
                index += skipsNext ? 2 : 1
            }
            ended = (scanner.openQuoteLine, scanner.overLimitLine)
        } else {
            var scanner = CSVRecordScanner<Unicode.Scalar>(
                .init(delimiter: delimiter, quote: "\"", lineFeed: "\n", carriageReturn: "\r"), fieldLimit: allowance.units)
            var remaining = text.unicodeScalars.makeIterator()
            var next = remaining.next()
            var offset = 0
            while let unit = next, scanner.overLimitLine == nil {
                next = remaining.next()
                let (recordLine, skipsNext) = scanner.read(unit, before: next)
                if let recordLine { starts.append(RecordStart(line: recordLine, offset: offset)) }
                offset += UTF8.width(unit)
                if skipsNext, let skipped = next {
                    offset += UTF8.width(skipped)
                    next = remaining.next()
                }
            }
            ended = (scanner.openQuoteLine, scanner.overLimitLine)
        }
        if let line = ended.overLimitLine {
            throw TextDecoding.invalid(
                item, "the file holds more than \(allowance.units) fields\(allowance.reason); this is refused as a memory guard. \(allowance.advice)",
                line: line)
        }
        if let line = ended.openQuoteLine {
            throw TextDecoding.invalid(
                item, "a quoted field opened on this line is never closed (unbalanced \"); check the quoting of this record", line: line)
        }
        return starts
    }
}
