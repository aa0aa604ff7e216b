import AuditEvidence
import AuditModel
import LibXML

/// *Record assertions*: every selected record of an item must satisfy each
/// `assert` (and no `report` may hold). One finding per failing record and assertion.
///
/// When the assertions need nothing bound per record (no `let`, no `$record-key`, no
/// `position()`/`last()`), one XPath query over the selection finds the records that fail
/// any assertion inside libxml2, instead of one evaluation per record and assertion; only
/// those records are then tested assertion by assertion, and keys that name one attribute
/// or child are read for all records in one query. Both paths give the same findings.
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
        let key = try check.key.map { text throws(XPathError) in try context.compile(text.expression) }
        let bindings = try check.bindings.map { binding throws(XPathError) in
            (binding.name, try context.compile(binding.value.expression))
        }
        let tests = try check.assertions.map { assertion throws(XPathError) in try context.compile(assertion.test.expression) }
        let factory = rule.factory
        var findings: [Finding] = []
        var failedRecords = 0
        var keyOccurrences: [String: Int] = [:]
        let paths = XMLPathCache()
        let setwise = check.bindings.isEmpty && check.assertions.allSatisfy { assertion in
            let test = assertion.test.expression
            return !test.contains("$record-key") && !test.contains("position()") && !test.contains("last()")
        }
        var failing: [Int: [Int]] = [:]
        var childKeys: [String]?
        if setwise {
            // One pass over the records finds those failing any assertion, while each
            // record's nodes are still in cache; only those are then tested assertion by assertion.
            let anyFails = check.assertions.map { assertion in
                assertion.form == .assert ? "not(\(assertion.test.expression))" : "boolean(\(assertion.test.expression))"
            }
            let failingAny = try selection.positions(where: anyFails.joined(separator: " or "), parts: item.workers, makeContext: makeContext)
            for position in failingAny {
                for (index, assertion) in check.assertions.enumerated()
                where try context.evaluate(tests[index], at: records[position]).boolean == (assertion.form == .report) {
                    failing[position, default: []].append(index)
                }
            }
            if !failing.isEmpty, let keyStep = check.key.flatMap({ Self.childStep($0.expression) }) {
                childKeys = try selection.childStrings(keyStep)
            }
        }
        for (position, record) in records.enumerated() {
            // Keys are read for every record when anything failed, so duplicate keys number alike on both paths.
            if setwise && failing.isEmpty { break }
            if setwise && key == nil && failing[position] == nil { continue }
            let recordKey: String?
            if let childKeys {
                recordKey = childKeys[position].trimmedKey
            } else {
                recordKey = try key.map { compiled throws(XPathError) in try context.evaluateString(compiled, at: record).trimmedKey }
            }
            // Two records sharing a key still get distinct, stable fingerprints (by occurrence).
            let occurrence = recordKey.map { key in
                keyOccurrences[key, default: 0] += 1
                return keyOccurrences[key, default: 1]
            } ?? 1
            // A conforming record, on the set-wise path, only counts its key.
            if setwise && failing[position] == nil { continue }
            context.setVariable("record-key", .string(recordKey ?? ""))
            let occurrenceSuffix = occurrence > 1 ? "@\(occurrence)" : ""
            var measurements: [Measurement] = []
            for (name, compiled) in bindings {
                let value = try context.evaluate(compiled, at: record)
                context.setVariable(name, value.variableValue)
                measurements.append(value.measurement(named: name))
            }
            var recordFailed = false
            for (index, assertion) in check.assertions.enumerated() {
                if setwise {
                    guard failing[position]?.contains(index) == true else { continue }
                } else {
                    let holds = try context.evaluate(tests[index], at: record).boolean
                    guard holds == (assertion.form == .report) else { continue }
                }
                recordFailed = true
                let statement = try MessageRenderer.render(assertion.message, in: context, at: record)
                findings.append(
                    factory.finding(
                        grade: assertion.grade, statement: statement,
                        evidence: item.recordEvidence(record, recordKey: recordKey, paths: paths), measurements: measurements,
                        discriminator: "\(assertion.form.rawValue)#\(index)\(occurrenceSuffix)"))
            }
            if recordFailed { failedRecords += 1 }
        }
        let counts = [
            Measurement(name: "records", value: String(records.count), number: Double(records.count)),
            Measurement(name: "failed", value: String(failedRecords), number: Double(failedRecords)),
        ]
        let result: RuleResult
        if findings.isEmpty {
            let held = item.document.conformance.recordsHeld ?? 0
            let statement = records.isEmpty
                ? "No records were selected in \(item.item.file)\(held > 0 ? ", which holds \(held) record\(held == 1 ? "" : "s")" : ""); nothing to check."
                : records.count == 1 ? "The 1 record in \(item.item.file) conforms." : "All \(records.count) records in \(item.item.file) conform."
            var passed = factory.result(
                itemId: item.item.id, status: .pass, statement: statement, measurements: counts,
                recordsChecked: records.count, recordsFailed: 0)
            if records.isEmpty { passed.vacuous = true }
            result = passed
        } else {
            let percent = XPathValue.format(Double(failedRecords) / Double(max(records.count, 1)) * 100)
            result = factory.result(
                itemId: item.item.id, status: .fail,
                statement: "\(failedRecords) of \(records.count) records (\(percent)%) in \(item.item.file) do not conform.",
                grade: findings.map(\.grade).min(), measurements: counts, recordsChecked: records.count,
                recordsFailed: failedRecords, findings: findings)
        }
        return (result, findings)
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

    private static func isNCName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || $0 == "." || $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
