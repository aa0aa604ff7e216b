import AuditEvidence
public import AuditModel
public import Foundation
import LibXML

/// Loads profile (tailoring) files and checks them against the ruleset they tailor:
/// every rule, clause and parameter they name must exist, and every value must fit
/// the parameter's type. Problems are `RulesetError`s with file, line and column.
public struct ProfileLoader: Sendable {
    /// The profile language's namespace.
    public static let namespace = "urn:cxaudit:profile:1"

    private let input: SchemaValidatedLoader

    /// - Parameter schema: `Rulesets/schema/profile-1.rng`.
    public init(schema: URL) throws(RulesetError) {
        input = try SchemaValidatedLoader(schema: schema, reportingAs: RulesetError.init)
    }

    /// Loads a profile and checks it against the rulesets it may tailor.
    ///
    /// - Parameters:
    ///   - url: The profile file.
    ///   - rulesets: The loaded rulesets; the profile's `ruleset` must be one of them.
    ///   - displayName: How the file is named in messages.
    public func load(_ url: URL, for rulesets: [Ruleset], displayName: String? = nil) throws(RulesetError) -> Profile {
        let file = try input.load(url, displayName: displayName, kind: "profile") { RulesetError($0, document: .profile) }
        let name = file.name
        let root = file.root
        func location(_ node: XMLNode) -> SourceLocation {
            SourceLocation(file: name, line: node.line, column: node.column)
        }
        var selections: [Profile.Selection] = []
        var settings: [Profile.ParameterSetting] = []
        var systemicMinorFindings: Int?
        for element in root.childElements {
            switch element.localName {
            case "systemic":
                systemicMinorFindings = element.attribute("minor-findings").flatMap(Int.init)
            case "select", "deselect":
                let target: Profile.Selection.Target =
                    element.attribute("rule").map { .rule($0) } ?? .clause(element.attribute("clause") ?? "")
                selections.append(
                    Profile.Selection(
                        target: target, selected: element.localName == "select", reason: element.attribute("reason"),
                        location: location(element)))
            case "set":
                settings.append(
                    Profile.ParameterSetting(
                        name: element.attribute("parameter") ?? "", value: element.attribute("value") ?? "",
                        location: location(element)))
            default:
                break
            }
        }
        let text = { (child: String) in
            root.childElements.first { $0.localName == child }?.stringValue
                .split(whereSeparator: \.isWhitespace).joined(separator: " ") ?? ""
        }
        let profile = Profile(
            id: root.attribute("id") ?? "", version: root.attribute("version") ?? "", title: text("title"),
            description: text("description"), rulesetId: root.attribute("ruleset") ?? "", file: name,
            sha256: SHA256Digest.hex(of: file.data), selections: selections, settings: settings,
            systemicMinorFindings: systemicMinorFindings,
            references: root.childElements.filter { $0.localName == "reference" }.map {
                $0.stringValue.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            })
        guard let ruleset = rulesets.first(where: { $0.id == profile.rulesetId }) else {
            throw .invalid(
                file: name,
                diagnostics: [
                    Diagnostic(
                        location: location(root),
                        message: "profile '\(profile.id)' tailors ruleset '\(profile.rulesetId)', which is not loaded (loaded: \(rulesets.map(\.id).joined(separator: ", "))); pass it with --ruleset")
                ], document: .profile)
        }
        let problems = Self.problems(of: profile, against: ruleset)
        guard problems.isEmpty else { throw .invalid(file: name, diagnostics: problems, document: .profile) }
        return profile
    }

    static func problems(of profile: Profile, against ruleset: Ruleset) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let ruleIds = Set(ruleset.rules.map(\.id))
        let clauseNumbers = Set(ruleset.clauses.map(\.number))
        for selection in profile.selections {
            switch selection.target {
            case let .rule(id) where !ruleIds.contains(id):
                problems.append(Diagnostic(location: selection.location, message: "ruleset \(ruleset.id) has no rule '\(id)'"))
            case let .clause(number) where !clauseNumbers.contains(where: { $0 == number || $0.hasPrefix(number + ".") }):
                problems.append(Diagnostic(location: selection.location, message: "ruleset \(ruleset.id) has no clause '\(number)'"))
            default:
                break
            }
        }
        var seen = Set<String>()
        for setting in profile.settings {
            guard let parameter = ruleset.parameter(named: setting.name) else {
                problems.append(
                    Diagnostic(location: setting.location, message: "ruleset \(ruleset.id) has no parameter '\(setting.name)'"))
                continue
            }
            if !seen.insert(setting.name).inserted {
                problems.append(Diagnostic(location: setting.location, message: "parameter '\(setting.name)' is set twice"))
            }
            if parameter.type.parse(setting.value) == nil {
                problems.append(
                    Diagnostic(
                        location: setting.location,
                        message: "'\(setting.value)' is not a valid \(parameter.type.rawValue) for parameter '\(setting.name)'\(RulesetReader.example(for: parameter.type))"))
            }
        }
        return problems
    }
}
