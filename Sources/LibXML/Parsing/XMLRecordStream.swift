internal import CLibXML2
public import Foundation

/// Reads the records of a large XML file one at a time, so memory follows the record,
/// not the file.
///
/// A DOM of a record-per-element export takes about 14 times the file's size; here the
/// same safe parse (`XMLDocument.parse(data:file:limits:progress:)`: no DOCTYPE, no
/// network, bounded depth and attributes) builds each record's subtree, hands it over
/// complete, and frees it, with whatever else lay between records, before the next one
/// is read.
public enum XMLRecordStream {
    /// Calls `body` with each element at `path` (`["complaints", "complaint"]` for
    /// `/complaints/complaint`), in document order.
    ///
    /// The node is valid only during the call, and so is its document: only its own
    /// subtree and its ancestors are there (no siblings), so expressions evaluated on it
    /// must stay within it (`XPathExpressionCheck.staysWithinContextNode(_:)`).
    ///
    /// - Parameters:
    ///   - namespace: The namespace URI of every element on `path` (a worksheet's rows are
    ///     all in SpreadsheetML's); nil for names without a namespace.
    ///   - concurrently: Check on a second thread while this one parses
    ///     (`RecordPipeline`): `body` is then called on that thread, records still in order.
    /// - Returns: What turns each record's place into the path `XMLNode.path` gives in a
    ///   whole document, known only once the last sibling has been read.
    /// - Throws: `XMLError` as `XMLDocument.parse` does, for the whole file, even when
    ///   some records were already read: a file that is not well-formed has no records.
    public static func forEachRecord(
        in data: Data, file: String, at path: [String], namespace: String? = nil, limits: XMLParseLimits = .default,
        progress: ((Int) -> Void)? = nil, concurrently: Bool = false, _ body: (XMLNode, XMLRecordPlace) -> Void
    ) throws(XMLError) -> XMLRecordPaths {
        try forEachRecord(file: file, at: path, namespace: namespace, progress: progress, concurrently: concurrently, body) {
            collector throws(XMLError) in try XMLDocument.parseSafely(data, limits: limits, collector: collector)
        }
    }

    /// Calls `body` with each element at `path` of a document that arrives in chunks, as
    /// `forEachRecord(in:file:at:namespace:limits:progress:concurrently:_:)` does for one
    /// held whole: memory then follows the record and the chunk, never the document (a
    /// worksheet inflated as it is parsed).
    ///
    /// - Parameter next: The next chunk of the document; nil at its end. A source that
    ///   fails returns nil and keeps its error: the parse then reports a document cut short
    ///   (or none, if it ended cleanly), and the caller's error is the one to tell.
    public static func forEachRecord(
        chunks next: () -> Data?, file: String, at path: [String], namespace: String? = nil, limits: XMLParseLimits = .default,
        concurrently: Bool = false, _ body: (XMLNode, XMLRecordPlace) -> Void
    ) throws(XMLError) -> XMLRecordPaths {
        try forEachRecord(file: file, at: path, namespace: namespace, progress: nil, concurrently: concurrently, body) {
            collector throws(XMLError) in try XMLDocument.parseSafely(chunks: next, limits: limits, collector: collector)
        }
    }

    private static func forEachRecord(
        file: String, at path: [String], namespace: String?, progress: ((Int) -> Void)?, concurrently: Bool,
        _ body: (XMLNode, XMLRecordPlace) -> Void, parse: (DiagnosticCollector) throws(XMLError) -> xmlDocPtr
    ) throws(XMLError) -> XMLRecordPaths {
        precondition(!path.isEmpty, "a record path names at least the root element")
        let collector = DiagnosticCollector(file: file)
        collector.progress = progress.map(ParseProgress.init)
        return try withoutActuallyEscaping(body) { (body) throws(XMLError) -> XMLRecordPaths in
            // A record that is the root element is the whole document: nothing to overlap.
            let walker = Walker(
                path: path, namespace: namespace, file: file, body: body,
                pipeline: concurrently && path.count > 1 ? RecordPipeline(body) : nil)
            collector.recordWalker = walker
            defer { collector.recordWalker = nil }
            xmlFreeDoc(try parse(collector))
            // Records the parser ended without a document to hand them over in were never
            // checked: the file must not pass as if it had none.
            if walker.lostRecords > 0 {
                throw .malformed(
                    file: file,
                    diagnostics: [
                        XMLDiagnostic(
                            file: file, line: 0, column: 0,
                            message: "\(walker.lostRecords) record(s) were parsed without a document to read them in (out of memory?); nothing in the file was checked")
                    ])
            }
            return XMLRecordPaths(names: path, totals: walker.totals)
        }
    }

    /// Follows the parse: which elements lie on the record path, how they are numbered
    /// among their same-named siblings, and what can be freed.
    final class Walker {
        private let names: [UnsafeMutablePointer<xmlChar>]
        private let namespace: UnsafeMutablePointer<xmlChar>?
        private let file: String
        private let body: (XMLNode, XMLRecordPlace) -> Void
        private let pipeline: RecordPipeline?
        /// The place of the record that has just ended, until it is handed to the pipeline.
        private var endedPlace: XMLRecordPlace?
        private var document: XMLDocument?
        /// How many levels of the open elements match the path, from the root.
        private var matchedDepth = 0
        /// Per depth (1-based), the sibling group open at that depth and how many of its
        /// members have started so far.
        private var groups: [Int]
        private var counts: [Int]
        private var nextGroup: Int
        /// Per finished group, how many members it had.
        private(set) var totals: [Int: Int] = [:]
        /// Records that ended while the parser had no document, so could not be handed over.
        private(set) var lostRecords = 0

