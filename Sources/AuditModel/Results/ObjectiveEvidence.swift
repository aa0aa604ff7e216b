/// What a finding rests on: the evidence item, the file and the record within it.
public struct ObjectiveEvidence: Sendable, Hashable, Codable {
    /// Register id of the item, or nil when the finding is that no item exists.
    public var itemId: String?
    /// Evidence type the rule asked for.
    public var evidenceType: String
    /// File relative to the evidence folder.
    public var file: String?
    /// Line of the record in the file (CSV line, JSON line, XML line).
    public var line: Int?
    /// The record's key value (complaint number, survey response id), when the rule names one.
    public var recordKey: String?
    /// XPath of the record in the document (or its XML view for CSV/JSON).
    public var xpath: String?
    /// JSON Pointer or CSV record number, the format's native locator.
    public var nativeLocator: String?
    /// SHA-256 of the file's bytes, hex.
    public var sha256: String?

    public init(
        itemId: String?, evidenceType: String, file: String? = nil, line: Int? = nil, recordKey: String? = nil,
        xpath: String? = nil, nativeLocator: String? = nil, sha256: String? = nil
    ) {
        self.itemId = itemId
        self.evidenceType = evidenceType
        self.file = file
        self.line = line
        self.recordKey = recordKey
        self.xpath = xpath
        self.nativeLocator = nativeLocator
        self.sha256 = sha256
    }
}
