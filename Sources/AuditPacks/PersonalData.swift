public import AuditModel

/// The fields evidence types' contracts mark personal (`personal="true"`): names, e-mail
/// addresses, phone numbers, free-text comments — what an evidence pack redacts.
public struct PersonalData: Sendable, Hashable {
    /// Personal fields by evidence type id.
    public var fields: [String: [EvidenceContract.Field]]

    /// - Parameter fields: Personal fields by evidence type id; types without any are left out.
    public init(fields: [String: [EvidenceContract.Field]]) {
        self.fields = fields.filter { !$0.value.isEmpty }
    }

    /// The personal fields the rulesets' contracts declare, types declared by several
    /// rulesets merged (a field is personal when any of them says so).
    public init(rulesets: [Ruleset]) {
        let declarations = rulesets.flatMap(\.evidenceTypes)
        var contracts: [String: [EvidenceContract]] = [:]
        for declaration in declarations {
            if let contract = declaration.contract { contracts[declaration.id, default: []].append(contract) }
        }
        self.init(fields: contracts.compactMapValues { EvidenceContract.merged($0)?.personalFields })
    }

    /// Nothing personal: packs ship evidence as it is.
    public static let none = PersonalData(fields: [:])

    /// The personal fields of evidence of `type`.
    public func fields(ofType type: String) -> [EvidenceContract.Field] {
        fields[type] ?? []
    }

    /// The personal fields of one item: its type's, each also known by the column the register
    /// maps to it (`<map column>`), and the columns the register marks personal (`<personal column>`).
    public func fields(of item: EvidenceItemInfo) -> [EvidenceContract.Field] {
        var result = fields(ofType: item.type).map { field in
            var field = field
            if let column = item.personalData.mappedColumns[field.name] { field.aliases.insert(column, at: 0) }
            return field
        }
        for column in item.personalData.columns where !result.contains(where: { $0.name == column }) {
            result.append(EvidenceContract.Field(name: column, type: .text, isPersonal: true))
        }
        return result
    }
}
