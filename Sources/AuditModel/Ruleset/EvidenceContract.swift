/// What a ruleset expects to find in one evidence type: its record sets and their fields.
///
/// Rules read fields by name; a contract names them, with their types and the names
/// organizations' own exports use for them, so that an item is checked before any rule
/// reads it and a missing or unreadable field is an `error`, never a silent pass.
/// A declaration without record sets (ruleset language 1.0) is a description only.
public struct EvidenceContract: Sendable, Hashable, Codable {
    public var recordSets: [RecordSet]

    public init(recordSets: [RecordSet]) {
        self.recordSets = recordSets
    }

    /// The field named `name`, in whichever record set declares it.
    public func field(named name: String) -> Field? {
        recordSets.lazy.compactMap { $0.field(named: name) }.first
    }

    /// Fields any record set marks personal.
    public var personalFields: [Field] {
        recordSets.flatMap(\.fields).filter(\.isPersonal)
    }

    /// Record sets that apply to an item kept in `format`.
    public func recordSets(for format: EvidenceFormat) -> [RecordSet] {
        recordSets.filter { $0.formats.isEmpty || $0.formats.contains(format) }
    }

    /// The one record set of a tabular type kept in `format`: records in a CSV, one sheet
    /// or a JSON array, read as `/table/record` whatever the file format.
    public func table(for format: EvidenceFormat) -> RecordSet? {
        let sets = recordSets(for: format)
        return sets.count == 1 && sets[0].location == .table ? sets[0] : nil
    }

    /// One contract for a type several rulesets declare: record sets in the same place
    /// are joined, their fields merged (required when any declares it required).
    public static func merged(_ contracts: [EvidenceContract]) -> EvidenceContract? {
        guard var merged = contracts.first else { return nil }
        for contract in contracts.dropFirst() {
            for recordSet in contract.recordSets {
                guard let index = merged.recordSets.firstIndex(where: { $0.location == recordSet.location && $0.formats == recordSet.formats }) else {
                    merged.recordSets.append(recordSet)
                    continue
                }
                merged.recordSets[index].minimumRecords = max(merged.recordSets[index].minimumRecords, recordSet.minimumRecords)
                for field in recordSet.fields {
                    if let existing = merged.recordSets[index].fields.firstIndex(where: { $0.name == field.name }) {
                        merged.recordSets[index].fields[existing].isRequired = merged.recordSets[index].fields[existing].isRequired || field.isRequired
                        let aliases = merged.recordSets[index].fields[existing].aliases
                        merged.recordSets[index].fields[existing].aliases += field.aliases.filter { !aliases.contains($0) }
                        merged.recordSets[index].fields[existing].isPersonal = merged.recordSets[index].fields[existing].isPersonal || field.isPersonal
                    } else {
                        merged.recordSets[index].fields.append(field)
                    }
                }
            }
        }
        return merged
    }

    /// Records of one kind in an evidence item.
    public struct RecordSet: Sendable, Hashable, Codable {
        public var location: Location
        /// Formats the set applies to; empty for all.
        public var formats: [EvidenceFormat]
        /// Fewest records an item must hold: an objectives tracker with only its header row is a gap.
        public var minimumRecords: Int
        public var fields: [Field]

        public init(location: Location, formats: [EvidenceFormat] = [], minimumRecords: Int = 1, fields: [Field]) {
            self.location = location
            self.formats = formats
            self.minimumRecords = minimumRecords
            self.fields = fields
        }

        /// The XPath that selects the set's records in an item's XML view.
        public var selectExpression: String {
            switch location {
            case .table: return "/table/record"
            case let .sheet(name): return "/workbook/sheet[@name = \(XPathLiteral.quoted(name))]/record"
            case let .select(expression): return expression
            }
        }

        /// How the set is named in messages.
        public var label: String {
            switch location {
            case .table: return "records"
            case let .sheet(name): return "sheet '\(name)'"
            case let .select(expression): return "records \(expression)"
            }
        }

        /// The set's field named `name`, if it declares one.
        public func field(named name: String) -> Field? {
            fields.first { $0.name == name }
        }
    }

    /// Where a record set's records are in the XML view.
    public enum Location: Sendable, Hashable, Codable {
        /// The rows of a CSV file, of one sheet of a workbook, or the objects of a JSON array: `/table/record`.
        case table
        /// One named sheet of a workbook: `/workbook/sheet[@name]/record`.
        case sheet(String)
        /// Records of an XML (or office) document, by XPath.
        case select(String)
    }

    /// One field of a record.
    public struct Field: Sendable, Hashable, Codable {
        /// The name rules read: an element of the record, or an attribute when `isAttribute`.
        public var name: String
        public var type: FieldType
        public var isRequired: Bool
        public var isAttribute: Bool
        /// For enumerations: the canonical values.
        public var values: [String]
        /// Names organizations' exports use for the field (column headers, JSON keys).
        public var aliases: [String]
        public var description: String
        /// Whether the field names or describes a person (a name, an e-mail address, a phone
        /// number, a free-text comment): evidence packs redact it unless told not to.
        public var isPersonal: Bool

        public init(
            name: String, type: FieldType, isRequired: Bool = false, isAttribute: Bool = false, values: [String] = [],
            aliases: [String] = [], description: String = "", isPersonal: Bool = false
        ) {
            self.name = name
            self.type = type
            self.isRequired = isRequired
            self.isAttribute = isAttribute
            self.values = values
            self.aliases = aliases
            self.description = description
            self.isPersonal = isPersonal
        }

        private enum CodingKeys: String, CodingKey {
            case name, type, isRequired, isAttribute, values, aliases, description, isPersonal
        }

        /// Decodes a field; documents written before `isPersonal` existed read as not personal.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            type = try container.decode(FieldType.self, forKey: .type)
            isRequired = try container.decode(Bool.self, forKey: .isRequired)
            isAttribute = try container.decode(Bool.self, forKey: .isAttribute)
            values = try container.decode([String].self, forKey: .values)
            aliases = try container.decode([String].self, forKey: .aliases)
            description = try container.decode(String.self, forKey: .description)
            isPersonal = try container.decodeIfPresent(Bool.self, forKey: .isPersonal) ?? false
        }
    }
}

/// The type of a contract field: what its values must look like.
public enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
    case text
    case id
    /// A calendar date, `YYYY-MM-DD` in the view whatever the file wrote.
    case date
    /// A date and time, ISO 8601 with its zone.
    case datetime
    case number
    case integer
    /// A number on the 0–100 scale; `85%` is read as 85.
    case percent
    /// One of the field's `values`, matched case-insensitively.
    case `enum`
    /// `true` or `false`.
    case boolean

    /// The form a value must have, as messages show it.
    public var expectedForm: String {
        switch self {
        case .text, .id: return "text"
        case .date: return "a date"
        case .datetime: return "a date and time (ISO 8601, e.g. 2026-11-30T14:05:00Z)"
        case .number: return "a number"
        case .integer: return "a whole number"
        case .percent: return "a percentage (e.g. 85 or 85%)"
        case .enum: return "one of the listed values"
        case .boolean: return "true or false"
        }
    }
}

/// XPath 1.0 string literals.
public enum XPathLiteral {
    /// `text` as an XPath literal: quoted with `'` or `"`, or built with `concat` when it holds both.
    public static func quoted(_ text: String) -> String {
        if !text.contains("'") { return "'\(text)'" }
        if !text.contains("\"") { return "\"\(text)\"" }
        let parts = text.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }
        return "concat(" + parts.joined(separator: ", \"'\", ") + ")"
    }
}
