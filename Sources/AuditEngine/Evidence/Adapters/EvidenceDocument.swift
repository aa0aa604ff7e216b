import AuditModel
import Foundation
import LibXML

/// An evidence file as XML: the document itself for XML evidence, or the XML view
/// an adapter built for CSV and JSON, which carries each record's source position.
struct EvidenceDocument {
    let document: XMLDocument
    let format: EvidenceFormat
    /// Problems that did not stop the adapter (ragged CSV rows).
    let warnings: [Diagnostic]

    /// Where a node came from in the original file: its line and the format's own
    /// locator (CSV record number, JSON Pointer).
    func origin(of node: XMLNode) -> (line: Int?, nativeLocator: String?) {
        switch format {
        case .xml:
            return (node.line > 0 ? node.line : nil, nil)
        case .xlsx, .docx, .ods, .odt:
            // Office views carry a reference on every citeable element: a cell, a row, a paragraph.
            var current: XMLNode? = node.kind == .element ? node : node.parent
            while let element = current, element.kind == .element {
                if let reference = element.attribute("ref") { return (nil, reference) }
                current = element.parent
            }
            return (nil, nil)
        case .csv, .json:
            var current: XMLNode? = node.kind == .element ? node : node.parent
            while let element = current, element.kind == .element {
                if let line = element.attribute("line").flatMap(Int.init) {
                    let locator = format == .csv ? element.attribute("number").map { "record \($0)" } : element.attribute("pointer")
                    return (line, locator)
                }
                current = element.parent
            }
            return (nil, nil)
        }
    }
}

/// Turns an evidence file's bytes into an `EvidenceDocument`.
protocol EvidenceAdapter: Sendable {
    func document(from data: Data, item: EvidenceItem) throws(EvidenceError) -> EvidenceDocument
}

extension EvidenceFormat {
    /// The adapter for this format.
    var adapter: any EvidenceAdapter {
        switch self {
        case .xml: return XMLEvidenceAdapter()
        case .csv: return CSVEvidenceAdapter()
        case .json: return JSONEvidenceAdapter()
        case .xlsx: return XLSXEvidenceAdapter()
        case .docx: return DOCXEvidenceAdapter()
        case .ods: return ODSEvidenceAdapter()
        case .odt: return ODTEvidenceAdapter()
        }
    }
}

/// Decodes text files: UTF-8 (with or without BOM) or UTF-16 with a BOM.
enum TextDecoding {
    static func decode(_ data: Data, item: EvidenceItem) throws(EvidenceError) -> String {
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try utf8(data.dropFirst(3), item: item)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard var text = String(data: data, encoding: .utf16) else {
                throw invalid(item, "the file starts with a UTF-16 byte-order mark but is not valid UTF-16")
            }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return text
        }
        return try utf8(data, item: item)
    }

    private static func utf8(_ data: Data, item: EvidenceItem) throws(EvidenceError) -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var line = 1
        scan: while true {
            switch parser.parseScalar(from: &bytes) {
            case let .valid(encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") { line += 1 }
            case .emptyInput, .error:
                break scan
            }
        }
        throw EvidenceError.malformed(
            item: item.id, path: item.file,
            diagnostics: [
                Diagnostic(
                    location: SourceLocation(file: item.file, line: line),
                    message: "the file is not valid UTF-8 text; re-export it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)")
            ])
    }

    static func invalid(_ item: EvidenceItem, _ message: String, line: Int? = nil) -> EvidenceError {
        .malformed(item: item.id, path: item.file, diagnostics: [Diagnostic(location: SourceLocation(file: item.file, line: line), message: message)])
    }
}
