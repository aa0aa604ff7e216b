import Foundation
import LibXML

/// A text document read from DOCX or ODT, before it becomes the XML view.
struct TextDocument {
    enum Block {
        case paragraph(text: String, style: String?, headingLevel: Int?)
        case table(rows: [[String]])
    }

    let blocks: [Block]

    /// Builds the XML view shared by DOCX and ODT:
    ///
    /// ```xml
    /// <document>
    ///   <paragraph number="1" style="Heading1" heading="1" ref="paragraph 1">Management review 2026-10-06</paragraph>
    ///   <table number="1" ref="table 1">
    ///     <record row="2" ref="table 1, row 2"><topic>Customer satisfaction</topic><summary>…</summary></record>
    ///   </table>
    /// </document>
    /// ```
    ///
    /// Paragraphs are numbered in body order (empty ones count but are left out);
    /// a table's first row names its fields, as a spreadsheet's header row does.
    func view(file: String) -> XMLDocument {
        let builder = XMLDocumentBuilder(file: file)
        builder.startElement("document")
        var paragraphNumber = 0
        var tableNumber = 0
        for block in blocks {
            switch block {
            case let .paragraph(text, style, level):
                paragraphNumber += 1
                guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                var attributes: [(name: String, value: String)] = [("number", String(paragraphNumber))]
                if let style { attributes.append(("style", style)) }
                if let level { attributes.append(("heading", String(level))) }
                attributes.append(("ref", "paragraph \(paragraphNumber)"))
                builder.element("paragraph", text: text, attributes: attributes)
            case let .table(rows):
                tableNumber += 1
                builder.startElement("table", attributes: [("number", String(tableNumber)), ("ref", "table \(tableNumber)")])
                if let header = rows.first {
                    let names = TableLayout.plainNames(header)
                    for (index, row) in rows.enumerated().dropFirst() {
                        builder.startElement(
                            "record", attributes: [("row", String(index + 1)), ("ref", "table \(tableNumber), row \(index + 1)")])
                        for (column, value) in row.enumerated() {
                            builder.element(column < names.count ? names[column] : "column-\(column + 1)", text: value)
                        }
                        builder.endElement()
                    }
                }
                builder.endElement()
            }
        }
        builder.endElement()
        return builder.finish()
    }
}

