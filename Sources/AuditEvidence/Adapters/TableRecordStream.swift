import Foundation
import LibXML

/// Hands a table view's records (`/table/record`) over one at a time as an adapter lays
/// them, freeing each afterwards, so the view is never whole in memory: the streamed read
/// of CSV files and of spreadsheets with a tabular contract.
///
/// Records are checked on the thread that lays them. Handing them to a second thread, as
/// a large XML file's are (`RecordPipeline`), cost more than it saved once checking a
/// record became a small share of laying it: a 300k-row CSV took 3.1 s instead of 2.9 on
/// two cores, with 3.5 s of processor time instead of 2.8. What goes to a second thread
/// instead is the parse before the laying (`ProducerThread`): a CSV file's fields, a sheet's rows.
enum TableRecordStream {
    /// Calls `lay` to build the view in a builder of its own, and `body` with each record
    /// and its position (1-based) each time `lay` calls the `eachRecord` it is given.
    ///
    /// - Returns: How many records were handed over, and what `lay` returned.
    static func read<Laid>(
        file: String, _ body: (XMLNode, Int) -> Void,
        lay: (XMLDocumentBuilder, _ eachRecord: @escaping (XMLDocumentBuilder) -> Void) throws(EvidenceError) -> Laid
    ) throws(EvidenceError) -> (records: Int, laid: Laid) {
        var records = 0
        let builder = XMLDocumentBuilder(file: file)
        // `lay` keeps `eachRecord` only while it runs.
        let laid = try withoutActuallyEscaping(body) { body throws(EvidenceError) in
            try lay(builder) { builder in
                records += 1
                builder.releaseLastChild { body($0, records) }
            }
        }
        return (records, laid)
    }
}