        init(
            path: [String], namespace: String?, file: String, body: @escaping (XMLNode, XMLRecordPlace) -> Void, pipeline: RecordPipeline?
        ) {
            names = path.map { xmlCharStrdup($0) }
            self.namespace = namespace.map { xmlCharStrdup($0) }
            self.file = file
            self.body = body
            self.pipeline = pipeline
            groups = Array(0...path.count)
            counts = Array(repeating: 0, count: path.count + 1)
            nextGroup = path.count + 1
        }

        deinit {
            for name in names { cxaudit_xml_free(name) }
            if let namespace { cxaudit_xml_free(namespace) }
        }

        /// An element has started at `depth` (the root is 1).
        func started(_ node: xmlNodePtr, depth: Int) {
            guard depth == matchedDepth + 1, depth <= names.count, xmlStrEqual(node.pointee.ns?.pointee.href, namespace) != 0,
                xmlStrEqual(node.pointee.name, names[depth - 1]) != 0
            else { return }
            matchedDepth = depth
            counts[depth] += 1
        }

        /// An element at `depth` is complete: a record is handed over; an element on the
        /// path closes its children's sibling group.
        func ending(_ node: xmlNodePtr, depth: Int, in parsed: xmlDocPtr?) {
            guard depth == matchedDepth else { return }
            matchedDepth = depth - 1
            guard depth == names.count else {
                totals[groups[depth + 1]] = counts[depth + 1]
                groups[depth + 1] = nextGroup
                nextGroup += 1
                counts[depth + 1] = 0
                if depth == 1 { totals[groups[1]] = counts[1] }
                return
            }
            guard let parsed else {
                lostRecords += 1
                return
            }
            let document = document ?? XMLDocument(borrowing: parsed, file: file)
            self.document = document
            let place = XMLRecordPlace(steps: (1...depth).map { XMLRecordPlace.Step(group: groups[$0], position: counts[$0]) })
            if pipeline == nil {
                body(XMLNode(pointer: node, document: document), place)
            } else {
                endedPlace = place
            }
        }

        /// After an element at `depth` has ended: at or above the records' depth, it and
        /// everything before it under its parent (text between records, comments, other
        /// elements) are no longer needed.
        func release(_ node: xmlNodePtr, depth: Int) {
            guard depth >= 2, depth <= names.count, let parent = node.pointee.parent else { return }
            if let pipeline, let place = endedPlace, let document {
                // The record goes to the checking thread on its own; what came before it is freed here.
                endedPlace = nil
                xmlUnlinkNode(node)
                if let last = parent.pointee.last { XMLRecordStream.freeChildren(of: parent, through: last) }
                pipeline.hand(node, of: document, at: place)
                return
            }
            if depth < names.count { pipeline?.drain() }
            XMLRecordStream.freeChildren(of: parent, through: node)
        }

        /// The parse has stopped: every record handed to the pipeline is checked and freed
        /// before the document is.
        func parseEnded() {
            pipeline?.finish()
        }
    }

    /// Frees `parent`'s children from the first through `last`: a record that has been
    /// checked, and whatever came before it.
    static func freeChildren(of parent: xmlNodePtr, through last: xmlNodePtr) {
        while let first = parent.pointee.children {
            xmlUnlinkNode(first)
            xmlFreeNode(first)
            if first == last { break }
        }
    }
}

/// Where a streamed record stands: per step of its path, its sibling group and its
/// position there (1-based).
public struct XMLRecordPlace: Sendable, Hashable {
    struct Step: Sendable, Hashable {
        let group: Int
        let position: Int
    }

    let steps: [Step]

    init(steps: [Step]) {
        self.steps = steps
    }

    /// The place of a record in a view built record by record (a table's `/table/record`),
    /// where each step has one sibling group: its position among its same-named siblings, from the root down.
    public init(positions: [Int]) {
        steps = positions.enumerated().map { Step(group: $0, position: $1) }
    }

    /// The record's position among its same-named siblings (1-based), what a numeric
    /// predicate on the path's last step compares with.
    public var position: Int { steps.last?.position ?? 1 }
}

/// Turns streamed records' places into their paths, once the stream has ended and
/// every sibling group's size is known.
public struct XMLRecordPaths: Sendable {
    let names: [String]
    let totals: [Int: Int]

    init(names: [String], totals: [Int: Int]) {
        self.names = names
        self.totals = totals
    }

    /// The paths of a view built record by record (`XMLRecordPlace(positions:)`), given how
    /// many same-named siblings each step has, from the root down (`[1, 250]` for 250 records in `/table`).
    public init(names: [String], counts: [Int]) {
        self.names = names
        totals = Dictionary(uniqueKeysWithValues: counts.enumerated().map { ($0, $1) })
    }

    /// The path `XMLNode.path` gives for the record in the whole document, e.g.
    /// `/complaints/complaint[12]`, with no position where a name has no same-named sibling.
    public func path(of place: XMLRecordPlace) -> String {
        var path = ""
        for (name, step) in zip(names, place.steps) {
            path += (totals[step.group] ?? 0) > 1 ? "/\(name)[\(step.position)]" : "/\(name)"
        }
        return path
    }
}
