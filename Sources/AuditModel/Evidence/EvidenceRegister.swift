/// The organization's index of its evidence: who it is, what is in scope, and the items.
public struct EvidenceRegister: Sendable, Hashable {
    public var organization: String
    /// The register file, relative to the evidence folder.
    public var file: String
    public var items: [EvidenceItem]
    /// The activities, exclusions and sites the organization declares.
    public var scope: AuditScope

    public init(organization: String, file: String, items: [EvidenceItem], scope: AuditScope = AuditScope()) {
        self.organization = organization
        self.file = file
        self.items = items
        self.scope = scope
    }

    /// Items of one type, in register order.
    public func items(ofType type: String) -> [EvidenceItem] {
        items.filter { $0.type == type }
    }
}
