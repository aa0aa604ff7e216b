import AuditModel
import Testing

@testable import AuditEvidence

@Suite("Evidence adapters")
struct EvidenceAdapterTests {
    @Test("each registered format is read by its own adapter")
    func registry() {
        let adapters = EvidenceFormat.allCases.map { String(describing: type(of: $0.adapter)) }
        #expect(adapters == [
            "XMLEvidenceAdapter", "CSVEvidenceAdapter", "JSONEvidenceAdapter", "XLSXEvidenceAdapter", "DOCXEvidenceAdapter", "ODSEvidenceAdapter",
            "ODTEvidenceAdapter",
        ])
    }
}
