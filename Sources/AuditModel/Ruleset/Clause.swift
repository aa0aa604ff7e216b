/// A clause of a standard, in cxaudit's own words, with the rules that test it.
public struct Clause: Sendable, Hashable {
    /// Clause number, e.g. `9.1.2`.
    public var number: String
    public var title: String
    /// Id of the `Standard` the clause belongs to.
    public var standard: String?
    /// Our paraphrase of the clause's intent (never the standard's wording).
    public var intent: String
    /// Corresponding clauses in other editions or standards.
    public var crosswalk: [Crosswalk]
    /// Why the clause has no rule, when it deliberately has none.
    public var notCoveredReason: String?
    public var rules: [Rule]
    public var location: SourceLocation

    public init(
        number: String, title: String, standard: String?, intent: String, crosswalk: [Crosswalk],
        notCoveredReason: String?, rules: [Rule], location: SourceLocation
    ) {
        self.number = number
        self.title = title
        self.standard = standard
        self.intent = intent
        self.crosswalk = crosswalk
        self.notCoveredReason = notCoveredReason
        self.rules = rules
        self.location = location
    }

    /// The crosswalk entries to `edition` (a year such as `2026`, or a full label such as
    /// `ISO 9001:2026`), so a listing can show a clause's number in the edition a reader works to.
    public func crosswalk(toEdition edition: String) -> [Crosswalk] {
        crosswalk.filter { $0.matches(edition: edition) }
    }
}

/// Whether a crosswalk entry rests on a published text or on a draft.
///
/// Certification bodies audit against published editions only; an entry made from a draft
/// (a DIS or FDIS) is a forecast, shown as such in every report until it is checked
/// against the published text and its status changed in the ruleset.
public enum CrosswalkStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Taken from the published edition (or its official correlation tables).
    case published
    /// Taken from a draft (DIS, FDIS) or from public summaries of one; to be checked on publication.
    case provisional
}

/// A pointer from a clause to the matching clauses of another edition or standard.
///
/// Written `<crosswalk standard="ISO 9001:2008" clauses="7.2.3"/>` (the first form, still read
/// as is) or with its edition, status and source:
/// `<crosswalk standard="ISO 9001:2026" edition="2026" status="provisional" source="iso9001-2026-draft" clauses="6.1.2 6.1.3"/>`.
public struct Crosswalk: Sendable, Hashable, Codable {
    /// The other edition, e.g. `ISO 9001:2008`.
    public var standard: String
    /// Its clause numbers, e.g. `["7.2.3", "8.2.1"]`.
    public var clauses: [String]
    /// The edition's year, e.g. `2026`: written in the ruleset, or read from `standard`
    /// (`ISO 9001:2008` → `2008`); nil when neither says.
    public var edition: String?
    /// Published, or provisional when taken from a draft.
    public var status: CrosswalkStatus
    /// Id of the ruleset's `<crosswalk-source>` the entry was taken from; required for a provisional entry.
    public var source: String?
    /// Why the entry is as it is, e.g. that it names the parent clause because the draft's
    /// sub-clause could not be confirmed.
    public var note: String?
    /// Where the entry is written in its ruleset; not part of results.
    public var location: SourceLocation?

    /// - Parameters:
    ///   - edition: The edition's year; nil to read it from `standard`.
    public init(
        standard: String, clauses: [String], edition: String? = nil, status: CrosswalkStatus = .published, source: String? = nil,
        note: String? = nil, location: SourceLocation? = nil
    ) {
        self.standard = standard
        self.clauses = clauses
        self.edition = edition ?? Self.edition(of: standard)
        self.status = status
        self.source = source
        self.note = note
        self.location = location
    }

    /// The year of an edition named the ISO way, `ISO 9001:2015` → `2015`; nil when the name has none.
    public static func edition(of standard: String) -> String? {
        guard let colon = standard.lastIndex(of: ":") else { return nil }
        let year = standard[standard.index(after: colon)...].prefix { $0.isNumber }
        return year.count == 4 ? String(year) : nil
    }

    /// True when the entry is to `edition`: its year (`2026`) or its standard as written (`ISO 9001:2026`).
    public func matches(edition wanted: String) -> Bool {
        let wanted = wanted.trimmingWhitespace
        return edition == wanted || standard.equalsIgnoringCase(wanted)
    }

    /// `ISO 9001:2026 6.1.2, 6.1.3 (provisional)`: the entry as one line of a report.
    public var summary: String {
        "\(standard) \(clauses.joined(separator: ", "))" + (status == .provisional ? " (provisional)" : "")
    }

    enum CodingKeys: String, CodingKey {
        case standard, clauses, edition, status, source, note
    }

    /// Entries are equal when they say the same; where they are written does not matter.
    public static func == (lhs: Crosswalk, rhs: Crosswalk) -> Bool {
        (lhs.standard, lhs.clauses, lhs.edition, lhs.status, lhs.source, lhs.note)
            == (rhs.standard, rhs.clauses, rhs.edition, rhs.status, rhs.source, rhs.note)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(standard)
        hasher.combine(clauses)
        hasher.combine(edition)
        hasher.combine(status)
        hasher.combine(source)
        hasher.combine(note)
    }

    /// Reads results written before entries had an edition and a status: those were published editions.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = try container.decode(String.self, forKey: .standard)
        self.init(
            standard: standard, clauses: try container.decode([String].self, forKey: .clauses),
            edition: try container.decodeIfPresent(String.self, forKey: .edition),
            status: try container.decodeIfPresent(CrosswalkStatus.self, forKey: .status) ?? .published,
            source: try container.decodeIfPresent(String.self, forKey: .source), note: try container.decodeIfPresent(String.self, forKey: .note))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(standard, forKey: .standard)
        try container.encode(clauses, forKey: .clauses)
        try container.encodeIfPresent(edition, forKey: .edition)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encodeIfPresent(note, forKey: .note)
    }
}

/// Where a ruleset's crosswalk entries were taken from, named once in the ruleset
/// (`<crosswalk-source id="…">`) so every provisional entry says what it rests on and a
/// reader knows what to check when the edition is published.
public struct CrosswalkSource: Sendable, Hashable, Codable {
    /// The id crosswalk entries name in `source`.
    public var id: String
    /// Published, or provisional for a draft or public summaries of one.
    public var status: CrosswalkStatus
    /// The source in words: the document, its date, and how it is to be checked.
    public var description: String
    /// Where it is declared; not part of results.
    public var location: SourceLocation?

    public init(id: String, status: CrosswalkStatus, description: String, location: SourceLocation? = nil) {
        self.id = id
        self.status = status
        self.description = description
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case id, status, description
    }

    /// Sources are equal when they say the same; where they are written does not matter.
    public static func == (lhs: CrosswalkSource, rhs: CrosswalkSource) -> Bool {
        (lhs.id, lhs.status, lhs.description) == (rhs.id, rhs.status, rhs.description)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(status)
        hasher.combine(description)
    }
}

extension StringProtocol {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    fileprivate func equalsIgnoringCase(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
