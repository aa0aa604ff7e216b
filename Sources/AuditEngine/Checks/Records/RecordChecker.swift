import AuditEvidence
import AuditModel
import LibXML

/// One records check over one item, fed its records in document order: keys and their
/// occurrences, the assertions, what failed, and the result.
///
/// The whole-document evaluator (`RecordCheckEvaluator`) and the streaming one
/// (`RecordStreamEvaluator`) both use it, so a record gets the same key, statement and
/// fingerprint whichever way its file was read. `Locator` is how a failing record is
/// found again once all records are read, to name its path: the node itself in a whole
/// document, its place in a stream (whose nodes are gone by then).
final class RecordChecker<Locator> {
    /// A record that fails one assertion, kept until its path is known.
    struct Failure {
        let assertion: Int
        let statement: String
        let line: Int?
        let nativeLocator: String?
        let recordKey: String?
        let measurements: [Measurement]
        let occurrence: Int
        let locator: Locator
    }

    let check: RecordCheck
    let context: XPathContext
    private let key: CompiledXPath?
    /// The key read straight over the record, when it is plain enough (`@id`, `complaint-id`).
    private let keyDirectly: DirectExpression?
    private let bindings: [(String, CompiledXPath)]
    private let tests: [CompiledXPath]
    /// One expression true for a record that fails any assertion, when the assertions need
    /// nothing bound per record (no `let`, no `$record-key`, no `position()` or `last()`);
    /// nil otherwise, and records are then tested assertion by assertion.
    let anyAssertionFails: String?
    private var keyOccurrences: [String: Int] = [:]
    private(set) var failures: [Failure] = []
    private(set) var failedRecords = 0

    init(_ check: RecordCheck, context: XPathContext) throws(XPathError) {
        self.check = check
        self.context = context
        key = try check.key.map { text throws(XPathError) in try context.compile(text.expression) }
        keyDirectly = check.key.flatMap { DirectExpression($0.expression, environment: context.environment) }
        bindings = try check.bindings.map { binding throws(XPathError) in (binding.name, try context.compile(binding.value.expression)) }
        tests = try check.assertions.map { assertion throws(XPathError) in try context.compile(assertion.test.expression) }
        let setwise = check.bindings.isEmpty && check.assertions.allSatisfy { assertion in
            let test = assertion.test.expression
            return !test.contains("$record-key") && !test.contains("position()") && !test.contains("last()")
        }
        anyAssertionFails = setwise
            ? check.assertions.map { assertion in
                assertion.form == .assert ? "not(\(assertion.test.expression))" : "boolean(\(assertion.test.expression))"
            }.joined(separator: " or ")
            : nil
    }

    /// The record's key, trimmed (nil when the check has none), and how many records so
    /// far had it, this one included: two records sharing a key still get distinct, stable
    /// fingerprints. Keys must be read for every record, failing or not, so that
    /// duplicates are numbered alike on every path.
    ///
    /// - Parameter known: The key when it was read for many records at once.
    func identify(_ record: XMLNode, known: String? = nil) throws(XPathError) -> (key: String?, occurrence: Int) {
        guard let key else { return (nil, 1) }
        let read: String
        if let known {
            read = known
        } else if let direct = keyDirectly?.string(at: record) {
            read = direct
        } else {
            read = try context.evaluateString(key, at: record)
        }
        let trimmed = read.trimmedKey
        // One lookup for the count and its new value: this runs once per record.
        let occurrence = { (seen: inout Int) in
            seen += 1
            return seen
        }(&keyOccurrences[trimmed, default: 0])
        return (trimmed, occurrence)
    }

