internal import CLibXML2
public import Foundation

/// A parsed, immutable XML document.
///
/// The document is never mutated after it is built, so it may be shared between
/// tasks; XPath contexts and node handles are created per task.
public final class XMLDocument: @unchecked Sendable {
    let pointer: xmlDocPtr
    /// Name of the file the document came from, used in every diagnostic.
    public let file: String

    /// Wraps a complete document, which is never changed again.
    ///
    /// Numbers its elements in document order first (libxml2 keeps the number in a field
    /// elements do not otherwise use), so XPath sorts node sets by comparing numbers instead
    /// of walking the tree: sorting a selection of 50,000 records becomes cheap.
    init(pointer: xmlDocPtr, file: String) {
        xmlXPathOrderDocElems(pointer)
        self.pointer = pointer
        self.file = file
        ownsPointer = true
    }

    /// Wraps a document still being parsed or built, for records handed over one at a time
    /// (`XMLRecordStream`, `XMLDocumentBuilder.releaseLastChild(after:)`): the parse or the
    /// builder frees it, not this wrapper, and its elements are not numbered (they come and go).
    init(borrowing pointer: xmlDocPtr, file: String) {
        self.pointer = pointer
        self.file = file
        ownsPointer = false
    }

    private let ownsPointer: Bool

    deinit {
        if ownsPointer { xmlFreeDoc(pointer) }
    }

    /// Parses untrusted bytes safely: no network, no DTD (any DOCTYPE is refused
    /// before an entity can be declared), depth bounded by `XMLParseLimits.maxDepth`,
    /// attributes per element by `XMLParseLimits.maxAttributes`, bounded size.
    ///
    /// - Parameters:
    ///   - data: The file's bytes; the encoding is taken from the BOM or XML declaration.
    ///   - file: The name used in diagnostics.
    ///   - limits: Size and depth bounds.
    ///   - progress: Called with the bytes parsed so far, about every megabyte, while a large
    ///     document is parsed (on the calling thread, before `parse` returns).
    /// - Throws: `XMLError` naming the file and line of the first problem.
    public static func parse(
        data: Data, file: String, limits: XMLParseLimits = .default, progress: ((Int) -> Void)? = nil
    ) throws(XMLError) -> XMLDocument {
        let collector = DiagnosticCollector(file: file)
        collector.progress = progress.map(ParseProgress.init)
        return XMLDocument(pointer: try parseSafely(data, limits: limits, collector: collector), file: file)
    }

    /// The one safe parse behind `parse(data:file:limits:progress:)` and `XMLRecordStream`:
    /// the size and attribute checks, then libxml2 with the DOCTYPE refused and each
    /// element's start-tag position kept; `collector.recordWalker`, when set, is told of
    /// elements as they start and end.
    static func parseSafely(_ data: Data, limits: XMLParseLimits, collector: DiagnosticCollector) throws(XMLError) -> xmlDocPtr {
        LibXMLRuntime.ensureInitialized()
        let file = collector.file
        guard data.count <= limits.maxBytes else {
            throw .tooLarge(file: file, bytes: data.count, limit: limits.maxBytes)
        }
        guard data.count <= Int(Int32.max) else {
            throw .tooLarge(file: file, bytes: data.count, limit: Int(Int32.max))
        }
        if data.isEmpty {
            throw .malformed(
                file: file,
                diagnostics: [XMLDiagnostic(file: file, line: 1, column: 1, message: "file is empty; an XML document needs a root element")])
        }
        let crowded = data.withUnsafeBytes { AttributeCountGuard.lineOfCrowdedStartTag(in: $0, limit: XMLParseLimits.maxAttributes) }
        if let line = crowded {
            throw .tooManyAttributes(file: file, line: line, limit: XMLParseLimits.maxAttributes)
        }
        let parsed: xmlDocPtr? = data.withUnsafeBytes { buffer -> xmlDocPtr? in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                let context = xmlCreateMemoryParserCtxt(base, Int32(buffer.count))
            else { return nil }
            defer { xmlFreeParserCtxt(context) }
            prepare(context, collector: collector)
            xmlParseDocument(context)
            return finish(context, collector: collector)
        }
        return try document(parsed, collector: collector)
    }

