import AuditModel
import Foundation

/// Turns an evidence file's bytes into an `EvidenceDocument`.
protocol EvidenceAdapter: Sendable {
    /// - Parameter contract: Lays tabular sources onto the contract's fields (see `TableLayout`).
    func document(from data: Data, item: EvidenceItem, contract: EvidenceContract?) throws(EvidenceError) -> EvidenceDocument
}

extension EvidenceFormat {
    /// The adapter for this format.
    var adapter: any EvidenceAdapter {
        switch self {
        case .xml: return XMLEvidenceAdapter()
        case .csv: return CSVEvidenceAdapter()
        case .json: return JSONEvidenceAdapter()
        case .xlsx: return XLSXEvidenceAdapter()
        case .docx: return DOCXEvidenceAdapter()
        case .ods: return ODSEvidenceAdapter()
        case .odt: return ODTEvidenceAdapter()
        }
    }
}
