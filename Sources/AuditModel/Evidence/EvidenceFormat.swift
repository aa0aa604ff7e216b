/// File formats an evidence item can have; each has an adapter to the XML view.
public enum EvidenceFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case xml
    case csv
    case json
}
