public import AuditModel
public import Foundation
public import LibXML

/// Evidence read record by record, for checks that look at one record at a time: each
/// record is handed over as soon as it is read and freed afterwards, so memory follows the
/// record instead of the whole file's view.
///
/// XML is streamed as it is parsed (`XMLRecordStream`), with the same safety as a whole
/// read; a CSV table, and the sheet an XLSX or ODS workbook's tabular contract selects, as
/// its view is built (`/table/record`), laid onto its contract as a whole read lays it.
public enum EvidenceRecordStream {
    /// What a streamed read found besides the records, known once the last one is read.
    public struct Summary {
        /// Turns each record's place into its XPath in the whole view.
        public let paths: XMLRecordPaths
        /// Problems that did not stop the read (ragged CSV rows).
        public let warnings: [Diagnostic]
        /// How the item measures up to its type's contract, as `EvidenceDocument.conformance`.
        public let conformance: ContractConformance
    }

    /// The path of the records a format can be streamed at, or nil for any path: a table
    /// view holds its records at `/table/record`; XML at whatever path its rules select.
    public static func recordPath(of format: EvidenceFormat) -> [String]? {
        format == .xml ? nil : ["table", "record"]
    }

    /// Whether items of `format` with `contract` can be streamed: XML without a contract
    /// (contracts are checked against the whole document); CSV whose contract, if any,
    /// has no record set but its table (other record sets are selected in the whole view);
    /// and XLSX or ODS whose contract has a table, as without one every sheet is kept.
    public static func canStream(_ format: EvidenceFormat, contract: EvidenceContract?) -> Bool {
        switch format {
        case .xml: return contract == nil
        case .csv: return contract.map { $0.recordSets(for: .csv).isEmpty || $0.table(for: .csv) != nil } ?? true
        case .xlsx, .ods: return contract?.table(for: format) != nil
        default: return false
        }
    }

    /// How nodes of a streamed format map back to the file: XML by the parser's lines,
    /// table views by the places each record and field records.
    public static func positions(of format: EvidenceFormat) -> SourcePositions {
        format == .xml ? .parsedLines : .recorded
    }

    /// Calls `body` with each record at `path`, in document order; the node lives only during the call.
    ///
    /// - Parameter concurrently: Use a second thread, for one large file given two cores:
    ///   XML records are checked on it while this one parses (`body` is then called on that
    ///   thread); a CSV file's fields, or the rows of an XLSX workbook's lone sheet, are
    ///   parsed on it while this one lays and checks the records. ODS is read on this thread alone.
    /// - Precondition: `canStream(item.format, contract: contract)`, and `path` is the
    ///   format's `recordPath(of:)` when it has one.
    /// - Throws: `EvidenceError.malformed` naming the file and line when the file is not
    ///   what its format says or is refused as hostile, even if some records were read first.
    public static func forEachRecord(
        in data: Data, item: EvidenceItem, at path: [String], contract: EvidenceContract?,
        options: EvidenceReadOptions = EvidenceReadOptions(), concurrently: Bool = false, _ body: (XMLNode, XMLRecordPlace) -> Void
    ) throws(EvidenceError) -> Summary {
        if item.format != .xml {
            func handOver(_ record: XMLNode, at position: Int) { body(record, XMLRecordPlace(positions: [1, position])) }
            let records: Int
            var warnings: [Diagnostic] = []
            var conformance: ContractConformance
            if item.format == .csv {
                (records, warnings, conformance) = try CSVEvidenceAdapter.streamRecords(
                    data, item: item, contract: contract, options: options, concurrently: concurrently, handOver)
            } else if item.format == .xlsx {
                (records, conformance) = try XLSXEvidenceAdapter.streamRecords(
                    data, item: item, contract: contract, options: options, concurrently: concurrently, handOver)
            } else {
                (records, conformance) = try ODSEvidenceAdapter.streamRecords(data, item: item, contract: contract, options: options, handOver)
            }
            if let contract { ContractChecker(item: item, contract: contract).checkMappings(&conformance) }
            return Summary(paths: XMLRecordPaths(names: path, counts: [1, records]), warnings: warnings, conformance: conformance)
        }
        do {
            let paths = try XMLRecordStream.forEachRecord(
                in: data, file: item.file, at: path, progress: options.progress, concurrently: concurrently, body)
            return Summary(paths: paths, warnings: [], conformance: ContractConformance())
        } catch {
            throw .malformed(item: item.id, path: item.file, diagnostics: Diagnostic.from(error))
        }
    }
}
