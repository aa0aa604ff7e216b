/// A versioned set of clauses and rules, loaded from one XML file.
public struct Ruleset: Sendable, Hashable {
    /// Stable identifier, e.g. `iso9001-2015-customer-improvement`.
    public var id: String
    /// The ruleset's own version (semantic versioning), recorded in every result.
    public var version: String
    public var title: String
    public var description: String
    /// The file it was loaded from.
    public var file: String
    /// SHA-256 of the file's bytes, so results name exactly which rules ran.
    public var sha256: String
    public var standards: [Standard]
    /// Prefix → namespace URI usable in the rules' XPath.
    public var namespaces: [String: String]
    public var parameters: [Parameter]
    /// Evidence types the ruleset documents, with what an auditor expects to find in them.
    public var evidenceTypes: [EvidenceTypeDeclaration]
    public var clauses: [Clause]

    public init(
        id: String, version: String, title: String, description: String, file: String, sha256: String,
        standards: [Standard], namespaces: [String: String], parameters: [Parameter],
        evidenceTypes: [EvidenceTypeDeclaration] = [], clauses: [Clause]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.file = file
        self.sha256 = sha256
        self.standards = standards
        self.namespaces = namespaces
        self.parameters = parameters
        self.evidenceTypes = evidenceTypes
        self.clauses = clauses
    }

    /// Every rule, in document order.
    public var rules: [Rule] { clauses.flatMap(\.rules) }

    /// The parameter named `name`, if declared.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }
}

/// A standard a ruleset's clauses belong to.
public struct Standard: Sendable, Hashable, Codable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// An evidence type a ruleset reads, declared so authors and `lint` know what it means.
public struct EvidenceTypeDeclaration: Sendable, Hashable, Codable {
    public var id: String
    public var description: String
    /// The fields rules read; nil for a declaration that only describes the type.
    public var contract: EvidenceContract?
    public var location: SourceLocation

    public init(id: String, description: String, contract: EvidenceContract? = nil, location: SourceLocation) {
        self.id = id
        self.description = description
        self.contract = contract
        self.location = location
    }
}
