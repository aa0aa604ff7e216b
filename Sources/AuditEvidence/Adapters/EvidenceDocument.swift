public import AuditModel
public import Foundation
public import LibXML

/// An evidence file as XML: the document itself for XML evidence, or the XML view
/// an adapter built for CSV and JSON, which carries each record's source position.
public struct EvidenceDocument: Sendable {
    public let document: XMLDocument
    public let format: EvidenceFormat
    /// Problems that did not stop the adapter (ragged CSV rows).
    public let warnings: [Diagnostic]
    /// How the item measures up to its type's contract; empty without a contract.
    public internal(set) var conformance: ContractConformance

    init(document: XMLDocument, format: EvidenceFormat, warnings: [Diagnostic], conformance: ContractConformance = ContractConformance()) {
        self.document = document
        self.format = format
        self.warnings = warnings
        self.conformance = conformance
    }

    /// Reads an item's bytes in its registered format into the XML view rules query.
    ///
    /// - Throws: `EvidenceError.malformed` naming the file and line when the bytes are
    ///   not what the format says, or are refused as hostile.
    ///
    /// - Parameter contract: The item's evidence type's contract, when the rulesets declare
    ///   one: tables are laid onto its fields and values read as its types, and the item is
    ///   checked against it (`conformance`).
    public static func read(_ data: Data, item: EvidenceItem, contract: EvidenceContract? = nil) throws(EvidenceError) -> EvidenceDocument {
        var view = try item.format.adapter.document(from: data, item: item, contract: contract)
        if let contract {
            ContractChecker(item: item, contract: contract).checkDocumentRecordSets(&view)
        }
        return view
    }

    /// Where a node came from in the original file: its line and the format's own
    /// locator (CSV record number, JSON Pointer).
    public func origin(of node: XMLNode) -> (line: Int?, nativeLocator: String?) {
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
    /// - Parameter contract: Lays tabular sources onto the contract's fields (see `TableLayout`).
    func document(from data: Data, item: EvidenceItem, contract: EvidenceContract?) throws(EvidenceError) -> EvidenceDocument
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
///
/// What is not text in one of these encodings is refused with the line of the first
/// bad character: invalid UTF-8 (a Latin-1 export, a binary file), a UTF-16 file cut
/// short or with an unpaired surrogate, and any NUL character, which no CSV or JSON
/// text holds and which is the mark of a binary file or of UTF-16 without a byte-order mark.
enum TextDecoding {
    static func decode(_ data: Data, item: EvidenceItem) throws(EvidenceError) -> String {
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try utf8(data.dropFirst(3), item: item)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try utf16(data.dropFirst(2), bigEndian: bytes[0] == 0xFE, item: item)
        }
        return try utf8(data, item: item)
    }

    private static func utf8(_ data: Data, item: EvidenceItem) throws(EvidenceError) -> String {
        if let text = String(validating: data, as: UTF8.self) {
            // On the string's own UTF-8 (about 2 ms a megabyte; Data's indices are far slower).
            if let nul = text.utf8.firstIndex(of: 0) {
                throw nulCharacter(item, line: text.utf8[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 })
            }
            return text
        }
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
        let advice = item.format == .csv ? "re-export it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)" : "re-export it as UTF-8"
        throw invalid(item, "the file is not valid UTF-8 text (it is binary, or in another encoding such as Latin-1); \(advice)", line: line)
    }

    /// UTF-16 after its byte-order mark.
    private static func utf16(_ body: Data, bigEndian: Bool, item: EvidenceItem) throws(EvidenceError) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var bytes = body.makeIterator()
        while let first = bytes.next(), let second = bytes.next() {
            units.append(bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first))
        }
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF16.ForwardParser()
        var iterator = units.makeIterator()
        var line = 1
        decoding: while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                let scalar = Unicode.UTF16.decode(encoded)
                if scalar == "\n" { line += 1 }
                if scalar == "\0" { throw nulCharacter(item, line: line) }
                scalars.append(scalar)
            case .error:
                throw invalid(
                    item, "the file starts with a UTF-16 byte-order mark but is not valid UTF-16 (an unpaired surrogate); re-export it as UTF-8",
                    line: line)
            case .emptyInput:
                break decoding
            }
        }
        guard body.count % 2 == 0 else {
            throw invalid(
                item, "the file starts with a UTF-16 byte-order mark but ends in half a character (an odd number of bytes): it is cut short; re-export it",
                line: line)
        }
        return String(scalars)
    }

    private static func nulCharacter(_ item: EvidenceItem, line: Int) -> EvidenceError {
        invalid(
            item,
            "the file contains a NUL character, which text never holds: it is a binary file, or UTF-16 text without a byte-order mark; re-export it as UTF-8",
            line: line)
    }

    static func invalid(_ item: EvidenceItem, _ message: String, line: Int? = nil) -> EvidenceError {
        .malformed(item: item.id, path: item.file, diagnostics: [Diagnostic(location: SourceLocation(file: item.file, line: line), message: message)])
    }
}
