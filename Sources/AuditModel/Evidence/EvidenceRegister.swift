/// The organization's index of its evidence: who it is, what is in scope, and the items.
public struct EvidenceRegister: Sendable, Hashable {
    public var organization: String
    /// The register file, relative to the evidence folder.
    public var file: String
    public var items: [EvidenceItem]

    public init(organization: String, file: String, items: [EvidenceItem]) {
        self.organization = organization
        self.file = file
        self.items = items
    }

    /// Items of one type, in register order.
    public func items(ofType type: String) -> [EvidenceItem] {
        items.filter { $0.type == type }
    }
}
