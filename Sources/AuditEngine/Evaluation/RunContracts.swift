import AuditEvidence
import AuditModel

/// The evidence contracts of one run: merged per type over the selected rulesets, and
/// the register items no contract or rule accounts for.
enum RunContracts {
    /// One contract per evidence type, merged over the rulesets that declare it.
    static func contracts(of rulesets: [Ruleset]) -> [String: EvidenceContract] {
        let declarations = rulesets.flatMap(\.evidenceTypes)
        var contracts: [String: EvidenceContract] = [:]
        for type in Set(declarations.map(\.id)) {
            contracts[type] = EvidenceContract.merged(declarations.filter { $0.id == type }.compactMap(\.contract))
        }
        return contracts
    }

    /// Items of a type no selected rule reads and no loaded or known ruleset declares: most
    /// likely a misspelt type (`customer-survey`, `complaint-log`), whose evidence would
    /// otherwise be silently ignored. The warning names the type read that it resembles
    /// (spelt almost alike, or ending in the same word), if one does.
    /// The types `rulesets` declare or read, with `others` (the shipped rulesets'): an item of
    /// one of these that no selected rule reads is another ruleset's evidence, not a typo.
    static func knownTypes(_ rulesets: [Ruleset], others: Set<String>) -> Set<String> {
        others.union(rulesets.flatMap { $0.evidenceTypes.map(\.id) + $0.rules.flatMap(\.check.evidenceTypes) })
    }

    static func unreadTypeWarnings(register: EvidenceRegister, readTypes: Set<String>, knownTypes: Set<String>) -> [Diagnostic] {
        register.items.compactMap { item in
            guard !readTypes.contains(item.type), !knownTypes.contains(item.type) else { return nil }
            let candidates = readTypes.sorted()
            let lastWord = item.type.split(separator: "-").last
            let nearest = NameSuggestion.closest(to: [item.type], among: candidates)
                ?? candidates.first { $0.split(separator: "-").last == lastWord }
            return Diagnostic(
                severity: .warning, location: item.location,
                message: "item \(item.id): no selected rule reads evidence type '\(item.type)' and no ruleset declares it, so this item is not examined"
                    + (nearest.map { "; did you mean '\($0)'?" } ?? "; correct the type or remove the item"))
        }
    }
}
