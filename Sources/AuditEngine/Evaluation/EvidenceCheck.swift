public import AuditEvidence
public import AuditModel

/// Evidence checked against the contracts of the rulesets, without evaluating any rule:
/// the register, every file, every field and value form. Fast, and the first thing to run
/// while preparing evidence or as the first step of a CI job (`cxaudit evidence check`).
public struct EvidenceCheck: Sendable {
    /// What the check found.
    public struct Report: Sendable {
        /// Items whose files were read.
        public var itemsRead = 0
        /// Items in the register.
        public var items = 0
        /// Every problem, in register order: errors stop rules from judging an item; warnings may hide a gap.
        public var diagnostics: [Diagnostic] = []

        /// Nothing to report: every item can be judged by its rules.
        public var isClean: Bool { diagnostics.isEmpty }
    }

    public let rulesets: [Ruleset]
    public let profiles: [Profile]
    /// Types other rulesets declare: their items are expected even when no selected rule reads them.
    public let knownEvidenceTypes: Set<String>

    /// - Parameters:
    ///   - rulesets: The rulesets the evidence is prepared for.
    ///   - profiles: Their tailorings: deselected rules read nothing.
    ///   - knownEvidenceTypes: Types other rulesets declare (the shipped ones).
    public init(rulesets: [Ruleset], profiles: [Profile] = [], knownEvidenceTypes: Set<String> = []) {
        self.rulesets = rulesets
        self.profiles = profiles
        self.knownEvidenceTypes = knownEvidenceTypes
    }

    /// Checks the folder's register and every item a selected rule reads.
    ///
    /// - Throws: `EvidenceError` when the register itself is missing or invalid.
    public func run(folder: EvidenceFolder, registerLoader: EvidenceRegisterLoader) throws(EvidenceError) -> Report {
        let register = try registerLoader.load(from: folder)
        let catalog = EvidenceTypeCatalog(rulesets: rulesets, profiles: profiles)
        let readTypes = Set(catalog.entries.map(\.type))
        let contracts = RunContracts.contracts(of: rulesets)
        var report = Report(items: register.items.count)
        report.diagnostics += RunContracts.unreadTypeWarnings(
            register: register, readTypes: readTypes,
            knownTypes: RunContracts.knownTypes(rulesets, others: knownEvidenceTypes))
        for entry in catalog.entries where register.items(ofType: entry.type).isEmpty {
            let rules = entry.rules.prefix(5).joined(separator: ", ") + (entry.rules.count > 5 ? ", …" : "")
            report.diagnostics.append(
                Diagnostic(
                    severity: .warning, location: SourceLocation(file: register.file),
                    message: "no item of type '\(entry.type)', which \(entry.rules.count) rule\(entry.rules.count == 1 ? "" : "s") read (\(rules)); they will fail with \"No evidence\". Add the item to the register, or deselect the rules in a profile"))
        }
        for item in register.items {
            guard readTypes.contains(item.type) else {
                do {
                    _ = try folder.resolve(item)
                } catch {
                    report.diagnostics += error.diagnostics
                }
                continue
            }
            do {
                let data = try folder.read(item)
                report.itemsRead += 1
                let view = try EvidenceDocument.read(data, item: item, contract: contracts[item.type])
                let conformance = view.conformance
                report.diagnostics += view.warnings + conformance.warnings
                report.diagnostics += conformance.missingFields.map { Diagnostic(location: item.location, message: $0.description) }
                report.diagnostics += conformance.shortfalls.map { Diagnostic(location: item.location, message: $0.statement) }
                report.diagnostics += conformance.dataQualityDiagnostics
            } catch {
                report.diagnostics += error.diagnostics
            }
        }
        return report
    }
}
