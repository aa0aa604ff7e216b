public import AuditModel

/// How an item measures up to its evidence type's contract, found before any rule reads it.
public struct ContractConformance: Sendable, Hashable {
    /// Required fields the item does not hold: rules reading the item cannot be judged.
    public var missingFields: [MissingField] = []
    /// Record sets holding fewer records than the contract expects: rules reading the item fail.
    public var shortfalls: [Shortfall] = []
    /// Values that do not read as their field's type.
    public var invalidValues: [InvalidValue] = []
    /// Problems that do not stop rules: unused mappings, ragged rows.
    public var warnings: [Diagnostic] = []
    /// Record sets that could not be read at all (their XPath failed on the item).
    public var unreadableRecordSets: [String] = []
    /// Headers of a table's columns that no contract field was read from, as the file
    /// writes them: where a field the file names otherwise may be (`evidence init`).
    public var unclaimedColumns: [String] = []
    /// Records the item holds in its contract's record sets; nil without a contract.
    public var recordsHeld: Int?

    public init() {}

    /// The `error` statement for rules reading the item, when required fields are missing.
    public var errorStatement: String? {
        let problems = unreadableRecordSets + missingFields.map(\.description)
        return problems.isEmpty ? nil : problems.joined(separator: " ")
    }

    /// A required field that an item does not hold.
    public struct MissingField: Sendable, Hashable, CustomStringConvertible {
        public var itemId: String
        public var field: String
        /// The record set (`records`, `sheet 'Objectives'`).
        public var recordSet: String
        /// The columns, keys or names the item does have.
        public var found: [String]
        /// The closest of them to the field's name and aliases, if any is close.
        public var closest: String?
        /// The register line that would map it, when a column can be mapped.
        public var suggestedMapping: String?
        /// The column the register maps to the field, when the file does not have it.
        public var mappedColumn: String?
        /// Where to add it.
        public var registerLocation: SourceLocation

        /// What is missing and how to map it, as an error result and a diagnostic say it.
        public var description: String {
            var text = "item \(itemId): required field '\(field)' is missing from its \(recordSet)"
            if let mappedColumn { text += ": the register maps it to column '\(mappedColumn)', which the file does not have" }
            text += found.isEmpty ? "." : " (found: \(found.prefix(30).map { "'\($0)'" }.joined(separator: ", "))\(found.count > 30 ? ", …" : ""))."
            if let closest { text += " Closest: '\(closest)'." }
            if let suggestedMapping, mappedColumn != nil {
                text += " Correct the <map> at \(registerLocation)\(closest == nil ? "" : ", e.g. to \(suggestedMapping)")."
            } else if let suggestedMapping {
                text += " If a column holds it under another name, add \(suggestedMapping) inside the item at \(registerLocation)."
            } else {
                text += " Add it to the file, or correct the register (\(registerLocation))."
            }
            return text
        }
    }

    /// A record set with fewer records than its contract's minimum.
    public struct Shortfall: Sendable, Hashable {
        public var itemId: String
        public var recordSet: String
        public var found: Int
        public var minimum: Int
        /// Why none were found, when it is not just an empty table (a missing sheet).
        public var detail: String?

        /// The statement of the finding every rule reading the item gives: a gap, not a pass.
        public var statement: String {
            var text = "No records: item \(itemId) holds \(found == 0 ? "no" : String(found)) record\(found == 1 ? "" : "s")"
            if recordSet != "records" { text += " in its \(recordSet)" }
            text += ", and its evidence type expects at least \(minimum)"
            if let detail { text += " (\(detail))" }
            return text + "; evidence with nothing in it is a gap, not a pass."
        }
    }
}

/// A value that does not read as its contract field's type.
public struct InvalidValue: Sendable, Hashable {
    public var field: String
    /// The column header, key or element as the file names it.
    public var column: String
    public var value: String
    /// The form expected, with the register setting that would read it when one would.
    public var expected: String
    /// XPath of the record in the view, so rules can name it by its key.
    public var recordPath: String
    public var location: SourceLocation
    /// Cell reference, record number or JSON Pointer.
    public var nativeLocator: String?

    public init(
        field: String, column: String, value: String, expected: String, recordPath: String, location: SourceLocation, nativeLocator: String?
    ) {
        self.field = field
        self.column = column
        self.value = value
        self.expected = expected
        self.recordPath = recordPath
        self.location = location
        self.nativeLocator = nativeLocator
    }

    /// What is wrong, in words.
    public var statement: String {
        statement(alsoIn: 0)
    }

    /// What is wrong, in words, for a value that `others` more records hold too.
    public func statement(alsoIn others: Int) -> String {
        let repeats = others > 0 ? " (and \(others) more \(others == 1 ? "record" : "records"))" : ""
        return "\(column) holds '\(value)'\(repeats), which is not \(expected)"
    }
}
