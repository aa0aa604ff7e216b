/// File formats an evidence item can have; each has an adapter to the XML view.
public enum EvidenceFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case xml
    case csv
    case json
    /// Excel workbook (Office Open XML).
    case xlsx
    /// Word document (Office Open XML).
    case docx
    /// OpenDocument spreadsheet.
    case ods
    /// OpenDocument text.
    case odt

    /// Whether the format is a ZIP archive of XML parts (an office file).
    public var isOfficeFile: Bool {
        switch self {
        case .xml, .csv, .json: return false
        case .xlsx, .docx, .ods, .odt: return true
        }
    }
}
