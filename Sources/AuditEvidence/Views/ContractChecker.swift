public import AuditModel
import CalendarDates
import Foundation
import LibXML

/// Checks an item's view against its evidence type's contract: required fields present,
/// enough records, values readable as their types.
///
/// Tables (CSV, a sheet, a JSON array) are checked while their view is built, through
/// `TableLayout`; record sets of documents are checked here on the finished view.
struct ContractChecker {
    let item: EvidenceItem
    let contract: EvidenceContract

    /// Checks the record sets the adapter did not: XPath-selected records, and any record
    /// set whose shape the item's format cannot hold.
    func checkDocumentRecordSets(_ view: inout EvidenceDocument) {
        checkMappings(&view.conformance)
        let table = contract.table(for: item.format)
        for recordSet in contract.recordSets(for: item.format) {
            switch (recordSet.location, item.format) {
            case (.table, _) where recordSet == table:
                continue  // laid out and checked by the adapter
            case (.sheet, .xlsx), (.sheet, .ods):
                continue  // checked by the spreadsheet view
            case (.sheet(let name), _):
                view.conformance.shortfalls.append(
                    ContractConformance.Shortfall(
                        itemId: item.id, recordSet: recordSet.label, found: 0, minimum: max(recordSet.minimumRecords, 1),
                        detail: "a \(item.format.rawValue.uppercased()) file has no sheets; this evidence type is a workbook with a sheet '\(name)'"))
            case (.table, _), (.select, _):
                check(recordSet, in: &view)
            }
        }
    }

    /// A `<map>` for a field the contract lacks maps nothing: most likely a misspelt field.
    func checkMappings(_ conformance: inout ContractConformance) {
        let fields = contract.recordSets.flatMap(\.fields).map(\.name)
        for mapping in item.mappings where contract.field(named: mapping.field) == nil {
            let suggestion = NameSuggestion.closest(to: [mapping.field], among: fields).map { "; did you mean '\($0)'?" } ?? "; its fields are \(fields.joined(separator: ", "))"
            conformance.warnings.append(
                Diagnostic(
                    severity: .warning, location: mapping.location,
                    message: "item \(item.id): <map field=\"\(mapping.field)\"> names no field of evidence type '\(item.type)', so it maps nothing\(suggestion)"))
        }
    }

    private func check(_ recordSet: EvidenceContract.RecordSet, in view: inout EvidenceDocument) {
        let context = XPathContext(document: view.document, environment: XPathEnvironment(asOf: CalendarDate(daysSinceEpoch: 0)))
        let records: [XMLNode]
        do {
            records = try context.evaluate(recordSet.selectExpression).nodes
        } catch {
            view.conformance.unreadableRecordSets.append(
                "item \(item.id): the contract's \(recordSet.label) cannot be selected in \(item.file): \(error.localizedDescription); correct the ruleset's <records select>.")
            return
        }
        view.conformance.recordsHeld = (view.conformance.recordsHeld ?? 0) + records.count
        if records.count < recordSet.minimumRecords {
            view.conformance.shortfalls.append(
                ContractConformance.Shortfall(
                    itemId: item.id, recordSet: recordSet.label, found: records.count, minimum: recordSet.minimumRecords,
                    detail: records.isEmpty ? "nothing matches \(recordSet.selectExpression)" : nil))
        }
        guard !records.isEmpty else { return }
        var found = Set<String>()
        for field in recordSet.fields {
            let reader = FieldValueReader(field: field, item: item, isSpreadsheet: false)
            var present = false
            for record in records {
                let value: String?
                if field.isAttribute {
                    value = record.attribute(field.name)
                } else {
                    value = record.childElements.first { $0.localName == field.name }?.stringValue
                }
                guard let value else { continue }
                present = true
                guard reader.isNeeded else { continue }
                let expected: String
                switch reader.read(value) {
                case .unchanged:
                    continue
                case .normalized where field.type == .datetime:
                    continue  // the same instant, written another ISO 8601 way
                case let .normalized(canonical):
                    // Documents are read as written: rules would see this value, not its contract form.
                    expected = "written '\(canonical)' (values in XML and office documents are read as written; conventions and value maps apply to tables)"
                case let .invalid(form):
                    expected = form
                }
                view.conformance.invalidValues.append(
                    InvalidValue(
                        field: field.name, column: field.isAttribute ? "@\(field.name)" : field.name, value: value, expected: expected,
                        recordPath: record.path, location: SourceLocation(file: item.file, line: record.line > 0 ? record.line : nil),
                        nativeLocator: view.origin(of: record).nativeLocator))
            }
            if present { found.insert(field.isAttribute ? "@\(field.name)" : field.name) }
            if !present && field.isRequired {
                let names = Set(records.flatMap { record in record.childElements.map(\.localName) + record.attributes.map { "@\($0.name)" } })
                let candidates = names.sorted()
                view.conformance.missingFields.append(
                    ContractConformance.MissingField(
                        itemId: item.id, field: field.name, recordSet: recordSet.label, found: candidates,
                        closest: NameSuggestion.closest(to: [field.name] + field.aliases, among: candidates), suggestedMapping: nil,
                        mappedColumn: nil, registerLocation: item.location))
            }
        }
    }
}

