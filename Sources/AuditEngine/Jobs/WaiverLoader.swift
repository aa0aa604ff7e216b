import AuditEvidence
public import AuditModel
import CalendarDates
public import Foundation
import LibXML

/// Loads a waiver file and checks it against the loaded rulesets before the run
/// starts: a malformed waiver file, or a waiver for a rule that does not exist, is
/// an error then, not a surprise after the run.
public struct WaiverLoader: Sendable {
    private let schema: RelaxNGSchema

    /// - Parameter schema: `Rulesets/schema/waivers-1.rng`.
    public init(schema: URL) throws(RulesetError) {
        self.schema = try RulesetError.compiling(schema)
    }

    public func load(_ url: URL, for rulesets: [Ruleset], displayName: String? = nil) throws(RulesetError) -> [Waiver] {
        let name = displayName ?? url.path
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(contentsOf: url, displayName: name)
        } catch {
            throw .unreadable(file: name, diagnostics: Diagnostic.from(error))
        }
        let violations = schema.validate(document)
        guard violations.isEmpty, let root = document.root else {
            throw .invalid(file: name, diagnostics: violations.map(Diagnostic.init))
        }
        var waivers: [Waiver] = []
        var problems: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for element in root.childElements where element.localName == "waiver" {
            let location = SourceLocation(file: name, line: element.line, column: element.column)
            let id = element.attribute("id") ?? ""
            if let line = seen[id] {
                problems.append(Diagnostic(location: location, message: "duplicate waiver id '\(id)' (first at line \(line))"))
            }
            seen[id] = element.line
            let rulesetId = element.attribute("ruleset")
            let ruleId = element.attribute("rule") ?? ""
            let candidates = rulesets.filter { rulesetId == nil || $0.id == rulesetId }
            if !candidates.contains(where: { $0.rules.contains { $0.id == ruleId } }) {
                let scope = rulesetId.map { "ruleset \($0)" } ?? "the loaded rulesets (\(rulesets.map(\.id).joined(separator: ", ")))"
                problems.append(Diagnostic(location: location, message: "waiver \(id) names rule '\(ruleId)', which \(scope) do not have"))
            }
            guard let expires = element.attribute("expires").flatMap(CalendarDate.init(iso:)) else { continue }
            let justification = element.childElements.first { $0.localName == "justification" }?.stringValue
                .split(whereSeparator: \.isWhitespace).joined(separator: " ") ?? ""
            waivers.append(
                Waiver(
                    id: id, rulesetId: rulesetId, ruleId: ruleId, itemId: element.attribute("item"), site: element.attribute("site"),
                    recordKey: element.attribute("record"), justification: justification, approver: element.attribute("approver") ?? "",
                    approved: element.attribute("approved").flatMap(CalendarDate.init(iso:)), expires: expires, location: location))
        }
        guard problems.isEmpty else { throw .invalid(file: name, diagnostics: problems) }
        return waivers
    }
}
