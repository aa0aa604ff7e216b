import AuditEvidence
public import AuditModel
import CalendarDates
public import Foundation
import LibXML

/// Loads a waiver file and checks it against the loaded rulesets before the run
/// starts: a malformed waiver file, or a waiver for a rule that does not exist, is
/// an error then, not a surprise after the run.
public struct WaiverLoader: Sendable {
    private let input: SchemaValidatedLoader

    /// - Parameter schema: `Rulesets/schema/waivers-1.rng`.
    public init(schema: URL) throws(RulesetError) {
        input = try SchemaValidatedLoader(schema: schema, reportingAs: RulesetError.init)
    }

    public func load(_ url: URL, for rulesets: [Ruleset], displayName: String? = nil) throws(RulesetError) -> [Waiver] {
        let file = try input.load(url, displayName: displayName) { RulesetError($0, document: .waivers) }
        let name = file.name
        var waivers: [Waiver] = []
        var problems: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for element in file.root.childElements where element.localName == "waiver" {
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
        guard problems.isEmpty else { throw .invalid(file: name, diagnostics: problems, document: .waivers) }
        return waivers
    }
}
