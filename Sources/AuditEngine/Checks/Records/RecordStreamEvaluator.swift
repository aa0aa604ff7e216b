import AuditEvidence
import AuditModel
import Foundation
import LibXML

/// Runs an item's records checks while its file is read, record by record
/// (`RecordStreamPlan` says when): the file's tree or view is never whole in memory, so a
/// large export takes about its own size, not fourteen times it.
///
/// Each record is tested by one expression that is true when any assertion fails
/// (`RecordChecker.anyAssertionFails`) where the check allows it — straight over the record's
/// nodes when the expression is plain enough (`DirectExpression`) — and the failing records
/// then assertion by assertion, as the whole-document path does; paths are named once the
/// file is read, when every sibling count is known.
enum RecordStreamEvaluator {
    /// What each rule of the plan yields on the item, keyed as `Auditor` keeps partials, and
    /// what the read found besides (warnings, the contract's verdict), which decides whether
    /// those partials stand.
    ///
    /// - Parameter workers: Threads the item may use: with two, the file is read on one
    ///   while its records are checked on the other (`EvidenceRecordStream.forEachRecord`).
    /// - Throws: `EvidenceError.malformed` when the file is not what its format says or is
    ///   refused as hostile: its records then count for nothing, as in a whole read.
    static func evaluate(
        _ plan: RecordStreamPlan, item: EvidenceItem, data: Data, sha256: String, contract: EvidenceContract?, reading: EvidenceReadOptions,
        workers: Int = 1
    ) throws(EvidenceError) -> ([ItemOutcome.RuleKey: [ItemOutcome.Partial]], EvidenceRecordStream.Summary) {
        let positions = EvidenceRecordStream.positions(of: item.format)
        let runs = plan.checks.map(StreamedCheck.init)
        let summary = try EvidenceRecordStream.forEachRecord(
            in: data, item: item, at: plan.path, contract: contract, options: reading, concurrently: workers > 1
        ) { record, place in
            for run in runs { run.visit(record, at: place, positions: positions, itemId: item.id) }
        }
        var partials: [ItemOutcome.RuleKey: [ItemOutcome.Partial]] = [:]
        for rule in plan.registerOnly {
            partials[ItemOutcome.RuleKey(rulesetId: rule.ruleset.id, ruleId: rule.rule.id)] = []
        }
        for run in runs {
            let key = ItemOutcome.RuleKey(rulesetId: run.planned.rule.ruleset.id, ruleId: run.planned.rule.rule.id)
            if let error = run.error {
                partials[key] = [.failed(error)]
                continue
            }
            let (result, findings) = RecordChecker<XMLRecordPlace>.result(
                run.planned.check, failures: run.checker?.failures ?? [], failedRecords: run.checker?.failedRecords ?? 0,
                rule: run.planned.rule, item: item, sha256: sha256, records: run.records,
                recordsHeld: summary.conformance.recordsHeld ?? 0, path: summary.paths.path(of:))
            partials[key] = [.complete(result, findings)]
        }
        return (partials, summary)
    }

    /// One rule's check over the stream: its context and compiled expressions, made at the
    /// first record (the stream's document exists only from then on), and what it found.
    private final class StreamedCheck {
        let planned: RecordStreamPlan.Check
        private(set) var checker: RecordChecker<XMLRecordPlace>?
        private var predicate: CompiledXPath?
        private var anyFails: CompiledXPath?
        /// `anyFails` evaluated straight over the record, when it is plain enough.
        private var anyFailsDirectly: DirectExpression?
        private(set) var records = 0
        /// Why the check could not be evaluated; the rest of the records are then skipped.
        private(set) var error: String?

        init(_ planned: RecordStreamPlan.Check) {
            self.planned = planned
        }

        func visit(_ record: XMLNode, at place: XMLRecordPlace, positions: SourcePositions, itemId: String) {
            guard error == nil else { return }
            do throws(XPathError) {
                let checker: RecordChecker<XMLRecordPlace>
                if let prepared = self.checker { checker = prepared } else { checker = try prepare(over: record.document, itemId: itemId) }
                let context = checker.context
                if let predicate {
                    let value = try context.evaluate(predicate, at: record)
                    if case let .number(position) = value {
                        guard position == Double(place.position) else { return }
                    } else {
                        guard value.boolean else { return }
                    }
                }
                records += 1
                let (key, occurrence) = try checker.identify(record)
                if let anyFails {
                    let fails: Bool
                    if let answer = anyFailsDirectly?.boolean(at: record) {
                        fails = answer
                    } else {
                        fails = try context.evaluate(anyFails, at: record).boolean
                    }
                    guard fails else { return }
                }
                try checker.test(record, key: key, occurrence: occurrence, origin: positions.origin(of: record), locator: place)
            } catch {
                self.error = error.localizedDescription
            }
        }

        private func prepare(over document: XMLDocument, itemId: String) throws(XPathError) -> RecordChecker<XMLRecordPlace> {
            let context = planned.rule.xpathContext(over: document)
            context.setVariable("item", .string(itemId))
            context.setVariable("record-key", .string(""))
            let checker = try RecordChecker<XMLRecordPlace>(planned.check, context: context)
            predicate = try planned.predicate.map { text throws(XPathError) in try context.compile(text) }
            anyFails = try checker.anyAssertionFails.map { text throws(XPathError) in try context.compile(text) }
            anyFailsDirectly = checker.anyAssertionFails.flatMap { DirectExpression($0, environment: context.environment) }
            self.checker = checker
            return checker
        }
    }
}
