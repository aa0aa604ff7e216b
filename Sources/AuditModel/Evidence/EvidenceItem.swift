public import CalendarDates

/// One entry of the evidence register: a file the organization keeps as evidence.
public struct EvidenceItem: Sendable, Hashable, Identifiable {
    public var id: String
    /// The kind of evidence (`complaints-log`, `satisfaction-survey`); rules select items by it.
    public var type: String
    /// Path relative to the evidence folder.
    public var file: String
    public var format: EvidenceFormat
    /// The date the evidence is as of (a survey's close date, a review's meeting date).
    public var date: CalendarDate?
    /// The period it covers, when it covers one.
    public var periodStart: CalendarDate?
    public var periodEnd: CalendarDate?
    public var owner: String?
    public var process: String?
    public var site: String?
    public var title: String?
    /// CSV field delimiter (default `,`).
    public var delimiter: String?
    /// For spreadsheets: the only sheet to read (default: every sheet).
    public var sheet: String?
    /// For JSON: the JSON Pointer of the array whose objects are the records of a tabular type.
    public var recordsPointer: String?
    /// How the item writes dates and numbers.
    public var conventions: ValueConventions
    /// The item's own columns or keys mapped onto contract fields.
    public var mappings: [FieldMapping]
    /// Columns (or JSON keys, XML names) the organization marks personal in the register
    /// (`<personal column="Patient"/>`), beyond the fields the contract marks.
    public var personalColumns: [String] = []
    /// Where the item is declared in the register.
    public var location: SourceLocation

    public init(
        id: String, type: String, file: String, format: EvidenceFormat, date: CalendarDate?, periodStart: CalendarDate?,
        periodEnd: CalendarDate?, owner: String?, process: String?, site: String?, title: String?, delimiter: String?,
        sheet: String? = nil, recordsPointer: String? = nil, conventions: ValueConventions = ValueConventions(),
        mappings: [FieldMapping] = [], location: SourceLocation
    ) {
        self.id = id
        self.type = type
        self.file = file
        self.format = format
        self.date = date
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.owner = owner
        self.process = process
        self.site = site
        self.title = title
        self.delimiter = delimiter
        self.sheet = sheet
        self.recordsPointer = recordsPointer
        self.conventions = conventions
        self.mappings = mappings
        self.location = location
    }

    /// The date used for freshness and look-back windows: the item's date, else the end of its period.
    public var effectiveDate: CalendarDate? {
        date ?? periodEnd
    }

    /// The register's mapping for a contract field, if it declares one.
    public func mapping(for field: String) -> FieldMapping? {
        mappings.first { $0.field == field }
    }
}
