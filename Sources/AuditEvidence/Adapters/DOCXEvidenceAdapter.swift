import AuditModel
import Foundation
import LibXML

/// Word documents (DOCX) become paragraphs with their heading level and tables of
/// records (see `TextDocument.view`), so rules can check that minutes contain the
/// required inputs and cite the paragraph or table row they rely on.
struct DOCXEvidenceAdapter: EvidenceAdapter {
    func document(
        from data: Data, item: EvidenceItem, contract: EvidenceContract?, options _: EvidenceReadOptions
    ) throws(EvidenceError) -> EvidenceDocument {
        var package = try OfficePackage(data: data, item: item)
        try package.refuseExternalRelationships()
        guard package.contains("word/document.xml") else {
            throw TextDecoding.invalid(item, "not a Word document (no word/document.xml); save it as .docx or register its real format")
        }
        let levels = package.contains("word/styles.xml") ? Self.headingLevels(try package.xml("word/styles.xml")) : [:]
        let document = try package.xml("word/document.xml")
        let namespace = OfficeNamespace.wordprocessing
        var blocks: [TextDocument.Block] = []
        for element in document.root?.child("body", in: namespace)?.childElements ?? [] where element.namespaceURI == namespace {
            switch element.localName {
            case "p":
                let properties = element.child("pPr", in: namespace)
                let style = properties?.child("pStyle", in: namespace)?.attribute("val", namespace: namespace)
                let outline = properties?.child("outlineLvl", in: namespace)?.attribute("val", namespace: namespace).flatMap(Int.init)
                let level = outline.map { $0 + 1 } ?? style.flatMap { levels[$0] }
                blocks.append(.paragraph(text: Self.text(of: element), style: style, headingLevel: level))
            case "tbl":
                let rows = element.children("tr", in: namespace).map { row in
                    row.children("tc", in: namespace).map { cell in
                        cell.children("p", in: namespace).map(Self.text(of:)).joined(separator: "\n")
                    }
                }
                blocks.append(.table(rows: rows))
            default:
                break
            }
        }
        return EvidenceDocument(document: TextDocument(blocks: blocks).view(file: item.file), format: item.format, warnings: [])
    }

    /// The text of a paragraph: its runs' text, tabs and breaks, in order.
    static func text(of paragraph: XMLNode) -> String {
        let namespace = OfficeNamespace.wordprocessing
        var text = ""
        func walk(_ node: XMLNode) {
            for child in node.childElements where child.namespaceURI == namespace {
                switch child.localName {
                case "t": text += child.stringValue
                case "tab": text += "\t"
                case "br", "cr": text += "\n"
                case "pPr", "rPr", "instrText", "delText": continue
                default: walk(child)
                }
            }
        }
        walk(paragraph)
        return text
    }

    /// Heading level of each paragraph style: from its outline level, else from a
    /// built-in name such as "heading 2" (style ids are translated in localised Word).
    static func headingLevels(_ styles: XMLDocument) -> [String: Int] {
        let namespace = OfficeNamespace.wordprocessing
        var levels: [String: Int] = [:]
        for style in styles.root?.children("style", in: namespace) ?? [] {
            guard let id = style.attribute("styleId", namespace: namespace) else { continue }
            if let outline = style.child("pPr", in: namespace)?.child("outlineLvl", in: namespace)?
                .attribute("val", namespace: namespace).flatMap(Int.init), outline < 9
            {
                levels[id] = outline + 1
            } else if let name = style.child("name", in: namespace)?.attribute("val", namespace: namespace)?.lowercased(),
                name.hasPrefix("heading "), let level = Int(name.dropFirst(8))
            {
                levels[id] = level
            } else if style.child("name", in: namespace)?.attribute("val", namespace: namespace) == "Title" {
                levels[id] = 0
            }
        }
        return levels
    }
}
