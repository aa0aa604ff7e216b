import AuditEvidence
import AuditModel
import LibXML

/// Whether an item can be checked record by record as its file is read
/// (`RecordStreamEvaluator`) instead of through its whole tree or view, and how.
///
/// Streaming gives the same findings as the whole document only when nothing looks past
/// the record, so it is chosen only when all of these hold: the item can be streamed
/// (`EvidenceRecordStream.canStream`: XML without a contract, CSV whose contract is its
/// table, XLSX or ODS with a tabular contract); every rule reading its file is a records
/// check (presence and freshness read only the register); they all select one plain path
/// of namespace-less names (`/complaints/complaint`, `/table/record` for a table), with at
/// most one predicate on the last step; and every predicate, key, `let`, assertion and
/// message placeholder stays within the record (`XPathExpressionCheck.staysWithinContextNode(_:)`:
/// no absolute path, no parent, ancestor, sibling or namespace axis, no `position()` or
/// `last()`). Anything else is read whole, as before.
struct RecordStreamPlan {
    /// One rule's records check, with the predicate of its select's last step, if any.
    struct Check {
        let rule: RuleContext
        let check: RecordCheck
        let predicate: String?
    }

    /// The records' element names from the root down.
    let path: [String]
    let checks: [Check]
    /// Rules on the item's type that read only the register: nothing to do on the file.
    let registerOnly: [RuleContext]

    init?(item: EvidenceItem, rules: [RuleContext], contract: EvidenceContract?) {
        guard EvidenceRecordStream.canStream(item.format, contract: contract), !rules.isEmpty else { return nil }
        var path: [String]?
        var checks: [Check] = []
        var registerOnly: [RuleContext] = []
        for rule in rules {
            guard rule.rule.check.definition.readsItems else {
                registerOnly.append(rule)
                continue
            }
            guard case let .records(check) = rule.rule.check, let select = Self.plainPath(check.select.expression),
                path == nil || path == select.names
            else { return nil }
            path = select.names
            let expressions = (select.predicate.map { [$0] } ?? []) + (check.key.map { [$0.expression] } ?? [])
                + check.bindings.map(\.value.expression) + check.assertions.map(\.test.expression)
                + check.assertions.flatMap { assertion in
                    (assertion.message.parts ?? []).compactMap { part in
                        if case let .expression(expression) = part { return expression }
                        return nil
                    }
                }
            guard expressions.allSatisfy(XPathExpressionCheck.staysWithinContextNode) else { return nil }
            checks.append(Check(rule: rule, check: check, predicate: select.predicate))
        }
        guard let path, EvidenceRecordStream.recordPath(of: item.format).map({ $0 == path }) ?? true else { return nil }
        self.path = path
        self.checks = checks
        self.registerOnly = registerOnly
    }

    /// The names of an absolute path of child steps without namespace prefixes
    /// (`/a/b/c`), and the predicate of its last step (`/a/b[status = 'closed']`); nil for
    /// any other expression.
    static func plainPath(_ expression: String) -> (names: [String], predicate: String?)? {
        var text = Substring(expression.trimmedKey)
        var predicate: String?
        if let open = text.firstIndex(of: "[") {
            guard text.last == "]", let inside = Self.bracketed(text[text.index(after: open)...]) else { return nil }
            predicate = inside
            text = text[..<open]
        }
        guard text.hasPrefix("/") else { return nil }
        let names = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !names.isEmpty, names.allSatisfy({ RecordCheckEvaluator.isNCName($0[...]) }) else { return nil }
        return (names, predicate)
    }

    /// The text inside one bracket pair that closes at the very end of `text` (which
    /// starts just after the `[`), skipping string literals; nil when it closes earlier.
    private static func bracketed(_ text: Substring) -> String? {
        var depth = 1
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return text.index(after: index) == text.endIndex ? String(text[..<index]) : nil }
            default: break
            }
        }
        return nil
    }
}