    /// The same safe parse over a document that arrives in chunks, each checked and given to
    /// libxml2's push parser as it comes, so the document's bytes are never whole in memory
    /// (a worksheet being inflated). `next` gives the next chunk, nil at the end.
    ///
    /// A UTF-16 or UTF-32 document, which the chunked attribute check does not read, is
    /// gathered and parsed whole.
    static func parseSafely(chunks next: () -> Data?, limits: XMLParseLimits, collector: DiagnosticCollector) throws(XMLError) -> xmlDocPtr {
        LibXMLRuntime.ensureInitialized()
        let file = collector.file
        var first = Data()
        while first.count < 4, let chunk = next() { first.append(chunk) }
        guard !first.isEmpty, AttributeCountGuard.Chunked.isByteOriented(first) else {
            while let chunk = next() {
                first.append(chunk)
                guard first.count <= limits.maxBytes else { throw .tooLarge(file: file, bytes: first.count, limit: limits.maxBytes) }
            }
            return try parseSafely(first, limits: limits, collector: collector)
        }
        guard let context = xmlCreatePushParserCtxt(nil, nil, nil, 0, nil) else {
            throw .malformed(file: file, diagnostics: [XMLDiagnostic(file: file, line: 0, column: 0, message: "libxml2 could not start a parse (out of memory?)")])
        }
        defer { xmlFreeParserCtxt(context) }
        prepare(context, collector: collector)
        var attributes = AttributeCountGuard.Chunked(limit: XMLParseLimits.maxAttributes)
        var fed = 0
        var pending: Data? = first
        var refusal: XMLError?
        while let chunk = pending ?? next() {
            pending = nil
            fed += chunk.count
            if fed > limits.maxBytes {
                refusal = .tooLarge(file: file, bytes: fed, limit: limits.maxBytes)
            } else if let line = chunk.withUnsafeBytes({ attributes.scan($0) }) {
                refusal = .tooManyAttributes(file: file, line: line, limit: XMLParseLimits.maxAttributes)
            }
            // The chunk is refused before libxml2 sees it; what was parsed is still freed below.
            if refusal != nil { break }
            chunk.withUnsafeBytes { buffer in
                _ = xmlParseChunk(context, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), 0)
            }
            // A fatal error or a refused DOCTYPE has ended the parse: the rest is not read.
            if context.pointee.wellFormed == 0 || context.pointee.instate == XML_PARSER_EOF { break }
        }
        if refusal == nil && context.pointee.instate != XML_PARSER_EOF { xmlParseChunk(context, nil, 0, 1) }
        let parsed = finish(context, collector: collector)
        if let refusal {
            if let parsed { xmlFreeDoc(parsed) }
            throw refusal
        }
        return try document(parsed, collector: collector)
    }

    /// Sets a parser context up for the safe parse: options, the collector, and the SAX
    /// hooks that refuse a DOCTYPE, keep start-tag positions and stream records.
    private static func prepare(_ context: xmlParserCtxtPtr, collector: DiagnosticCollector) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)
        xmlCtxtUseOptions(context, options)
        context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        context.pointee.sax.pointee.serror = DiagnosticCollector.parserHandler
        context.pointee.sax.pointee.internalSubset = refuseDoctype
        context.pointee.sax.pointee.externalSubset = nil
        context.pointee.sax.pointee.startElementNs = startElementKeepingPosition
        if collector.recordWalker != nil {
            context.pointee.sax.pointee.endElementNs = endElementReleasingRecords
        }
    }

    /// Takes the parsed document from a context whose parse has ended: nil, and the document
    /// freed, unless it is well-formed with its namespaces and had no DOCTYPE.
    private static func finish(_ context: xmlParserCtxtPtr, collector: DiagnosticCollector) -> xmlDocPtr? {
        collector.recordWalker?.parseEnded()
        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        // Namespace errors (an undeclared prefix) leave wellFormed set but nsWellFormed clear.
        if context.pointee.wellFormed == 0 || context.pointee.nsWellFormed == 0 || collector.refusedDoctypeLine != nil {
            if let document { xmlFreeDoc(document) }
            return nil
        }
        return document
    }

    /// The parsed document, or the error that explains why there is none.
    private static func document(_ parsed: xmlDocPtr?, collector: DiagnosticCollector) throws(XMLError) -> xmlDocPtr {
        let file = collector.file
        if let line = collector.refusedDoctypeLine {
            throw .doctypeRefused(file: file, line: line)
        }
        let errors = collector.errors
        if let deep = errors.first(where: { $0.message.contains("Excessive depth") || $0.message.contains("depth limit") }) {
            throw .tooDeep(file: file, line: deep.line, limit: XMLParseLimits.maxDepth)
        }
        guard let parsed else {
            throw .malformed(file: file, diagnostics: errors.isEmpty ? collector.diagnostics : errors)
        }
        return parsed
    }

    /// Reads a local file into memory (the process-wide entity loader refuses the
    /// network, so libxml2 never opens files itself) and parses it.
    ///
    /// - Parameters:
    ///   - url: A `file:` URL; other schemes are refused rather than fetched.
    ///   - displayName: The name used in diagnostics; the URL's path by default.
    ///   - limits: Size and depth bounds.
    /// - Throws: `XMLError` naming the file and line of the first problem.
    public static func parse(contentsOf url: URL, displayName: String? = nil, limits: XMLParseLimits = .default) throws(XMLError) -> XMLDocument {
        let name = displayName ?? url.path
        let document = try parse(data: contents(of: url, displayName: name), file: name, limits: limits)
        // Parsed from memory, the document has no URL, and RELAX NG would resolve a
        // relative `include` against the working directory instead of the file's folder.
        document.pointer.pointee.URL = UnsafePointer(xmlStrdup(url.absoluteURL.absoluteString))
        return document
    }

    /// The bytes of a local file, for a caller that parses them with `parse(data:file:)`
    /// and needs them too (a digest of what was read); other URL schemes are refused
    /// rather than fetched.
    ///
    /// - Parameter displayName: The name used in the error; the URL's path by default.
    /// - Throws: `XMLError.unreadable` with the reason.
    public static func contents(of url: URL, displayName: String? = nil) throws(XMLError) -> Data {
        let name = displayName ?? url.path
        guard url.isFileURL else {
            throw .unreadable(file: name, reason: "only local files are read, not \(url.scheme ?? "scheme-less") URLs")
        }
        do {
            return try Data(contentsOf: url, options: [.mappedIfSafe])
        } catch {
            throw .unreadable(file: name, reason: Self.reason(url, error))
        }
    }

    /// Why a file could not be read, in plain words rather than Foundation's "The
    /// operation could not be completed".
    private static func reason(_ url: URL, _ error: any Error) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return "no such file" }
        if isFolder.boolValue { return "it is a folder, not a file" }
        if !FileManager.default.isReadableFile(atPath: url.path) { return "permission denied" }
        return error.localizedDescription
    }

    /// The document element, if any.
    public var root: XMLNode? {
        xmlDocGetRootElement(pointer).map { XMLNode(pointer: $0, document: self) }
    }
}

