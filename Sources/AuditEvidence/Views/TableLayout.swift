import AuditModel
import Foundation
import LibXML

/// How a table's columns become the fields rules read: the one place where an
/// organization's headers meet a contract.
///
/// A contract field is read from the column the register maps to it
/// (`<map field="resolved" column="Date closed"/>`), else from the column whose header,
/// sanitised as element names are, equals the field's name or one of its aliases.
/// Other columns keep their sanitised header; a repeated name gets `-2`, `-3`….
struct TableLayout {
    struct Column {
        /// The header as the file writes it.
        let label: String
        /// The element name in the view.
        let name: String
        /// The contract field the column holds, if any.
        let field: EvidenceContract.Field?
        /// Reads the values when the column holds a typed contract field.
        let reader: FieldValueReader?
    }

    let columns: [Column]
    /// Contract fields no column holds.
    let missingFields: [EvidenceContract.Field]
    /// Register mappings naming a column the table does not have.
    let unmatchedMappings: [FieldMapping]

    /// - Parameter labels: The header row; an empty label is named after its position (`column-3`).
    init(labels: [String], recordSet: EvidenceContract.RecordSet?, item: EvidenceItem?, isSpreadsheet: Bool) {
        let sanitized = labels.map { XMLName.sanitized($0) }
        var claimed: [Int: EvidenceContract.Field] = [:]
        var missing: [EvidenceContract.Field] = []
        var unmatched: [FieldMapping] = []
        for field in recordSet?.fields ?? [] {
            let mapping = item?.mapping(for: field.name)
            let position: Int?
            if let column = mapping?.column {
                position = Self.position(of: column, in: labels, sanitized: sanitized, excluding: claimed)
                if position == nil, let mapping { unmatched.append(mapping) }
            } else {
                let names = [field.name] + field.aliases.map { XMLName.sanitized($0) }
                position = names.lazy.compactMap { name in
                    sanitized.indices.first { sanitized[$0] == name && claimed[$0] == nil }
                }.first
            }
            if let position {
                claimed[position] = field
            } else {
                missing.append(field)
            }
        }
        var used = Set(claimed.values.map(\.name))
        var columns: [Column] = []
        for (position, label) in labels.enumerated() {
            if let field = claimed[position] {
                let reader = item.map { FieldValueReader(field: field, item: $0, isSpreadsheet: isSpreadsheet) }
                columns.append(Column(label: label, name: field.name, field: field, reader: reader?.isNeeded == true ? reader : nil))
                continue
            }
            let base = label.isEmpty ? "column-\(position + 1)" : sanitized[position]
            var name = base
            var suffix = 2
            while used.contains(name) {
                name = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(name)
            columns.append(Column(label: label, name: name, field: nil, reader: nil))
        }
        self.columns = columns
        missingFields = missing
        unmatchedMappings = unmatched
    }

    /// The column a mapping names: the exact header, else the same header ignoring case, else the same sanitised name.
    private static func position(
        of column: String, in labels: [String], sanitized: [String], excluding claimed: [Int: EvidenceContract.Field]
    ) -> Int? {
        let free = labels.indices.filter { claimed[$0] == nil }
        return free.first { labels[$0] == column }
            ?? free.first { labels[$0].caseInsensitiveCompare(column) == .orderedSame }
            ?? free.first { sanitized[$0] == XMLName.sanitized(column) }
    }

    /// Element names for a header read without a contract.
    static func plainNames(_ labels: [String]) -> [String] {
        TableLayout(labels: labels, recordSet: nil, item: nil, isSpreadsheet: false).columns.map(\.name)
    }

    /// The element name of column `position` (0-based), also past the header's width.
    func name(ofColumn position: Int) -> String {
        position < columns.count ? columns[position].name : "column-\(position + 1)"
    }

    /// The headers as the file writes them, for messages.
    var labels: [String] { columns.map(\.label) }

    /// Headers no contract field was read from: where a missing field may hide.
    var unclaimedLabels: [String] { columns.filter { $0.field == nil && !$0.label.isEmpty }.map(\.label) }
}

/// Writes records of a table into the view, reading typed values through the layout and
/// noting those it cannot read.
struct TableRecordWriter {
    let layout: TableLayout
    let file: String
    /// Path of the element holding the records (`/table`, `/workbook/sheet[2]`).
    let parentPath: String
    private(set) var invalidValues: [InvalidValue] = []
    private(set) var records = 0

    init(layout: TableLayout, file: String, parentPath: String = "/table") {
        self.layout = layout
        self.file = file
        self.parentPath = parentPath
    }

    /// One value of a record.
    struct Cell {
        let column: Int
        let value: String
        var attributes: [(name: String, value: String)] = []
        /// The cell's own locator (`Complaints!K14`), when it has one.
        var locator: String?
    }

    /// Appends `<record …>` with one element per cell.
    mutating func append(
        _ cells: [Cell], attributes: [(name: String, value: String)], line: Int?, locator: String?, into builder: XMLDocumentBuilder
    ) {
        records += 1
        builder.startElement("record", attributes: attributes)
        for cell in cells {
            var value = cell.value
            var attributes = cell.attributes
            if cell.column < layout.columns.count, let reader = layout.columns[cell.column].reader {
                switch reader.read(cell.value) {
                case .unchanged:
                    break
                case let .normalized(normalized):
                    attributes.append(("original", cell.value))
                    value = normalized
                case let .invalid(expected):
                    invalidValues.append(
                        InvalidValue(
                            field: reader.field.name, column: layout.columns[cell.column].label, value: cell.value, expected: expected,
                            recordPath: "\(parentPath)/record[\(records)]", location: SourceLocation(file: file, line: line),
                            nativeLocator: cell.locator ?? locator))
                }
            }
            builder.element(layout.name(ofColumn: cell.column), text: value, attributes: attributes)
        }
        builder.endElement()
    }
}