extension ContractConformance {
    /// Records what building a table's view found: fields missing, too few records, unreadable values.
    mutating func record(layout: TableLayout, writer: TableRecordWriter, recordSet: EvidenceContract.RecordSet, item: EvidenceItem) {
        let labels = layout.labels.filter { !$0.isEmpty }
        for field in layout.missingFields {
            let mapping = item.mapping(for: field.name)
            if let mapping, let column = mapping.column, !field.isRequired {
                warnings.append(
                    Diagnostic(
                        severity: .warning, location: mapping.location,
                        message: "item \(item.id): field '\(field.name)' is mapped to column '\(column)', which \(item.file) does not have (columns: \(labels.joined(separator: ", ")))"))
            }
            guard field.isRequired else { continue }
            // Among the columns no other field was read from, looser than a typo: a header
            // is often a different wording ("Date closed" for resolved).
            let closest = NameSuggestion.closest(to: [field.name] + field.aliases, among: layout.unclaimedLabels, tolerance: 2)
            missingFields.append(
                MissingField(
                    itemId: item.id, field: field.name, recordSet: recordSet.label, found: labels, closest: closest,
                    suggestedMapping: "<map field=\"\(field.name)\" column=\"\(closest ?? "…")\"/>",
                    mappedColumn: mapping?.column, registerLocation: mapping?.location ?? item.location))
        }
        unclaimedColumns += layout.unclaimedLabels
        recordsHeld = (recordsHeld ?? 0) + writer.records
        if writer.records < recordSet.minimumRecords {
            shortfalls.append(
                Shortfall(itemId: item.id, recordSet: recordSet.label, found: writer.records, minimum: recordSet.minimumRecords, detail: nil))
        }
        invalidValues += writer.invalidValues
    }

    /// Data-quality warnings for unreadable values: the first 20, then how many more.
    public var dataQualityDiagnostics: [Diagnostic] {
        // One warning per word that cannot be read, at its first record: a status word an
        // export uses in 300 records is one thing to map, not 300.
        var groups: [(first: InvalidValue, count: Int)] = []
        var groupIndex: [String: Int] = [:]
        for value in invalidValues {
            let key = "\(value.field)\u{0}\(value.column)\u{0}\(value.value)"
            if let index = groupIndex[key] {
                groups[index].count += 1
            } else {
                groupIndex[key] = groups.count
                groups.append((value, 1))
            }
        }
        var diagnostics = groups.prefix(20).map { group in
            Diagnostic(
                severity: .warning, location: group.first.location,
                message: "\(group.first.nativeLocator.map { "\($0): " } ?? "")\(group.first.statement(alsoIn: group.count - 1))")
        }
        if groups.count > 20, let first = invalidValues.first {
            let rest = groups.dropFirst(20).reduce(0) { $0 + $1.count }
            diagnostics.append(
                Diagnostic(
                    severity: .warning, location: SourceLocation(file: first.location.file),
                    message: "\(rest) more \(rest == 1 ? "value" : "values") in this file cannot be read as their fields' types"))
        }
        return diagnostics
    }
}
