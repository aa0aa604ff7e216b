import AuditEvidence
import AuditModel
import CalendarDates

/// What a rule's check combines across items once every item is evaluated: the outcomes
/// of the items it reads, the register, and the results every kind gives alike (no
/// evidence, an item that could not be evaluated, an item with too few records).
struct RuleEvidence {
    let rule: RuleContext
    let outcomes: [ItemOutcome]
    let register: LoadedRegister
    let asOf: CalendarDate

    var factory: FindingFactory { rule.factory }
    var key: ItemOutcome.RuleKey { ItemOutcome.RuleKey(rulesetId: rule.ruleset.id, ruleId: rule.rule.id) }

    /// The register's items of `type`.
    func items(ofType type: String) -> [EvidenceItem] {
        register.register.items(ofType: type)
    }

    /// The evaluated items of `type`, in register order.
    func outcomes(ofType type: String) -> [ItemOutcome] {
        outcomes.filter { $0.item.type == type }
    }

    /// This rule's partial results on an item.
    func partials(_ outcome: ItemOutcome) -> [ItemOutcome.Partial] {
        outcome.partials[key] ?? []
    }

    /// The register lists no item of a type the rule needs: a gap, never a pass.
    func noEvidence(_ type: String) -> ([RuleResult], [Finding]) {
        let statement = "No evidence: the evidence register lists no item of type '\(type)', which this rule needs."
        let finding = factory.finding(statement: statement, evidence: rule.typeEvidence(type), measurements: [])
        return ([factory.result(itemId: nil, status: .fail, statement: statement, findings: [finding])], [finding])
    }

    func errorResult(_ itemId: String?, _ message: String) -> RuleResult {
        factory.result(itemId: itemId, status: .error, statement: "Could not be evaluated: \(message)")
    }

    /// An item with fewer records than its contract expects fails the rule: empty evidence is a gap.
    func shortfallResult(_ outcome: ItemOutcome, _ statement: String) -> ([RuleResult], [Finding]) {
        let finding = factory.finding(
            statement: statement,
            evidence: ObjectiveEvidence(
                itemId: outcome.item.id, evidenceType: outcome.item.type, file: outcome.item.file, sha256: outcome.info.sha256),
            measurements: [])
        return ([factory.result(itemId: outcome.item.id, status: .fail, statement: statement, findings: [finding])], [finding])
    }

    /// One result per item of `type`: the item's own complete result, or an error or
    /// shortfall result when it could not be evaluated; "No evidence" without items.
    func resultsPerItem(of type: String) -> ([RuleResult], [Finding]) {
        guard !items(ofType: type).isEmpty else { return noEvidence(type) }
        var results: [RuleResult] = []
        var findings: [Finding] = []
        for outcome in outcomes(ofType: type) {
            if let loadError = outcome.loadError {
                results.append(errorResult(outcome.item.id, loadError))
                continue
            }
            if let shortfall = outcome.shortfall {
                let (shortfallResults, shortfallFindings) = shortfallResult(outcome, shortfall)
                results += shortfallResults
                findings += shortfallFindings
                continue
            }
            for partial in partials(outcome) {
                switch partial {
                case let .complete(result, itemFindings):
                    results.append(result)
                    // The first item's findings are taken as they are, not copied: a large log has thousands.
                    if findings.isEmpty { findings = itemFindings } else { findings += itemFindings }
                case let .failed(message):
                    results.append(errorResult(outcome.item.id, message))
                default:
                    break
                }
            }
        }
        return (results, findings)
    }
}
