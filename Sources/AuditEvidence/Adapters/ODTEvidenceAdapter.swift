import AuditModel
import Foundation
import LibXML

/// OpenDocument text (ODT) becomes the same view as DOCX (see `TextDocument.view`):
/// headings with their outline level, paragraphs (list items included) and tables.
struct ODTEvidenceAdapter: EvidenceAdapter {
    func document(
        from data: Data, item: EvidenceItem, contract: EvidenceContract?, options _: EvidenceReadOptions
    ) throws(EvidenceError) -> EvidenceDocument {
        var package = try OfficePackage(data: data, item: item)
        guard package.contains("content.xml") else {
            throw TextDecoding.invalid(item, "not an OpenDocument file (no content.xml); save it as .odt or register its real format")
        }
        let content = try package.xml("content.xml")
        guard let text = content.root?.child("body", in: OfficeNamespace.odfOffice)?.child("text", in: OfficeNamespace.odfOffice) else {
            throw TextDecoding.invalid(item, "the OpenDocument file is not a text document; register it with format=\"ods\" if it is a spreadsheet")
        }
        var blocks: [TextDocument.Block] = []
        collect(text, into: &blocks)
        return EvidenceDocument(document: TextDocument(blocks: blocks).view(file: item.file), format: item.format, warnings: [])
    }

    private func collect(_ node: XMLNode, into blocks: inout [TextDocument.Block]) {
        let textNamespace = OfficeNamespace.odfText
        let tableNamespace = OfficeNamespace.odfTable
        for element in node.childElements {
            switch (element.namespaceURI, element.localName) {
            case (textNamespace, "h"):
                let level = element.attribute("outline-level", namespace: textNamespace).flatMap(Int.init) ?? 1
                blocks.append(
                    .paragraph(text: element.stringValue, style: element.attribute("style-name", namespace: textNamespace), headingLevel: level))
            case (textNamespace, "p"):
                blocks.append(.paragraph(text: element.stringValue, style: element.attribute("style-name", namespace: textNamespace), headingLevel: nil))
            case (textNamespace, "list"), (textNamespace, "list-item"), (textNamespace, "section"):
                collect(element, into: &blocks)
            case (tableNamespace, "table"):
                var rows: [[String]] = []
                for row in element.childElements where row.namespaceURI == tableNamespace {
                    let rowElements = row.localName == "table-row" ? [row]
                        : row.children("table-row", in: tableNamespace)
                    for rowElement in rowElements {
                        rows.append(rowElement.children("table-cell", in: tableNamespace).map { cell in
                            cell.children("p", in: textNamespace).map(\.stringValue).joined(separator: "\n")
                        })
                    }
                }
                blocks.append(.table(rows: rows))
            default:
                break
            }
        }
    }
}
