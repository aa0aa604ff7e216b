import AuditModel
import Foundation
import LibXML

/// JSON evidence becomes an XML view rooted at `<json>`:
///
/// - an object member becomes an element named after its key (sanitised by
///   `XMLName.sanitized`; the original key is kept in `@key` when it differs);
/// - an array becomes one element per entry, each named after the array's key
///   (`"complaints": [{…}, {…}]` → two `<complaints>` elements; top-level or nested
///   arrays use `<item>`), so `//complaints` selects the records;
/// - strings, numbers and booleans become text; `null` becomes an empty element with `@null="true"`;
/// - objects and array entries carry `@line` (the line where the value starts) and
///   `@pointer` (its RFC 6901 JSON Pointer), so findings point into the file.
///
/// Parsing is Foundation's `JSONSerialization`; member order and lines come from
/// `JSONPositionIndex`. Nesting deeper than `maxDepth` is refused, and so is a file of
/// more values than its `ViewMemoryBudget` allows (each becomes an element of the view,
/// about 700 bytes of memory in all, so `[0,0,0,…]` would otherwise grow 350-fold in memory).
struct JSONEvidenceAdapter: EvidenceAdapter {
    static let maxDepth = 200

    func document(
        from data: Data, item: EvidenceItem, contract: EvidenceContract?, options: EvidenceReadOptions
    ) throws(EvidenceError) -> EvidenceDocument {
        let text = try TextDecoding.decode(data, item: item)
        let utf8 = [UInt8](text.utf8)
        guard utf8.contains(where: { !JSONPositionIndex.isWhitespace($0) }) else {
            throw TextDecoding.invalid(item, "the JSON file is empty; it needs a value, such as an object {…} or an array […]", line: 1)
        }
        let allowance = options.budget.allowance(.jsonValue, inputBytes: data.count)
        if let line = JSONPositionIndex.lineExceeding(values: allowance.units, in: utf8) {
            throw TextDecoding.invalid(
                item,
                "the file holds more than \(allowance.units) JSON values\(allowance.reason); this is refused as a memory guard. \(allowance.advice)",
                line: line)
        }
        let index: JSONPositionIndex
        do throws(JSONPositionIndex.ScanError) {
            index = try JSONPositionIndex(utf8, maxDepth: Self.maxDepth)
        } catch {
            throw TextDecoding.invalid(item, error.message, line: error.line)
        }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(utf8), options: [.fragmentsAllowed])
        } catch {
            let nsError = error as NSError
            let detail = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
            // Foundation quotes the offending text whole (a million-digit number, say): keep the message readable.
            let shown = detail.count > 200 ? String(detail.prefix(200)) + "…" : detail
            let line = JSONPositionIndex.line(ofOffsetIn: detail, in: utf8) ?? index.errorLine
            throw TextDecoding.invalid(item, "not valid JSON: \(shown)", line: line)
        }
        if let line = index.escapedNULLine {
            throw TextDecoding.invalid(
                item, "a string holds \\u0000, a NUL character, which the XML view of the file cannot hold; remove it where the file is exported",
                line: line)
        }
        if let table = contract?.table(for: item.format) {
            return try tableView(value, recordSet: table, item: item, index: index)
        }
        let builder = XMLDocumentBuilder(file: item.file)
        builder.startElement("json", attributes: [("line", "1"), ("pointer", "")])
        append(value, name: nil, pointer: "", into: builder, index: index)
        builder.endElement()
        return EvidenceDocument(document: builder.finish(), format: .json, warnings: [])
    }

    /// A tabular evidence type kept as a JSON array of objects (a help desk's export) reads
    /// as a CSV file does: `/table/record`, one record per object, one field per member
    /// (members of nested objects as `parent.child`, arrays of scalars joined with `; `).
    private func tableView(_ value: Any, recordSet: EvidenceContract.RecordSet, item: EvidenceItem, index: JSONPositionIndex) throws(EvidenceError) -> EvidenceDocument {
        let (array, pointer) = try Self.recordArray(in: value, item: item)
        var rows: [(pointer: String, members: [(key: String, value: String, pointer: String)])] = []
        var labels: [String] = []
        var seen = Set<String>()
        for (position, entry) in array.enumerated() {
            let entryPointer = pointer + "/\(position)"
            guard let object = entry as? [String: Any] else {
                throw TextDecoding.invalid(
                    item, "entry \(entryPointer) of the records array is not an object; each record must be an object {…} of fields",
                    line: index.line(of: entryPointer))
            }
            var members: [(key: String, value: String, pointer: String)] = []
            flatten(object, prefix: "", pointer: entryPointer, index: index, into: &members)
            for member in members where seen.insert(member.key).inserted { labels.append(member.key) }
            rows.append((entryPointer, members))
        }
        let layout = TableLayout(labels: labels, recordSet: recordSet, item: item, isSpreadsheet: false)
        let columnOf = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var writer = TableRecordWriter(layout: layout, file: item.file)
        let builder = XMLDocumentBuilder(file: item.file)
        builder.startElement("table", attributes: [("pointer", pointer)])
        for row in rows {
            let line = index.line(of: row.pointer)
            var attributes: [(name: String, value: String)] = []
            if let line { attributes.append(("line", String(line))) }
            attributes.append(("pointer", row.pointer))
            writer.append(
                row.members.compactMap { member in
                    columnOf[member.key].map { TableRecordWriter.Cell(column: $0, value: member.value, locator: member.pointer) }
                },
                attributes: attributes, line: line, locator: row.pointer, into: builder)
        }
        builder.endElement()
        var conformance = ContractConformance()
        conformance.record(layout: layout, writer: writer, recordSet: recordSet, item: item)
        return EvidenceDocument(document: builder.finish(), format: .json, warnings: [], conformance: conformance)
    }

    /// The array of records: at the register's `records` pointer, else the root array, else
    /// the root object's only array of objects.
    static func recordArray(in value: Any, item: EvidenceItem) throws(EvidenceError) -> ([Any], String) {
        if let pointer = item.recordsPointer {
            var current: Any? = value
            for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
                let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                if let object = current as? [String: Any] {
                    current = object[key]
                } else if let array = current as? [Any], let position = Int(key), array.indices.contains(position) {
                    current = array[position]
                } else {
                    current = nil
                }
            }
            guard let array = current as? [Any] else {
                throw TextDecoding.invalid(
                    item, "the register's records=\"\(pointer)\" does not point at an array in this file; give the JSON Pointer of the array of records")
            }
            return (array, pointer)
        }
        if let array = value as? [Any] { return (array, "") }
        if let object = value as? [String: Any] {
            let arrays = object.filter { ($0.value as? [Any])?.first is [String: Any] }
            if arrays.count == 1, let (key, array) = arrays.first, let records = array as? [Any] {
                return (records, "/" + JSONPositionIndex.escape(key))
            }
        }
        throw TextDecoding.invalid(
            item, "this evidence type is a table of records, but the file has no single array of objects to read them from; name it with records=\"/path/to/array\" on the register's item")
    }

    private func flatten(
        _ object: [String: Any], prefix: String, pointer: String, index: JSONPositionIndex, into members: inout [(key: String, value: String, pointer: String)]
    ) {
        for key in index.orderedKeys(at: pointer, available: Array(object.keys)) {
            guard let member = object[key] else { continue }
            let memberPointer = pointer + "/" + JSONPositionIndex.escape(key)
            let name = prefix.isEmpty ? key : "\(prefix).\(key)"
            if let nested = member as? [String: Any] {
                flatten(nested, prefix: name, pointer: memberPointer, index: index, into: &members)
            } else if let array = member as? [Any] {
                members.append((name, array.map(Self.scalarText).joined(separator: "; "), memberPointer))
            } else {
                members.append((name, Self.scalarText(member), memberPointer))
            }
        }
    }

    /// Appends the contents of `value` to the current element.
    private func append(_ value: Any, name: String?, pointer: String, into builder: XMLDocumentBuilder, index: JSONPositionIndex) {
        if let object = value as? [String: Any] {
            for key in index.orderedKeys(at: pointer, available: Array(object.keys)) {
                guard let member = object[key] else { continue }
                element(member, key: key, pointer: pointer + "/" + JSONPositionIndex.escape(key), into: builder, index: index)
            }
        } else if let array = value as? [Any] {
            for (position, entry) in array.enumerated() {
                element(entry, key: name ?? "item", pointer: pointer + "/\(position)", into: builder, index: index, renamed: name == nil)
            }
        } else {
            builder.text(Self.scalarText(value))
        }
    }

    private func element(
        _ value: Any, key: String, pointer: String, into builder: XMLDocumentBuilder, index: JSONPositionIndex, renamed: Bool = false
    ) {
        let name = XMLName.sanitized(key)
        if let array = value as? [Any] {
            // Each entry becomes a sibling element named after the key.
            for (position, entry) in array.enumerated() {
                let entryPointer = pointer + "/\(position)"
                if entry is [Any] {
                    builder.startElement(name, attributes: attributes(key: key, name: name, pointer: entryPointer, index: index))
                    append(entry, name: nil, pointer: entryPointer, into: builder, index: index)
                    builder.endElement()
                } else {
                    element(entry, key: key, pointer: entryPointer, into: builder, index: index)
                }
            }
            return
        }
        var attributes = attributes(key: renamed ? name : key, name: name, pointer: pointer, index: index)
        if value is NSNull { attributes.append(("null", "true")) }
        builder.startElement(name, attributes: attributes)
        append(value, name: nil, pointer: pointer, into: builder, index: index)
        builder.endElement()
    }

    private func attributes(key: String, name: String, pointer: String, index: JSONPositionIndex) -> [(name: String, value: String)] {
        var attributes: [(name: String, value: String)] = []
        if let line = index.line(of: pointer) { attributes.append(("line", String(line))) }
        attributes.append(("pointer", pointer))
        if key != name { attributes.append(("key", key)) }
        return attributes
    }

    static func scalarText(_ value: Any) -> String {
        if value is NSNull { return "" }
        if let string = value as? String { return string }
        if let number = value as? NSNumber {
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            let double = number.doubleValue
            if double == double.rounded(), abs(double) < 1e15 { return String(Int64(double)) }
            // XPath 1.0 numbers have no exponent form: write plain decimal digits.
            return number.decimalValue.description
        }
        return String(describing: value)
    }
}
