import AuditModel
import Foundation
import LibXML

/// XML evidence is used as it is, parsed safely (no DTD, no network, bounded depth).
struct XMLEvidenceAdapter: EvidenceAdapter {
    func document(
        from data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions
    ) throws(EvidenceError) -> EvidenceDocument {
        do {
            let document = try XMLDocument.parse(data: data, file: item.file, progress: options.progress)
            return EvidenceDocument(document: document, format: .xml, warnings: [], positions: .parsedLines)
        } catch {
            throw .malformed(item: item.id, path: item.file, diagnostics: Diagnostic.from(error))
        }
    }
}
