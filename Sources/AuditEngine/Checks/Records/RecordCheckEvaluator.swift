import AuditEvidence
import AuditModel
import LibXML

/// *Record assertions*: every selected record of an item must satisfy each
/// `assert` (and no `report` may hold). One finding per failing record and assertion.
///
/// When the assertions need nothing bound per record (`RecordChecker.anyAssertionFails`),
/// one pass over the selection finds the records that fail any assertion — straight over
/// each record when the expression is plain (`DirectExpression`), else in one libxml2
/// query — instead of one evaluation per record and assertion; only those records are
/// then tested assertion by assertion, and keys that name one attribute or child are read
/// for all records in one query. Both paths give the same findings.
enum RecordCheckEvaluator {
    static func evaluate(_ check: RecordCheck, rule: RuleContext, item: LoadedItem) throws(XPathError) -> (RuleResult, [Finding]) {
        let itemId = item.item.id
        let makeContext: @Sendable (XMLDocument) -> XPathContext = { document in
            let context = rule.xpathContext(over: document)
            context.setVariable("item", .string(itemId))
            context.setVariable("record-key", .string(""))
            return context
        }
        let context = makeContext(item.document.document)
        let selection = try XPathSelection(context.compile(check.select.expression), in: context)
        let records = selection.nodes
        let checker = try RecordChecker<XMLNode>(check, context: context)
        var failing: [Int: [Int]]?
        var childKeys: [String]?
        if let anyFails = checker.anyAssertionFails {
            // One pass over the records finds those failing any assertion, while each
            // record's nodes are still in cache; only those are then tested assertion by assertion.
            var found: [Int: [Int]] = [:]
            for position in try selection.positions(where: anyFails, parts: item.workers, makeContext: makeContext) {
                found[position] = try checker.failingAssertions(of: records[position])
            }
            failing = found
            if !found.isEmpty, let keyStep = check.key.flatMap({ Self.childStep($0.expression) }) {
                childKeys = try selection.childStrings(keyStep)
            }
        }
        for (position, record) in records.enumerated() {
            // Keys are read for every record when anything failed, so duplicate keys number alike on both paths.
            if let failing {
                if failing.isEmpty { break }
                if check.key == nil && failing[position] == nil { continue }
            }
            let (recordKey, occurrence) = try checker.identify(record, known: childKeys?[position])
            // A conforming record, on the set-wise path, only counts its key.
            if let failing, failing[position] == nil { continue }
            try checker.test(
                record, key: recordKey, occurrence: occurrence, failing: failing?[position], origin: item.document.origin(of: record),
                locator: record)
        }
        let paths = XMLPathCache()
        return RecordChecker.result(
            check, failures: checker.failures, failedRecords: checker.failedRecords, rule: rule, item: item.item, sha256: item.sha256,
            records: records.count, recordsHeld: item.document.conformance.recordsHeld ?? 0, path: { paths.path(of: $0) })
    }

    /// The key when it names one attribute or child element of the record (`@id`,
    /// `complaint-id`, `x:ref`), whose value for every record one query reads; nil for any
    /// other expression, which is evaluated record by record.
    static func childStep(_ expression: String) -> String? {
        let step = expression.trimmedKey
        let name = step.hasPrefix("@") ? step.dropFirst() : Substring(step)
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy(isNCName) else { return nil }
        return step
    }

    /// Whether `text` is an XML name without a colon (a name test with no prefix).
    static func isNCName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || $0 == "." || $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
