public import AuditModel
public import Foundation
import LibXML
import SafeZip

// The adapters are internal to AuditEngine; debug builds (which the fuzz build is)
// compile it with testability, so they are reached as the auditor reaches them,
// through `EvidenceFormat.adapter`, without widening AuditEngine's API.
@testable import AuditEvidence

/// Feeds one input to an evidence adapter, as `Auditor` does with an item's bytes.
public enum EvidenceFuzzing {
    /// Elements whose origin is asked for, at most, per input.
    private static let maxOrigins = 10_000

    /// Runs `format`'s adapter on `data`, then asks the view for the origin of its
    /// elements, as findings do. Errors are expected; only crashes, hangs and leaks count.
    ///
    /// - Returns: False when the view was refused as too large (the memory guard). Such a
    ///   file is not streamed too: a stream lays up to the guard's floor of cells before it
    ///   refuses the same file (2,000,000 cells, about 2 s in a release build and over a
    ///   minute under AddressSanitizer, past the fuzzer's timeout).
    @discardableResult
    public static func adapt(_ data: Data, format: EvidenceFormat, delimiter: String? = nil) -> Bool {
        let item = Fuzzing.item(format: format, delimiter: delimiter)
        let view: EvidenceDocument
        do {
            view = try format.adapter.document(from: data, item: item, contract: nil)
        } catch {
            return !error.diagnostics.contains { $0.message.contains("refused as a memory guard") }
        }
        var pending = view.document.root.map { [$0] } ?? []
        var visited = 0
        while let node = pending.popLast(), visited < maxOrigins {
            visited += 1
            _ = view.origin(of: node)
            pending += node.childElements
        }
        return true
    }

    /// A tabular contract of two fields: with it a CSV file, an XLSX workbook or an ODS
    /// file is streamed record by record (`EvidenceRecordStream`), as for a type whose rules
    /// all check one record at a time.
    private static let tableContract = EvidenceContract(recordSets: [
        .init(location: .table, fields: [.init(name: "id", type: .id, isRequired: true), .init(name: "date", type: .date)])
    ])

    /// Streams a table through `format`'s record-by-record read, on one thread and then on
    /// two, touching each record's values as checks do. Errors are expected; only crashes,
    /// hangs and leaks count.
    public static func stream(_ data: Data, format: EvidenceFormat, delimiter: String? = nil) {
        let item = Fuzzing.item(format: format, delimiter: delimiter)
        guard let path = EvidenceRecordStream.recordPath(of: format), EvidenceRecordStream.canStream(format, contract: tableContract) else { return }
        for concurrently in [false, true] {
            _ = try? EvidenceRecordStream.forEachRecord(in: data, item: item, at: path, contract: tableContract, concurrently: concurrently) {
                record, _ in _ = record.stringValue
            }
        }
    }

    /// Parses a workbook's sheets as they are inflated (`OfficePackage.stream`, libxml2's push
    /// parser behind the chunked attribute scan), a row at a time, as a lone sheet is read
    /// for a tabular contract. The rows are not laid: a row as wide as the grid makes 16,384
    /// cells, and the 2,000,000 a stream may lay before it refuses the file take over a minute
    /// under AddressSanitizer. Errors are expected; only crashes, hangs and leaks count.
    public static func streamSheets(_ data: Data) {
        let item = Fuzzing.item(format: .xlsx)
        guard var package = try? OfficePackage(data: data, item: item) else { return }
        for path in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] where package.contains(path) {
            guard let part = try? package.stream(path) else { continue }
            try? OfficePackage.forEachElement(
                of: part, part: path, in: item, at: ["worksheet", "sheetData", "row"], namespace: OfficeNamespace.spreadsheet
            ) { row in _ = row.stringValue }
        }
    }

    /// The delimiter a register would declare for a CSV input: the first of `;`, tab
    /// and `|` its first line uses when it has no comma, else the default.
    public static func csvDelimiter(_ data: Data) -> String? {
        let firstLine = data.prefix { $0 != UInt8(ascii: "\n") }
        guard !firstLine.contains(UInt8(ascii: ",")) else { return nil }
        let candidates: [(byte: UInt8, delimiter: String)] = [(UInt8(ascii: ";"), ";"), (UInt8(ascii: "\t"), "\t"), (UInt8(ascii: "|"), "|")]
        return candidates.first { firstLine.contains($0.byte) }?.delimiter
    }

    /// The bytes an office adapter is given: the input itself when it is a ZIP archive,
    /// otherwise a ZIP archive built from the parts it lists.
    ///
    /// A parts input is text in which each part starts with a line `=== path` and runs
    /// to the next such line (Scripts/fuzz.sh turns the office fixtures into this form).
    /// Mutating a ZIP archive's compressed bytes mostly breaks its CRC-32, so without
    /// this the XML inside the parts would hardly be fuzzed.
    public static func officeBytes(_ data: Data) -> Data {
        if data.starts(with: [0x50, 0x4B]) { return data }
        let bytes = [UInt8](data)
        let marker: [UInt8] = Array("=== ".utf8)
        var archive = ReproducibleArchive()
        var index = 0
        var current: (path: String, start: Int)?
        func finish(at end: Int) {
            guard let part = current else { return }
            // The line feed before the next marker belongs to the marker.
            let contentEnd = max(part.start, end > part.start && bytes[end - 1] == UInt8(ascii: "\n") ? end - 1 : end)
            try? archive.add(part.path, Data(bytes[part.start..<contentEnd]))
        }
        while index < bytes.count {
            let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            if bytes[index..<lineEnd].starts(with: marker) {
                finish(at: index)
                let path = String(decoding: bytes[(index + marker.count)..<lineEnd], as: UTF8.self)
                current = (path, min(lineEnd + 1, bytes.count))
            }
            index = lineEnd + 1
        }
        finish(at: bytes.count)
        return (try? archive.data()) ?? data
    }
}
