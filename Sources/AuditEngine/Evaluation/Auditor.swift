public import AuditEvidence
public import AuditModel
import CalendarDates
import Foundation
import LibXML

/// Runs rulesets against an evidence folder and produces an `AuditRun`.
///
/// Evaluation has two halves. Per item, in parallel: read, hash and adapt the
/// file, then evaluate every rule that reads the item's type; the document is
/// released as soon as the item is done, so memory is bounded by the largest
/// files in flight, not the corpus. XML and CSV read only by record checks that
/// look no further than the record are checked as they are read (`RecordStreamPlan`),
/// so memory then follows the record, not the file. Then, once: presence and
/// freshness from the register, trends and cross-references from what the items
/// yielded, clause verdicts.
public struct Auditor: Sendable {
    public let options: AuditOptions

    public init(options: AuditOptions) {
        self.options = options
    }

    /// Audits `folder` against `rulesets`.
    ///
    /// - Throws: `EvidenceError` when the register itself is missing or invalid;
    ///   problems with single items are reported in the run's diagnostics instead.
    ///
    /// - Parameter profiles: Tailorings of some of the rulesets (at most one per ruleset):
    ///   deselected rules are reported as `notchecked`, parameters take the profile's values.
    public func run(
        rulesets: [Ruleset], profiles: [Profile] = [], folder: EvidenceFolder, registerLoader: EvidenceRegisterLoader
    ) async throws(EvidenceError) -> AuditRun {
        var loaded = try registerLoader.loadDocument(from: folder)
        // Evidence dated after the audit date did not exist yet on that date.
        loaded.register.items.removeAll { item in item.effectiveDate.map { $0 > options.asOf } ?? false }
        let register = loaded.register
        let environment = XPathEnvironment(asOf: options.asOf)
        var diagnostics: [Diagnostic] = []

        // Rules, with applicability decided once against the register.
        var applicable: [RuleContext] = []
        var results: [RuleResult] = []
        var findings: [Finding] = []
        let contexts = rulesets.flatMap { ruleset in
            let parameters = ParameterBindings(ruleset: ruleset, profile: profiles.first { $0.rulesetId == ruleset.id })
            return ruleset.clauses.flatMap { clause in
                clause.rules.map {
                    RuleContext(ruleset: ruleset, clause: clause, rule: $0, parameters: parameters, environment: environment)
                }
            }
        }
        for context in contexts {
            if let profile = profiles.first(where: { $0.rulesetId == context.ruleset.id }),
                let reason = profile.deselectionReason(rule: context.rule.id, clause: context.clause.number)
            {
                results.append(
                    context.factory.result(
                        itemId: nil, status: .notchecked, statement: "Not checked: deselected by profile \(profile.id): \(reason)"))
                continue
            }
            guard let applicability = context.rule.applicability else {
                applicable.append(context)
                continue
            }
            do {
                if try context.xpathContext(over: loaded.document).evaluate(applicability.test.expression).boolean {
                    applicable.append(context)
                } else {
                    results.append(
                        context.factory.result(
                            itemId: nil, status: .notapplicable, statement: "Not applicable: the rule applies only when this holds, and it does not: \(applicability.description)"))
                }
            } catch {
                results.append(
                    context.factory.result(itemId: nil, status: .error, statement: "applies-if could not be evaluated: \(error.localizedDescription)"))
            }
        }

        // Per item, in parallel, each checked against its type's contract first.
        let neededTypes = Set(applicable.flatMap { $0.rule.check.definition.readsItems ? $0.rule.check.evidenceTypes : [] })
        let contracts = RunContracts.contracts(of: rulesets)
        diagnostics += RunContracts.unreadTypeWarnings(
            register: register, readTypes: Set(applicable.flatMap(\.rule.check.evidenceTypes)),
            knownTypes: RunContracts.knownTypes(rulesets, others: options.knownEvidenceTypes))
        let itemsToLoad = register.items.filter { neededTypes.contains($0.type) }
        let hashedOnly = register.items.filter { !neededTypes.contains($0.type) }
        var outcomes = await evaluateItems(
            itemsToLoad + hashedOnly, rules: applicable, folder: folder, loadTypes: neededTypes, contracts: contracts)
        outcomes.sort { lhs, rhs in
            (register.items.firstIndex(of: lhs.item) ?? 0) < (register.items.firstIndex(of: rhs.item) ?? 0)
        }
        diagnostics += outcomes.flatMap(\.diagnostics)

        // Across items, rule by rule in ruleset order.
        for context in applicable {
            let (ruleResults, ruleFindings) = combine(context, outcomes: outcomes, register: loaded)
            results += ruleResults
            findings += ruleFindings
        }

        // Findings name the hash of the file they cite.
        let hashes = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.item.id, $0.info.sha256) })
        for index in findings.indices where findings[index].evidence.sha256 == nil {
            if let itemId = findings[index].evidence.itemId, let hash = hashes[itemId] {
                findings[index].evidence.sha256 = hash
            }
        }

        let order = Dictionary(contexts.enumerated().map { ("\($1.ruleset.id)/\($1.rule.id)", $0) }, uniquingKeysWith: min)
        let itemOrder = Dictionary(uniqueKeysWithValues: register.items.enumerated().map { ($1.id, $0) })
        results.sort { lhs, rhs in
            let left = (order["\(lhs.rulesetId)/\(lhs.ruleId)"] ?? 0, lhs.itemId.flatMap { itemOrder[$0] } ?? -1)
            let right = (order["\(rhs.rulesetId)/\(rhs.ruleId)"] ?? 0, rhs.itemId.flatMap { itemOrder[$0] } ?? -1)
            return left < right
        }
        let findingOrder = Dictionary(
            results.enumerated().flatMap { index, result in result.findingIds.map { ($0, index) } }, uniquingKeysWith: min)
        findings.sort { (findingOrder[$0.id] ?? 0, $0.evidence.line ?? 0, $0.id) < (findingOrder[$1.id] ?? 0, $1.evidence.line ?? 0, $1.id) }

        let clauses = rulesets.flatMap { ruleset in
            ruleset.clauses.map { clause in
                let ids = clause.rules.map(\.id)
                let clauseResults = results.filter { $0.rulesetId == ruleset.id && ids.contains($0.ruleId) }
                return ClauseSummary(
                    rulesetId: ruleset.id, number: clause.number, title: clause.title, intent: clause.intent,
                    crosswalk: clause.crosswalk, verdict: ClauseVerdict.rollUp(clauseResults), ruleIds: ids)
            }
        }
        return AuditRun(
            tool: ToolInfo(version: options.toolVersion), asOf: options.asOf,
            rulesets: rulesets.map {
                RulesetInfo(
                    id: $0.id, version: $0.version, title: $0.title, file: $0.file, sha256: $0.sha256, standards: $0.standards,
                    crosswalkSources: $0.crosswalkSources)
            },
            profiles: profiles.map { profile in
                ProfileInfo(
                    id: profile.id, version: profile.version, title: profile.title, rulesetId: profile.rulesetId,
                    file: profile.file, sha256: profile.sha256,
                    parameters: Dictionary(profile.settings.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }),
                    systemicMinorFindings: profile.systemicMinorFindings, references: profile.references.isEmpty ? nil : profile.references)
            },
            evidence: EvidenceInfo(organization: register.organization, register: register.file, items: outcomes.map(\.info), scope: register.scope),
            clauses: clauses, results: results, findings: findings, diagnostics: diagnostics)
    }

    // MARK: - Per item

    private func evaluateItems(
        _ items: [EvidenceItem], rules: [RuleContext], folder: EvidenceFolder, loadTypes: Set<String>,
        contracts: [String: EvidenceContract]
    ) async -> [ItemOutcome] {
        let width = options.parallelism
        // With fewer items to read than jobs, the spare jobs go to each item's large record checks.
        let workersPerItem = max(1, width / max(1, items.count { loadTypes.contains($0.type) }))
        let tally = options.progress.map { ProgressTally(sizes: items.map { folder.byteCount(of: $0) ?? 0 }, report: $0) }
        return await withTaskGroup(of: (Int, ItemOutcome).self) { group in
            var outcomes: [ItemOutcome] = []
            var next = 0
            func startNext() {
                guard next < items.count else { return }
                let index = next
                let item = items[index]
                next += 1
                let relevant = loadTypes.contains(item.type) ? rules.filter { $0.rule.check.evidenceTypes.contains(item.type) } : []
                let contract = contracts[item.type]
                var reading = EvidenceReadOptions()
                if let tally {
                    reading.progress = { bytes in tally.parsed(bytes, of: index) }
                }
                group.addTask {
                    (index, Self.evaluate(item, rules: relevant, folder: folder, workers: workersPerItem, contract: contract, reading: reading))
                }
            }
            for _ in 0..<width { startNext() }
            while let (index, outcome) = await group.next() {
                outcomes.append(outcome)
                tally?.finished(index)
                startNext()
            }
            return outcomes
        }
    }

    private static func evaluate(
        _ item: EvidenceItem, rules: [RuleContext], folder: EvidenceFolder, workers: Int, contract: EvidenceContract?,
        reading: EvidenceReadOptions
    ) -> ItemOutcome {
        var outcome = ItemOutcome(
            item: item,
            info: EvidenceItemInfo(
                id: item.id, type: item.type, file: item.file, format: item.format, date: item.effectiveDate, periodStart: item.periodStart,
                periodEnd: item.periodEnd, site: item.site, owner: item.owner, sha256: nil, bytes: nil))
        outcome.info.personalData = EvidenceItemInfo.PersonalDataHints(
            columns: item.personalColumns,
            mappedColumns: Dictionary(item.mappings.compactMap { mapping in mapping.column.map { (mapping.field, $0) } }) { first, _ in first },
            delimiter: item.delimiter)
        let data: Data
        do {
            data = try folder.read(item)
        } catch {
            outcome.unreadable(error)
            return outcome
        }
        outcome.info.sha256 = SHA256Digest.hex(of: data)
        outcome.info.bytes = data.count
        guard !rules.isEmpty else { return outcome }
        if let plan = RecordStreamPlan(item: item, rules: rules, contract: contract) {
            do {
                let (partials, summary) = try RecordStreamEvaluator.evaluate(
                    plan, item: item, data: data, sha256: outcome.info.sha256 ?? "", contract: contract, reading: reading, workers: workers)
                reading.progress?(data.count)
                guard outcome.accept(summary.conformance, warnings: summary.warnings) else { return outcome }
                // A value a rule reads but cannot read as its type makes its record "cannot be
                // checked", which is told in the whole view: such a file is read again, whole.
                if !rules.contains(where: { !Self.unreadableValues(summary.conformance, for: $0, item: item, contract: contract).isEmpty }) {
                    outcome.partials = partials
                    return outcome
                }
            } catch {
                outcome.unreadable(error)
                return outcome
            }
        }
        let document: EvidenceDocument
        do {
            document = try EvidenceDocument.read(data, item: item, contract: contract, options: reading)
            reading.progress?(data.count)
        } catch {
            outcome.unreadable(error)
            return outcome
        }
        guard outcome.accept(document.conformance, warnings: document.warnings) else { return outcome }
        let loaded = LoadedItem(item: item, document: document, sha256: outcome.info.sha256 ?? "", workers: workers)
        for rule in rules {
            let key = ItemOutcome.RuleKey(rulesetId: rule.ruleset.id, ruleId: rule.rule.id)
            let unreadable = Self.unreadableValues(document.conformance, for: rule, item: item, contract: contract)
            outcome.partials[key] = unreadable.isEmpty ? Self.partials(rule, loaded) : UnreadableValues.partials(rule, loaded, unreadable: unreadable)
        }
        return outcome
    }

    /// The values of the item `rule` reads that cannot be read as their contract types.
    private static func unreadableValues(
        _ conformance: ContractConformance, for rule: RuleContext, item: EvidenceItem, contract: EvidenceContract?
    ) -> [InvalidValue] {
        conformance.invalidValues.filter { value in
            contract?.field(named: value.field).map { rule.rule.reads($0, of: item.type) } ?? true
        }
    }

    static func partials(_ rule: RuleContext, _ item: LoadedItem) -> [ItemOutcome.Partial] {
        do {
            return try rule.rule.check.definition.partials(rule.rule.check, rule: rule, item: item)
        } catch {
            return [.failed(error.localizedDescription)]
        }
    }

    // MARK: - Across items

    private func combine(_ context: RuleContext, outcomes: [ItemOutcome], register: LoadedRegister) -> ([RuleResult], [Finding]) {
        let evidence = RuleEvidence(rule: context, outcomes: outcomes, register: register, asOf: options.asOf)
        do {
            return try context.rule.check.definition.combine(context.rule.check, evidence)
        } catch {
            return ([evidence.errorResult(nil, error.localizedDescription)], [])
        }
    }
}