/// SAX hook for start tags: records where each element's start tag begins.
///
/// libxml2 keeps an element's line in 16 bits (clamped at 65535 even with
/// `XML_PARSE_BIG_LINES`), records the line where the start tag *ends*, and no
/// column at all, so schema violations could only say `file:line`. When the
/// callback runs, the parser stands at the tag's closing `>`; scanning back to its
/// `<` (which cannot occur inside an attribute value) gives the tag's real line and
/// column, kept in the node's `_private` slot, which libxml2 leaves to applications.
private let startElementKeepingPosition: startElementNsSAX2Func = {
    userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes in
    xmlSAX2StartElementNs(
        userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes)
    guard let userData else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let input = context.pointee.input, let base = input.pointee.base, var cursor = input.pointee.cur,
        let node = context.pointee.node
    else { return }
    let end = cursor
    var newlines = 0
    while cursor > base {
        cursor -= 1
        if cursor.pointee == UInt8(ascii: "<") { break }
        if cursor.pointee == UInt8(ascii: "\n") { newlines += 1 }
    }
    let line = Int(input.pointee.line) - newlines
    var column: Int
    if newlines == 0 {
        // The parser knows the current column; the tag starts that many bytes earlier.
        column = Int(input.pointee.col) - (end - cursor)
    } else {
        // A tag spread over lines: count back to the start of the line holding its `<`.
        var lineStart = cursor
        while lineStart > base, (lineStart - 1).pointee != UInt8(ascii: "\n") { lineStart -= 1 }
        column = cursor - lineStart + 1
    }
    column = min(max(column, 1), SourcePosition.maxColumn)
    node.pointee._private = SourcePosition(line: max(line, 1), column: column).packed
    if let opaque = context.pointee._private {
        // The parse's caller keeps the collector alive: no retain and release for each element.
        Unmanaged<DiagnosticCollector>.fromOpaque(opaque)._withUnsafeGuaranteedRef { collector in
            collector.progress?.reached(Int(input.pointee.consumed) + (end - base))
            collector.walkerForHooks?._withUnsafeGuaranteedRef { $0.started(node, depth: Int(context.pointee.nodeNr)) }
        }
    }
}

