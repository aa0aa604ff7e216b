/// A tailoring of one ruleset: which rules and clauses apply, and parameter values
/// that replace the ruleset's defaults (XCCDF calls this tailoring).
///
/// Deselected rules are reported as `notchecked` with the profile's reason, never
/// dropped: an auditor must see what was left out and why.
public struct Profile: Sendable, Hashable {
    /// One selection step; steps apply in document order, so a clause can be
    /// deselected and one of its rules selected again.
    public struct Selection: Sendable, Hashable {
        public enum Target: Sendable, Hashable {
            case rule(String)
            case clause(String)
        }

        public var target: Target
        public var selected: Bool
        /// Why a rule or clause is left out.
        public var reason: String?
        public var location: SourceLocation

        public init(target: Target, selected: Bool, reason: String?, location: SourceLocation) {
            self.target = target
            self.selected = selected
            self.reason = reason
            self.location = location
        }
    }

    /// A parameter value set by the profile, as written.
    public struct ParameterSetting: Sendable, Hashable {
        public var name: String
        public var value: String
        public var location: SourceLocation

        public init(name: String, value: String, location: SourceLocation) {
            self.name = name
            self.value = value
            self.location = location
        }
    }

    public var id: String
    public var version: String
    public var title: String
    public var description: String
    /// What the profile's values rest on (`<reference>`), e.g. the regulator's rule that sets a
    /// time limit, so an auditor reading a report can check each value at its source.
    public var references: [String]
    /// Id of the ruleset this profile tailors.
    public var rulesetId: String
    public var file: String
    public var sha256: String
    public var selections: [Selection]
    public var settings: [ParameterSetting]
    /// Active minor findings against one clause that make its verdict a major
    /// nonconformity, as systemic; nil leaves verdicts as the findings' grades give them.
    public var systemicMinorFindings: Int?

    public init(
        id: String, version: String, title: String, description: String, rulesetId: String, file: String, sha256: String,
        selections: [Selection], settings: [ParameterSetting], systemicMinorFindings: Int? = nil, references: [String] = []
    ) {
        self.systemicMinorFindings = systemicMinorFindings
        self.references = references
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.rulesetId = rulesetId
        self.file = file
        self.sha256 = sha256
        self.selections = selections
        self.settings = settings
    }

    /// Why `rule` (in `clause`) is deselected, or nil when the profile keeps it.
    public func deselectionReason(rule: String, clause: String) -> String? {
        var reason: String?
        for selection in selections {
            let matches: Bool
            switch selection.target {
            case let .rule(id): matches = id == rule
            case let .clause(number): matches = number == clause || clause.hasPrefix(number + ".")
            }
            guard matches else { continue }
            reason = selection.selected ? nil : (selection.reason ?? "deselected")
        }
        return reason
    }
}
