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
/// A file of more than `maxFields` fields is refused before the view is built: each
/// field becomes an element (a few hundred bytes of memory), so a few megabytes of
/// empty fields (`,,,,`) would otherwise take gigabytes.
struct CSVEvidenceAdapter: EvidenceAdapter {
    static let maxFields = 2_000_000

    func document(from data: Data, item: EvidenceItem, contract: EvidenceContract?) throws(EvidenceError) -> EvidenceDocument {
        let text = try TextDecoding.decode(data, item: item)
        let delimiter = item.delimiter.flatMap(\.unicodeScalars.first) ?? ","
        let recordLines = try Self.recordStartLines(text, delimiter: delimiter, item: item)
        guard !recordLines.isEmpty else {
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
            throw TextDecoding.invalid(item, "the first row must name the fields, but it is empty", line: recordLines[0])
        }
        let table = contract?.table(for: item.format)
        let layout = TableLayout(labels: header, recordSet: table, item: item, isSpreadsheet: false)
        var writer = TableRecordWriter(layout: layout, file: item.file)
        let builder = XMLDocumentBuilder(file: item.file)
        builder.startElement("table")
        var index = 1
        var number = 0
        while let row = reader.next() {
            defer { index += 1 }
            let line = index < recordLines.count ? recordLines[index] : (recordLines.last ?? 1)
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
        }
        builder.endElement()
        var conformance = ContractConformance()
        if let table {
            conformance.record(layout: layout, writer: writer, recordSet: table, item: item)
        }
        return EvidenceDocument(document: builder.finish(), format: .csv, warnings: warnings, conformance: conformance)
    }

    /// The line on which each record (header included) starts, following the same
    /// quoting rules as the CSV parser (a quote opens a quoted field only at the start
    /// of a field; `""` inside it is a literal quote), so records with embedded
    /// newlines are placed correctly. An unterminated quote is an error naming the
    /// line where it opened; so is a file of more than `maxFields` fields, naming the
    /// line where the limit is passed.
    static func recordStartLines(_ text: String, delimiter: Unicode.Scalar, item: EvidenceItem) throws(EvidenceError) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        var starts: [Int] = []
        var line = 1
        var index = 0
        var inQuotes = false
        var quoteOpenedAt = 0
        var atFieldStart = true
        var atRecordStart = true
        var fields = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if atRecordStart {
                starts.append(line)
                atRecordStart = false
                fields += 1
            }
            if inQuotes {
                if scalar == "\"" {
                    let next = index < scalars.count ? scalars[index] : nil
                    if next == "\"" {
                        index += 1
                    } else if next == nil || next == delimiter || next == "\n" || next == "\r" {
                        inQuotes = false
                    }
                } else if scalar == "\n" || (scalar == "\r" && (index >= scalars.count || scalars[index] != "\n")) {
                    line += 1
                }
                continue
            }
            if scalar == "\"" && atFieldStart {
                inQuotes = true
                quoteOpenedAt = line
                atFieldStart = false
                continue
            }
            atFieldStart = scalar == delimiter
            if atFieldStart {
                fields += 1
            }
            if fields > maxFields {
                throw TextDecoding.invalid(
                    item, "the file holds more than \(maxFields) fields; this is refused as a memory guard. Split the file (e.g. by period)",
                    line: line)
            }
            if scalar == "\r", index < scalars.count, scalars[index] == "\n" {
                index += 1
            }
            if scalar == "\n" || scalar == "\r" {
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
