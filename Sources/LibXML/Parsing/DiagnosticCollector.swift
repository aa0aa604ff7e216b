internal import CLibXML2
import Foundation

/// Collects the structured errors libxml2 raises during one operation.
///
/// Each parser, validator and XPath context gets its own collector through its
/// own user-data pointer, never the per-thread global handler, so errors cannot
/// be misrouted when Swift tasks hop threads.
final class DiagnosticCollector {
    let file: String
    private(set) var diagnostics: [XMLDiagnostic] = []
    /// Set by the DOCTYPE guard; a refused DOCTYPE outranks the parser's follow-on errors.
    var refusedDoctypeLine: Int?
    /// Told the parser's position as it goes, when the caller asked (`XMLDocument.parse(data:file:limits:progress:)`).
    var progress: ParseProgress?
    /// Told of elements as they start and end, when records are streamed (`XMLRecordStream`).
    var recordWalker: XMLRecordStream.Walker? {
        didSet { walkerForHooks = recordWalker.map(Unmanaged.passUnretained) }
    }
    /// `recordWalker` for the SAX hooks, which run for every element: called through it
    /// without retaining and releasing the walker each time (a twentieth of a streamed run).
    /// `recordWalker` keeps it alive.
    private(set) var walkerForHooks: Unmanaged<XMLRecordStream.Walker>?
    private let limit = 100

    init(file: String) {
        self.file = file
    }

    func append(_ diagnostic: XMLDiagnostic) {
        guard diagnostics.count < limit else { return }
        diagnostics.append(diagnostic)
    }

    var errors: [XMLDiagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The newest message, for one-shot operations such as an XPath evaluation.
    var lastMessage: String? { diagnostics.last?.message }

    /// The oldest error (not warning) message: the cause, when later ones are consequences.
    var firstError: String? { errors.first?.message }

    /// Forgets collected diagnostics before the next operation on the same context.
    func reset() {
        diagnostics.removeAll(keepingCapacity: true)
    }

    func record(_ error: UnsafePointer<xmlError>) {
        let raw = error.pointee
        let level = raw.level
        let severity: XMLDiagnostic.Severity = level == XML_ERR_WARNING ? .warning : .error
        var message = raw.message.map { String(cString: $0) } ?? ""
        if message.isEmpty, raw.domain == Int32(XML_FROM_XPATH.rawValue) {
            message = XPathErrorText.describe(code: Int(raw.code) - Int(XML_XPATH_EXPRESSION_OK.rawValue))
        }
        message = Self.oneLine(message)
        // Validation errors name the element but give no column (and past line 65535 a
        // guessed line); the parser kept the start tag's real position.
        let kept = raw.node.flatMap { SourcePosition(of: $0.assumingMemoryBound(to: xmlNode.self)) }
        let line = kept?.line ?? Int(raw.line)
        let column = raw.int2 > 0 ? Int(raw.int2) : kept?.column ?? 0
        append(
            XMLDiagnostic(
                file: file, line: line, column: column,
                severity: severity, message: message.isEmpty ? "error code \(raw.code)" : message))
    }

    /// A libxml2 message as one line, so that every line of output names its file:
    /// some messages carry a second line (`Input is not proper UTF-8, indicate
    /// encoding !\nBytes: 0xEB 0x22 …`), which is folded in; the encoding and the
    /// attribute-length ones are reworded to say what to do.
    static func oneLine(_ raw: String) -> String {
        let lines = raw.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: [" ", "\t"]) }.filter { !$0.isEmpty }
        if let first = lines.first, first.hasPrefix("Input is not proper UTF-8") {
            let bytes = lines.dropFirst().first.map { " (bytes \($0.hasPrefix("Bytes: ") ? String($0.dropFirst(7)) : $0))" } ?? ""
            return "the text is not valid UTF-8\(bytes); declare the file's real encoding (e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>) or save it as UTF-8"
        }
        if lines.first == "AttValue length too long" {
            return "an attribute value is longer than 10,000,000 bytes, the XML parser's limit; move such text into element content"
        }
        return lines.joined(separator: " ")
    }

    /// Handler for contexts whose user data is the collector itself.
    static let directHandler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        Unmanaged<DiagnosticCollector>.fromOpaque(userData).takeUnretainedValue().record(error)
    }

    /// Handler for parser contexts: their user data is the parser context, whose
    /// `_private` slot carries the collector.
    static let parserHandler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let collector = context.pointee._private else { return }
        Unmanaged<DiagnosticCollector>.fromOpaque(collector).takeUnretainedValue().record(error)
    }
}