/// SAX hook for end tags while records are streamed: hands a finished record to the
/// walker, then frees what the walker is done with, so memory follows the record.
private let endElementReleasingRecords: endElementNsSAX2Func = { userData, localName, prefix, uri in
    guard let userData else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    let node = context.pointee.node
    let depth = Int(context.pointee.nodeNr)
    let walker = context.pointee._private.flatMap {
        Unmanaged<DiagnosticCollector>.fromOpaque($0)._withUnsafeGuaranteedRef(\.walkerForHooks)
    }
    if let node { walker?._withUnsafeGuaranteedRef { $0.ending(node, depth: depth, in: context.pointee.myDoc) } }
    xmlSAX2EndElementNs(userData, localName, prefix, uri)
    if let node { walker?._withUnsafeGuaranteedRef { $0.release(node, depth: depth) } }
}

/// An element's start-tag position as kept by the parser in the node's `_private` slot.
struct SourcePosition {
    static let maxColumn = (1 << 20) - 1
    let line: Int
    let column: Int

    var packed: UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: line << 20 | column)
    }

    /// The kept position of a parsed element; nil for other nodes and built documents.
    init?(of node: xmlNodePtr) {
        guard node.pointee.type == XML_ELEMENT_NODE, let stored = node.pointee._private else { return nil }
        let bits = Int(bitPattern: stored)
        line = bits >> 20
        column = bits & SourcePosition.maxColumn
    }

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// SAX hook called for any `<!DOCTYPE …>`: stops the parser before a single
/// entity is declared, which rules out billion-laughs, quadratic blow-up and XXE.
private let refuseDoctype: internalSubsetSAXFunc = { userData, _, _, _ in
    guard let userData else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    if let collector = context.pointee._private {
        Unmanaged<DiagnosticCollector>.fromOpaque(collector).takeUnretainedValue().refusedDoctypeLine =
            Int(xmlSAX2GetLineNumber(userData))
    }
    xmlStopParser(context)
}
