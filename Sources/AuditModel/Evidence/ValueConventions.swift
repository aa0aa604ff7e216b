/// How an organization writes values in one item, or in one of its columns: the
/// register declares it, and the view turns values into the forms contracts name
/// (ISO dates, numbers with a decimal point) before any rule reads them.
public struct ValueConventions: Sendable, Hashable, Codable {
    public var dateFormat: DateFormat?
    /// IANA time zone in which date-times are turned into dates (default UTC).
    public var timeZone: String?
    public var decimalSeparator: Character?
    public var thousandsSeparator: Character?

    public init(dateFormat: DateFormat? = nil, timeZone: String? = nil, decimalSeparator: Character? = nil, thousandsSeparator: Character? = nil) {
        self.dateFormat = dateFormat
        self.timeZone = timeZone
        self.decimalSeparator = decimalSeparator
        self.thousandsSeparator = thousandsSeparator
    }

    /// These conventions, with what `overrides` declares taking precedence.
    public func overridden(by overrides: ValueConventions) -> ValueConventions {
        ValueConventions(
            dateFormat: overrides.dateFormat ?? dateFormat, timeZone: overrides.timeZone ?? timeZone,
            decimalSeparator: overrides.decimalSeparator ?? decimalSeparator,
            thousandsSeparator: overrides.thousandsSeparator ?? thousandsSeparator)
    }

    /// Date layouts the register can declare.
    public enum DateFormat: String, Sendable, Hashable, Codable, CaseIterable {
        case iso = "YYYY-MM-DD"
        case dayMonthYearSlash = "DD/MM/YYYY"
        case monthDayYearSlash = "MM/DD/YYYY"
        case dayMonthYearDot = "DD.MM.YYYY"
        case dayMonthYearDash = "DD-MM-YYYY"
        case yearMonthDaySlash = "YYYY/MM/DD"
        /// Excel's day numbers (1900 system), as a workbook shows a date cell without a date format.
        case excelSerial = "excel-serial"
    }

    // Character is not Codable.
    private enum CodingKeys: String, CodingKey {
        case dateFormat, timeZone, decimalSeparator, thousandsSeparator
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dateFormat = try container.decodeIfPresent(DateFormat.self, forKey: .dateFormat)
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
        decimalSeparator = try container.decodeIfPresent(String.self, forKey: .decimalSeparator)?.first
        thousandsSeparator = try container.decodeIfPresent(String.self, forKey: .thousandsSeparator)?.first
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(dateFormat, forKey: .dateFormat)
        try container.encodeIfPresent(timeZone, forKey: .timeZone)
        try container.encodeIfPresent(decimalSeparator.map(String.init), forKey: .decimalSeparator)
        try container.encodeIfPresent(thousandsSeparator.map(String.init), forKey: .thousandsSeparator)
    }
}

/// The register's mapping of one contract field onto an item's own column or key.
public struct FieldMapping: Sendable, Hashable, Codable {
    /// The contract field.
    public var field: String
    /// The organization's column header or JSON key; nil when only values or conventions are mapped.
    public var column: String?
    /// The organization's own words → contract values (`Closed – resolved` → `closed`).
    public var values: [String: String]
    public var conventions: ValueConventions
    /// Where the mapping is written in the register.
    public var location: SourceLocation

    public init(field: String, column: String?, values: [String: String] = [:], conventions: ValueConventions = ValueConventions(), location: SourceLocation) {
        self.field = field
        self.column = column
        self.values = values
        self.conventions = conventions
        self.location = location
    }
}
