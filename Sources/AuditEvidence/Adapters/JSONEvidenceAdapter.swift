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
/// more than `maxValues` values (each becomes an element of the view, about a kilobyte
/// of memory in all, so `[0,0,0,…]` would otherwise grow 500-fold in memory).
struct JSONEvidenceAdapter: EvidenceAdapter {
    static let maxDepth = 200
    static let maxValues = 1_000_000

    func document(from data: Data, item: EvidenceItem) throws(EvidenceError) -> EvidenceDocument {
        let text = try TextDecoding.decode(data, item: item)
        let utf8 = [UInt8](text.utf8)
        guard utf8.contains(where: { !JSONPositionIndex.isWhitespace($0) }) else {
            throw TextDecoding.invalid(item, "the JSON file is empty; it needs a value, such as an object {…} or an array […]", line: 1)
        }
        if let line = JSONPositionIndex.lineExceeding(values: Self.maxValues, in: utf8) {
            throw TextDecoding.invalid(
                item, "the file holds more than \(Self.maxValues) JSON values; this is refused as a memory guard. Split the file (e.g. by period)",
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
        let builder = XMLDocumentBuilder(file: item.file)
        builder.startElement("json", attributes: [("line", "1"), ("pointer", "")])
        append(value, name: nil, pointer: "", into: builder, index: index)
        builder.endElement()
        return EvidenceDocument(document: builder.finish(), format: .json, warnings: [])
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
