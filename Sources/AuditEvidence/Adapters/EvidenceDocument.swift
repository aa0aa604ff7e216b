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
    /// How nodes map back to the file.
    public let positions: SourcePositions

    init(
        document: XMLDocument, format: EvidenceFormat, warnings: [Diagnostic], conformance: ContractConformance = ContractConformance(),
        positions: SourcePositions = .recorded
    ) {
        self.document = document
        self.format = format
        self.warnings = warnings
        self.conformance = conformance
        self.positions = positions
    }

    /// Reads an item's bytes in its registered format into the XML view rules query.
    ///
    /// - Throws: `EvidenceError.malformed` naming the file and line when the bytes are
    ///   not what the format says, or are refused as hostile.
    ///
    /// - Parameters:
    ///   - contract: The item's evidence type's contract, when the rulesets declare
    ///     one: tables are laid onto its fields and values read as its types, and the item is
    ///     checked against it (`conformance`).
    ///   - options: The view's memory budget (this machine's by default), and a callback told
    ///     how many bytes have been parsed as a large file is read.
    public static func read(
        _ data: Data, item: EvidenceItem, contract: EvidenceContract? = nil, options: EvidenceReadOptions = EvidenceReadOptions()
    ) throws(EvidenceError) -> EvidenceDocument {
        var view = try item.format.adapter.document(from: data, item: item, contract: contract, options: options)
        if let contract {
            ContractChecker(item: item, contract: contract).checkDocumentRecordSets(&view)
        }
        return view
    }

    /// Where a node came from in the original file: its line and the view's own locator
    /// (CSV record number, JSON Pointer, cell or paragraph reference).
    public func origin(of node: XMLNode) -> (line: Int?, nativeLocator: String?) {
        positions.origin(of: node)
    }
}

/// How a view's nodes map back to positions in the file.
public enum SourcePositions: Sendable, Hashable {
    /// The file itself was parsed as the view: libxml2's line numbers are the file's (XML evidence).
    case parsedLines
    /// The view was built from the file: its records and values carry where they came from,
    /// as `line` with a `number` (CSV record) or `pointer` (JSON), or as a `ref` (a cell, a row,
    /// a paragraph). One builder writes them (`TableRecordWriter` and the office views).
    case recorded

    /// Where a node of a view of this kind came from in the file: its line and the view's own
    /// locator.
    public func origin(of node: XMLNode) -> (line: Int?, nativeLocator: String?) {
        switch self {
        case .parsedLines:
            return (node.line > 0 ? node.line : nil, nil)
        case .recorded:
            var current: XMLNode? = node.kind == .element ? node : node.parent
            while let element = current, element.kind == .element {
                if let reference = element.attribute("ref") { return (element.attribute("line").flatMap(Int.init), reference) }
                if let line = element.attribute("line").flatMap(Int.init) {
                    return (line, element.attribute("pointer") ?? element.attribute("number").map { "record \($0)" })
                }
                current = element.parent
            }
            return (nil, nil)
        }
    }
}
