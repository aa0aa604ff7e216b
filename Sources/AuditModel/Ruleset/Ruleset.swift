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
    /// What the crosswalk entries were taken from (`<crosswalk-source>`), so provisional
    /// entries name the draft they rest on.
    public var crosswalkSources: [CrosswalkSource]
    public var clauses: [Clause]

    public init(
        id: String, version: String, title: String, description: String, file: String, sha256: String,
        standards: [Standard], namespaces: [String: String], parameters: [Parameter],
        evidenceTypes: [EvidenceTypeDeclaration] = [], crosswalkSources: [CrosswalkSource] = [], clauses: [Clause]
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
        self.crosswalkSources = crosswalkSources
        self.clauses = clauses
    }

    /// Every rule, in document order.
    public var rules: [Rule] { clauses.flatMap(\.rules) }

    /// The parameter named `name`, if declared.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// The crosswalk source with id `id`, if declared.
    public func crosswalkSource(_ id: String) -> CrosswalkSource? {
        crosswalkSources.first { $0.id == id }
    }

    /// The editions the clauses are crosswalked to, each with its standard as written and
    /// whether any entry to it is provisional, oldest edition first (in the order they first
    /// appear when two have the same year or none).
    public var crosswalkEditions: [CrosswalkEdition] {
        var editions: [CrosswalkEdition] = []
        for entry in clauses.flatMap(\.crosswalk) {
            if let index = editions.firstIndex(where: { $0.standard == entry.standard }) {
                if entry.status == .provisional { editions[index].isProvisional = true }
                if let source = entry.source, !editions[index].sources.contains(source) { editions[index].sources.append(source) }
            } else {
                editions.append(
                    CrosswalkEdition(
                        standard: entry.standard, edition: entry.edition, isProvisional: entry.status == .provisional,
                        sources: entry.source.map { [$0] } ?? []))
            }
        }
        return editions.enumerated().sorted { lhs, rhs in
            (lhs.element.edition ?? "9999", lhs.offset) < (rhs.element.edition ?? "9999", rhs.offset)
        }.map(\.element)
    }
}

/// One edition a ruleset's clauses are crosswalked to, as listings and reports name it.
public struct CrosswalkEdition: Sendable, Hashable, Codable {
    /// The edition as written in the entries, e.g. `ISO 9001:2026`.
    public var standard: String
    /// Its year, when known.
    public var edition: String?
    /// True when some entry to it is provisional.
    public var isProvisional: Bool
    /// Ids of the crosswalk sources its entries name.
    public var sources: [String]

    public init(standard: String, edition: String?, isProvisional: Bool, sources: [String]) {
        self.standard = standard
        self.edition = edition
        self.isProvisional = isProvisional
        self.sources = sources
    }
}

/// A standard a ruleset's clauses belong to: the edition an audit with the ruleset is against.
public struct Standard: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    /// The edition's year, e.g. `2015`: written in the ruleset (`edition`), or read from the
    /// title (`ISO 9001:2015 …` → `2015`); nil when neither says. Run history marks a break
    /// where it changes, since scores of two editions do not compare.
    public var edition: String?
    /// The amendment the ruleset includes, e.g. `Amd 1:2024`; nil for none.
    public var amendment: String?

    /// - Parameters:
    ///   - edition: The edition's year; nil to read it from the title.
    public init(id: String, title: String, edition: String? = nil, amendment: String? = nil) {
        self.id = id
        self.title = title
        self.edition = edition ?? Self.edition(inTitle: title)
        self.amendment = amendment
    }

    /// The year after the first colon of `ISO 9001:2015 Quality …`; nil when there is none.
    static func edition(inTitle title: String) -> String? {
        guard let colon = title.firstIndex(of: ":") else { return nil }
        let year = title[title.index(after: colon)...].prefix { $0.isNumber }
        return year.count == 4 ? String(year) : nil
    }

    /// `ISO 9001:2015 Quality management systems — Requirements (edition 2015, with Amd 1:2024)`:
    /// the edition audited against, as reports state it.
    public var editionStatement: String {
        let parts = [edition.map { "edition \($0)" }, amendment.map { "with \($0)" }].compactMap { $0 }
        return parts.isEmpty ? title : "\(title) (\(parts.joined(separator: ", ")))"
    }

    /// `iso9001-2015 2015`: what identifies the edition in run history, where a change is a break.
    public var editionKey: String {
        edition.map { "\(id) \($0)" } ?? id
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
