import Foundation
import LibXML

/// Hands a table view's records (`/table/record`) over one at a time as an adapter lays
/// them, freeing each afterwards, so the view is never whole in memory: the streamed read
/// of CSV files and of spreadsheets with a tabular contract.
enum TableRecordStream {
    /// Calls `lay` to build the view in a builder of its own, and `body` with each record
    /// and its position (1-based) each time `lay` calls the `eachRecord` it is given.
    ///
    /// - Parameter concurrently: Check on a second thread while this one reads
    ///   (`RecordPipeline`): `body` is then called on that thread, records still in order.
    /// - Returns: How many records were handed over, and what `lay` returned.
    static func read<Laid>(
        file: String, concurrently: Bool, _ body: (XMLNode, Int) -> Void,
        lay: (XMLDocumentBuilder, _ eachRecord: @escaping (XMLDocumentBuilder) -> Void) throws(EvidenceError) -> Laid
    ) throws(EvidenceError) -> (records: Int, laid: Laid) {
        var records = 0
        let builder = XMLDocumentBuilder(file: file)
        let laid = try withExtendedLifetime(builder) { () throws(EvidenceError) in
            try withoutActuallyEscaping(body) { body throws(EvidenceError) in
                let pipeline = concurrently ? RecordPipeline { record, place in body(record, place.position) } : nil
                // Every record handed over is checked before the builder frees the document.
                defer { pipeline?.finish() }
                return try lay(builder) { builder in
                    records += 1
                    if let pipeline {
                        builder.handLastChild(to: pipeline, at: XMLRecordPlace(positions: [1, records]))
                    } else {
                        builder.releaseLastChild { body($0, records) }
                    }
                }
            }
        }
        return (records, laid)
    }
}
