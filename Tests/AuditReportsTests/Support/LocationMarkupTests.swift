import AuditModel
import Foundation
import Testing

@testable import AuditReports

@Suite("Location markup")
struct LocationMarkupTests {
    @Test("file:line and the record key are each one token; a path breaks only after a slash")
    func tokens() {
        let evidence = ObjectiveEvidence(
            itemId: "CL", evidenceType: "complaints-log", file: "complaints/complaints-log-2026.csv", line: 45, recordKey: "C-2026-0043")
        #expect(
            LocationMarkup.location(evidence, file: evidence.file)
                == #"<span class="tok">complaints/</span><wbr><span class="tok">complaints-log-2026.csv:45</span> <span class="tok">[C-2026-0043]</span>"#)
    }

    @Test("without a file the evidence type is the token; markup in a key or path is escaped")
    func escaping() {
        let evidence = ObjectiveEvidence(itemId: nil, evidenceType: "management-review", recordKey: "<b>")
        #expect(LocationMarkup.location(evidence, file: nil) == #"<span class="tok">management-review</span> <span class="tok">[&lt;b&gt;]</span>"#)
        #expect(LocationMarkup.path("a <1>.csv") == #"<span class="tok">a &lt;1&gt;.csv</span>"#)
    }
}
