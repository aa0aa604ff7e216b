import AuditEvidence
import AuditModel
import LibXML

/// What a rule makes of values its item holds but that do not read as their contract
/// types (`30/11/2026` without a declared date layout): never a silent pass.
enum UnreadableValues {
    /// The rule's partial results on an item some of whose values the rule reads cannot be
    /// read as their types. A record check finds such a record nonconforming ("cannot be
    /// checked") instead of evaluating or skipping it — when its `select` reads the value
    /// (the record may have been left out because of it), or when the record is selected and
    /// the key, a `let`, an assertion or a message reads it. Any other check cannot be evaluated.
    static func partials(_ rule: RuleContext, _ item: LoadedItem, unreadable: [InvalidValue]) -> [ItemOutcome.Partial] {
        let first = unreadable[0]
        let summary = "\(unreadable.count) value\(unreadable.count == 1 ? "" : "s") in \(item.item.file) cannot be read as \(unreadable.count == 1 ? "its field's type" : "their fields' types") (first: \(first.location)\(first.nativeLocator.map { " \($0)" } ?? ""): \(first.statement)); correct the file or declare the item's conventions in the register"
        guard case let .records(check) = rule.rule.check else { return [.failed(summary)] }
        var partials = Auditor.partials(rule, item)
        guard let index = partials.firstIndex(where: { if case .complete = $0 { return true } else { return false } }),
            case .complete(var result, let itemFindings) = partials[index]
        else { return partials }
        let selectNames = XPathExpressionCheck.referencedNames(in: check.select.expression)
        func selectReads(_ value: InvalidValue) -> Bool {
            guard let names = selectNames else { return true }
            return names.readsUnnamedNodes || names.elements.contains(value.field) || names.attributes.contains(value.field)
        }
        var findings: [Finding] = []
        do {
            let context = rule.xpathContext(over: item.document.document)
            let selection = try context.evaluate(check.select.expression).nodes
            let selected = Set(selection.map(\.identity))
            let selectedParents = Set(selection.compactMap { $0.parent?.identity })
            let key = try check.key.map { text throws(XPathError) in try context.compile(text.expression) }
            var byRecord: [(path: String, values: [InvalidValue])] = []
            for value in unreadable {
                if let last = byRecord.last, last.path == value.recordPath {
                    byRecord[byRecord.count - 1].values.append(value)
                } else {
                    byRecord.append((value.recordPath, [value]))
                }
            }
            for (path, values) in byRecord {
                guard let record = try context.evaluate(path).nodes.first else { continue }
                guard values.contains(where: selectReads) || selected.contains(record.identity) else {
                    // A record of another kind than those selected (measurements read through a
                    // `let` for each objective): which findings it would change cannot be told.
                    if !selectedParents.contains(record.parent?.identity ?? -1) { return [.failed(summary)] }
                    continue
                }
                let recordKey = try key.map { compiled throws(XPathError) in try context.evaluateString(compiled, at: record).trimmedKey }
                let what = Set(values.map(\.expected)).count == 1
                    ? values.map { "\($0.column) holds '\($0.value)'" }.joined(separator: " and ")
                        + (values.count == 1 ? ", which is not " : ", which are not ") + values[0].expected
                    : values.map(\.statement).joined(separator: "; ")
                findings.append(
                    rule.factory.finding(
                        statement: "Record \(recordKey.map { "\($0) " } ?? "")cannot be checked: \(what).",
                        evidence: item.recordEvidence(record, recordKey: recordKey), measurements: [],
                        discriminator: "unreadable#" + values.map(\.field).joined(separator: ",")))
            }
        } catch {
            return [.failed(summary)]
        }
        guard !findings.isEmpty else { return partials }
        // A record that cannot be checked is not also judged on what could be read of it.
        let unchecked = Set(findings.compactMap(\.evidence.xpath))
        let judged = itemFindings.filter { !unchecked.contains($0.evidence.xpath ?? "") }
        let judgedFailed = Set(judged.compactMap(\.evidence.xpath)).count
        result.status = .fail
        result.vacuous = nil
        result.grade = (judged + findings).map(\.grade).min() ?? rule.rule.grade
        result.recordsFailed = judgedFailed + findings.count
        result.findingIds = judged.map(\.id) + findings.map(\.id)
        result.statement = "\(judgedFailed) of \(result.recordsChecked ?? 0) selected records in \(item.item.file) do not conform, and \(findings.count) record\(findings.count == 1 ? "" : "s") cannot be checked, because a value the rule reads is unreadable."
        partials[index] = .complete(result, judged + findings)
        return partials
    }
}
