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
    static func streamRecords(
        _ data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions, _ body: (XMLNode, Int) -> Void
    ) throws(EvidenceError) -> (records: Int, warnings: [Diagnostic], conformance: ContractConformance) {
        let (records, laid) = try TableRecordStream.read(file: item.file, body) { builder, eachRecord throws(EvidenceError) in
            try readTable(data, item: item, contract: contract, options: options, into: builder, eachRecord: eachRecord)
        }
        return (records, laid.warnings, laid.conformance)
    }

    /// Builds the view in `builder`; with `eachRecord`, told each time a record is built (to
    /// hand it over and free it), the view is never whole.
    private static func readTable(
        _ data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions, into builder: XMLDocumentBuilder,
        eachRecord: ((XMLDocumentBuilder) -> Void)? = nil
    ) throws(EvidenceError) -> (warnings: [Diagnostic], conformance: ContractConformance) {
        let text = try TextDecoding.decode(data, item: item)
        let delimiter = item.delimiter.flatMap(\.unicodeScalars.first) ?? ","
        let allowance = options.budget.allowance(.csvField, inputBytes: data.count, streamed: eachRecord != nil)
        let recordStarts = try Self.recordStarts(text, delimiter: delimiter, item: item, allowance: allowance)
        guard let first = recordStarts.first else {
            throw TextDecoding.invalid(item, "the CSV file is empty; it needs a header row naming the fields", line: 1)
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw TextDecoding.invalid(item, "cannot read CSV: \(error)", line: 1)
        }
        var warnings: [Diagnostic] = []
        guard let header = reader.next() else {
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
        while let row = reader.next() {
            defer { index += 1 }
            let start = index < recordStarts.count ? recordStarts[index] : recordStarts[recordStarts.count - 1]
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
        builder.endElement()
        var conformance = ContractConformance()
        if let table {
            conformance.record(layout: layout, writer: writer, recordSet: table, item: item)
        }
        return (warnings, conformance)
    }

    /// Where each record (header included) starts, following the same quoting rules as
    /// the CSV parser (a quote opens a quoted field only at the start of a field; `""`
    /// inside it is a literal quote), so records with embedded newlines are placed
    /// correctly. An unterminated quote is an error naming the line where it opened; so is
    /// a file of more fields than `allowance` allows, naming the line where it is passed.
    ///
    /// One pass over the text (its bytes, or its scalars for a delimiter beyond ASCII) without
    /// copying it: a 750 MB file would otherwise take 3 GB more as an array of scalars.
    static func recordStarts(
        _ text: String, delimiter: Unicode.Scalar, item: EvidenceItem, allowance: ViewMemoryBudget.Allowance
    ) throws(EvidenceError) -> [RecordStart] {
        // What the scan looks for is ASCII when the delimiter is, and UTF-8 never puts an ASCII
        // byte inside another character: the bytes give the same starts without decoding scalars.
        if delimiter.isASCII {
            return try recordStarts(
                text.utf8, delimiter: UInt8(delimiter.value), syntax: (UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r")),
                width: { _ in 1 }, item: item, allowance: allowance)
        }
        return try recordStarts(
            text.unicodeScalars, delimiter: delimiter, syntax: ("\"", "\n", "\r"), width: UTF8.width, item: item, allowance: allowance)
    }

    /// `recordStarts(_:delimiter:item:allowance:)` over the text's bytes or scalars; `syntax`
    /// holds the quote, line feed and carriage return as units, `width` a unit's UTF-8 length.
    private static func recordStarts<Units: Sequence>(
        _ units: Units, delimiter: Units.Element, syntax: (quote: Units.Element, lineFeed: Units.Element, carriageReturn: Units.Element),
        width: (Units.Element) -> Int, item: EvidenceItem, allowance: ViewMemoryBudget.Allowance
    ) throws(EvidenceError) -> [RecordStart] where Units.Element: Equatable {
        let (quote, lineFeed, carriageReturn) = syntax
        var remaining = units.makeIterator()
        var next = remaining.next()
        var offset = 0
        /// Moves past the unit in `next`.
        func advance() {
            if let unit = next { offset += width(unit) }
            next = remaining.next()
        }
        var starts: [RecordStart] = []
        var line = 1
        var inQuotes = false
        var quoteOpenedAt = 0
        var atFieldStart = true
        var atRecordStart = true
        var fields = 0
        while let unit = next {
            if atRecordStart {
                starts.append(RecordStart(line: line, offset: offset))
                atRecordStart = false
                fields += 1
            }
            advance()
            if inQuotes {
                if unit == quote {
                    if next == quote {
                        advance()
                    } else if next == nil || next == delimiter || next == lineFeed || next == carriageReturn {
                        inQuotes = false
                    }
                } else if unit == lineFeed || (unit == carriageReturn && next != lineFeed) {
                    line += 1
                }
                continue
            }
            if unit == quote && atFieldStart {
                inQuotes = true
                quoteOpenedAt = line
                atFieldStart = false
                continue
            }
            atFieldStart = unit == delimiter
            if atFieldStart {
                fields += 1
            }
            if fields > allowance.units {
                throw TextDecoding.invalid(
                    item, "the file holds more than \(allowance.units) fields\(allowance.reason); this is refused as a memory guard. \(allowance.advice)",
                    line: line)
            }
            if unit == carriageReturn, next == lineFeed {
                advance()
            }
            if unit == lineFeed || unit == carriageReturn {
                line += 1
                atFieldStart = true
                atRecordStart = true
            }
        }
        if inQuotes {
            throw TextDecoding.invalid(
                item, "a quoted field opened on this line is never closed (unbalanced \"); check the quoting of this record",
                line: quoteOpenedAt)
        }
        return starts
    }
}
