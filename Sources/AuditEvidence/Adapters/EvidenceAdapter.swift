import AuditModel
import Foundation

/// Turns an evidence file's bytes into an `EvidenceDocument`.
protocol EvidenceAdapter: Sendable {
    /// - Parameters:
    ///   - contract: Lays tabular sources onto the contract's fields (see `TableLayout`).
    ///   - options: The view's memory budget, and whom to tell how far the read has got.
    func document(
        from data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions
    ) throws(EvidenceError) -> EvidenceDocument
}

extension EvidenceAdapter {
    /// The view within this machine's budget, without progress.
    func document(from data: Data, item: EvidenceItem, contract: EvidenceContract?) throws(EvidenceError) -> EvidenceDocument {
        try document(from: data, item: item, contract: contract, options: EvidenceReadOptions())
    }
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
