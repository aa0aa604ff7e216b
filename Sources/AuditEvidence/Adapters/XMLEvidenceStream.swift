public import AuditModel
public import Foundation
public import LibXML

/// XML evidence read record by record (`XMLRecordStream`), for checks that look at one
/// record at a time: memory follows the record instead of the whole file's tree.
public enum XMLEvidenceStream {
    /// Calls `body` with each element at `path`, in document order, parsed as safely as
    /// `EvidenceDocument.read` parses XML evidence; the node lives only during the call.
    ///
    /// - Returns: The records' paths, known once the whole file is read.
    /// - Throws: `EvidenceError.malformed` naming the file and line when the file is not
    ///   well-formed XML or is refused as hostile, even if some records were read first.
    public static func forEachRecord(
        in data: Data, item: EvidenceItem, at path: [String], options: EvidenceReadOptions = EvidenceReadOptions(),
        _ body: (XMLNode, XMLRecordPlace) -> Void
    ) throws(EvidenceError) -> XMLRecordPaths {
        do {
            return try XMLRecordStream.forEachRecord(in: data, file: item.file, at: path, progress: options.progress, body)
        } catch {
            throw .malformed(item: item.id, path: item.file, diagnostics: Diagnostic.from(error))
        }
    }
}