    /// Tests one record and keeps what fails.
    ///
    /// - Parameters:
    ///   - failing: The assertions already known to fail (found set-wise), or nil to test each.
    ///   - origin: The record's line and the view's own locator in the file, found only if it fails.
    func test(
        _ record: XMLNode, key: String?, occurrence: Int, failing: [Int]? = nil,
        origin: @autoclosure () -> (line: Int?, nativeLocator: String?), locator: Locator
    ) throws(XPathError) {
        context.setVariable("record-key", .string(key ?? ""))
        var measurements: [Measurement] = []
        for (name, compiled) in bindings {
            let value = try context.evaluate(compiled, at: record)
            context.setVariable(name, value.variableValue)
            measurements.append(value.measurement(named: name))
        }
        let failed: [Int]
        if let failing { failed = failing } else { failed = try failingAssertions(of: record) }
        guard !failed.isEmpty else { return }
        let origin = origin()
        for index in failed {
            failures.append(
                Failure(
                    assertion: index, statement: try MessageRenderer.render(check.assertions[index].message, in: context, at: record),
                    line: origin.line, nativeLocator: origin.nativeLocator, recordKey: key, measurements: measurements,
                    occurrence: occurrence, locator: locator))
        }
        failedRecords += 1
    }

    /// The assertions the record fails (an `assert` that does not hold, a `report` that
    /// does), in the check's order, with whatever the record's `let`s bound.
    func failingAssertions(of record: XMLNode) throws(XPathError) -> [Int] {
        var failed: [Int] = []
        for (index, assertion) in check.assertions.enumerated()
        where try context.evaluate(tests[index], at: record).boolean == (assertion.form == .report) {
            failed.append(index)
        }
        return failed
    }

    /// The item's result and findings once every record has been read, from the failures a
    /// checker kept (none when no record was read, and so no checker made: a stream hands
    /// over no document to compile against before its first record).
    ///
    /// - Parameters:
    ///   - records: How many records were selected.
    ///   - recordsHeld: How many records the item holds, when its contract counts them.
    ///   - path: The XPath of a failing record.
    static func result(
        _ check: RecordCheck, failures: [Failure], failedRecords: Int, rule: RuleContext, item: EvidenceItem, sha256: String,
        records: Int, recordsHeld: Int, path: (Locator) -> String
    ) -> (RuleResult, [Finding]) {
        let factory = rule.factory
        let findings = failures.map { failure in
            let assertion = check.assertions[failure.assertion]
            return factory.finding(
                grade: assertion.grade, statement: failure.statement,
                evidence: ObjectiveEvidence(
                    itemId: item.id, evidenceType: item.type, file: item.file, line: failure.line,
                    recordKey: failure.recordKey.flatMap { $0.isEmpty ? nil : $0 }, xpath: path(failure.locator),
                    nativeLocator: failure.nativeLocator, sha256: sha256),
                measurements: failure.measurements,
                discriminator: "\(assertion.form.rawValue)#\(failure.assertion)\(failure.occurrence > 1 ? "@\(failure.occurrence)" : "")")
        }
        let counts = [
            Measurement(name: "records", value: String(records), number: Double(records)),
            Measurement(name: "failed", value: String(failedRecords), number: Double(failedRecords)),
        ]
        guard findings.isEmpty else {
            let percent = XPathValue.format(Double(failedRecords) / Double(max(records, 1)) * 100)
            return (
                factory.result(
                    itemId: item.id, status: .fail,
                    statement: "\(failedRecords) of \(records) records (\(percent)%) in \(item.file) do not conform.",
                    grade: findings.map(\.grade).min(), measurements: counts, recordsChecked: records,
                    recordsFailed: failedRecords, findings: findings),
                findings
            )
        }
        let statement = records == 0
            ? "No records were selected in \(item.file)\(recordsHeld > 0 ? ", which holds \(recordsHeld) record\(recordsHeld == 1 ? "" : "s")" : ""); nothing to check."
            : records == 1 ? "The 1 record in \(item.file) conforms." : "All \(records) records in \(item.file) conform."
        var passed = factory.result(
            itemId: item.id, status: .pass, statement: statement, measurements: counts, recordsChecked: records, recordsFailed: 0)
        if records == 0 { passed.vacuous = true }
        return (passed, [])
    }
}
