import AuditModel
import Testing

@Suite("Evidence formats")
struct EvidenceFormatTests {
    @Test("office files are the ZIP-based formats: XLSX, DOCX, ODS and ODT")
    func officeFiles() {
        #expect(EvidenceFormat.allCases.filter(\.isOfficeFile) == [.xlsx, .docx, .ods, .odt])
    }

    @Test("formats are named in the register by their lower-case extension")
    func names() {
        #expect(EvidenceFormat.allCases.map(\.rawValue) == ["xml", "csv", "json", "xlsx", "docx", "ods", "odt"])
        #expect(EvidenceFormat(rawValue: "XLSX") == nil)
    }
}
