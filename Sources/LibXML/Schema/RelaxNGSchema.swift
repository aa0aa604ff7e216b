internal import CLibXML2
public import Foundation
import Synchronization

/// A compiled RELAX NG schema that validates documents with libxml2.
///
/// Schemas are read from disk by cxaudit itself; the process-wide entity loader
/// refuses network URLs, so `<include href="http://…">` cannot reach the network.
public final class RelaxNGSchema: Sendable {
    private let schema: Mutex<SchemaPointer>
    /// The schema file, for messages.
    public let file: String

    private struct SchemaPointer: @unchecked Sendable {
        let pointer: xmlRelaxNGPtr
    }

    /// Loads and compiles the schema at `url`.
    ///
    /// - Throws: `SchemaError` with every problem found in the schema itself.
    public init(contentsOf url: URL) throws(SchemaError) {
        LibXMLRuntime.ensureInitialized()
        file = url.path
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(contentsOf: url)
        } catch {
            throw .unusableSchema(file: url.path, diagnostics: [XMLDiagnostic(file: url.path, line: error.line ?? 0, column: 0, message: error.localizedDescription)])
        }
        let collector = DiagnosticCollector(file: url.path)
        guard let parser = xmlRelaxNGNewDocParserCtxt(document.pointer) else {
            throw .unusableSchema(file: url.path, diagnostics: [])
        }
        defer { xmlRelaxNGFreeParserCtxt(parser) }
        xmlRelaxNGSetParserStructuredErrors(parser, DiagnosticCollector.directHandler, Unmanaged.passUnretained(collector).toOpaque())
        // Relative includes resolve against the document's URL.
        guard let compiled = withExtendedLifetime(collector, { xmlRelaxNGParse(parser) }) else {
            throw .unusableSchema(file: url.path, diagnostics: collector.diagnostics)
        }
        schema = Mutex(SchemaPointer(pointer: compiled))
    }

    deinit {
        schema.withLock { xmlRelaxNGFree($0.pointer) }
    }

    /// Every violation of the schema in `document`, in document order; empty when valid.
    public func validate(_ document: XMLDocument) -> [XMLDiagnostic] {
        let collector = DiagnosticCollector(file: document.file)
        schema.withLock { schema in
            guard let context = xmlRelaxNGNewValidCtxt(schema.pointer) else { return }
            defer { xmlRelaxNGFreeValidCtxt(context) }
            xmlRelaxNGSetValidStructuredErrors(context, DiagnosticCollector.directHandler, Unmanaged.passUnretained(collector).toOpaque())
            withExtendedLifetime(collector) {
                _ = xmlRelaxNGValidateDoc(context, document.pointer)
            }
        }
        return collector.diagnostics.filter { $0.severity == .error }
    }
}

/// Why a schema could not be used.
public enum SchemaError: Error, LocalizedError, Sendable {
    case unusableSchema(file: String, diagnostics: [XMLDiagnostic])

    public var errorDescription: String? {
        switch self {
        case let .unusableSchema(file, diagnostics):
            let details = diagnostics.map(\.description).joined(separator: "\n")
            return "\(file): error: the schema cannot be compiled; reinstall cxaudit or restore Rulesets/schema/."
                + (details.isEmpty ? "" : "\n" + details)
        }
    }
}
