public import AuditModel
public import Foundation
public import LibXML

/// Reads one of cxaudit's own XML files — ruleset, profile, waivers, ruleset tests,
/// evidence register — and checks it against its RELAX NG schema: the prologue every
/// reader of them shares. A reader starts from the valid document's root element, and
/// problems reach it as its own error type, made from an `XMLInputError`.
public struct SchemaValidatedLoader: Sendable {
    private let schema: RelaxNGSchema
    /// What the schema allows, to explain violations in the user's terms.
    private let vocabulary: SchemaVocabulary

    /// Compiles the schema the files must follow.
    ///
    /// - Parameters:
    ///   - schema: One of the shipped schemas in `Rulesets/schema/`.
    ///   - reportingAs: Makes the reader's error from an `XMLInputError`.
    /// - Throws: The reader's error for an `XMLInputError` at the `.schema` stage, naming the schema file.
    public init<Failure: Error>(schema: URL, reportingAs failure: (XMLInputError) -> Failure) throws(Failure) {
        do {
            self.schema = try RelaxNGSchema(contentsOf: schema)
            vocabulary = SchemaVocabulary(schema: schema)
        } catch {
            throw failure(
                XMLInputError(
                    stage: .schema, file: schema.path,
                    diagnostics: [Diagnostic(location: SourceLocation(file: schema.path), message: error.localizedDescription)]))
        }
    }

    /// Reads `url`, parses it and checks it against the schema.
    ///
    /// - Parameters:
    ///   - displayName: How the file is named in messages (defaults to its path).
    ///   - kind: What the file is, for the message when it cannot be read (`cannot read
    ///     ruleset: …`); nil words it as the XML parser does (`cannot read file: …`).
    ///   - reportingAs: Makes the reader's error from an `XMLInputError`.
    /// - Throws: The reader's error for the first stage with problems, with all of that stage's.
    public func load<Failure: Error>(
        _ url: URL, displayName: String? = nil, kind: String? = nil, reportingAs failure: (XMLInputError) -> Failure
    ) throws(Failure) -> XMLInputFile {
        do throws(XMLInputError) {
            let file = try read(url, displayName: displayName, kind: kind)
            let violations = self.violations(of: file)
            guard violations.isEmpty else { throw XMLInputError(stage: .validating, file: file.name, diagnostics: violations) }
            return file
        } catch {
            throw failure(error)
        }
    }

    /// Reads and parses `url` without checking it against the schema, for a caller that
    /// goes on despite schema problems (lint reports every stage's); `violations(of:)`
    /// gives them.
    ///
    /// - Throws: `XMLInputError` at the `.reading` or `.parsing` stage.
    public func read(_ url: URL, displayName: String? = nil, kind: String? = nil) throws(XMLInputError) -> XMLInputFile {
        let name = displayName ?? url.path
        let data: Data
        do {
            data = try XMLDocument.contents(of: url, displayName: name)
        } catch {
            let diagnostics: [Diagnostic]
            if let kind, case let .unreadable(_, reason) = error {
                diagnostics = [Diagnostic(location: SourceLocation(file: name), message: "cannot read \(kind): \(reason)")]
            } else {
                diagnostics = Diagnostic.from(error)
            }
            throw XMLInputError(stage: .reading, file: name, diagnostics: diagnostics)
        }
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(data: data, file: name)
        } catch {
            throw XMLInputError(stage: .parsing, file: name, diagnostics: Diagnostic.from(error))
        }
        // The parser rejects a document without an element, so this guards an impossibility.
        guard let root = document.root else {
            throw XMLInputError(
                stage: .parsing, file: name, diagnostics: [Diagnostic(location: SourceLocation(file: name), message: "no root element")])
        }
        return XMLInputFile(name: name, data: data, document: document, root: root)
    }

    /// Every violation of the schema in `file`, in document order, in the user's terms
    /// (see `SchemaViolationTranslator`); empty when it is valid.
    public func violations(of file: XMLInputFile) -> [Diagnostic] {
        let violations = schema.validate(file.document)
        guard !violations.isEmpty else { return [] }
        return SchemaViolationTranslator(vocabulary: vocabulary, document: file.document).translate(violations)
    }
}

/// An input file as read and parsed.
public struct XMLInputFile {
    /// The file as named in messages.
    public let name: String
    /// The bytes read, for the file's digest.
    public let data: Data
    public let document: XMLDocument
    /// The document element.
    public let root: XMLNode
}

/// Why an input file could not be used, at the stage that stopped it, with every
/// problem of that stage.
public struct XMLInputError: Error, Sendable, Equatable {
    /// The loading stages, in the order they run.
    public enum Stage: Sendable, Equatable {
        /// The schema itself could not be read or compiled.
        case schema
        /// The file could not be read.
        case reading
        /// The file is not well-formed XML, or was refused as hostile.
        case parsing
        /// The document breaks the schema.
        case validating
    }

    public let stage: Stage
    /// The file the problems are in, as named in messages: the schema's path at the `.schema` stage.
    public let file: String
    public let diagnostics: [Diagnostic]
}
