public import Foundation

/// Why an XML file could not be turned into a document.
public enum XMLError: Error, LocalizedError, Sendable, Equatable {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// The file is larger than the configured limit.
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// The file declares a DOCTYPE; DTDs are refused to rule out entity attacks.
    case doctypeRefused(file: String, line: Int)
    /// The file nests elements deeper than the limit.
    case tooDeep(file: String, line: Int, limit: Int)
    /// A start tag has more attributes than the limit (a denial-of-service guard).
    case tooManyAttributes(file: String, line: Int, limit: Int)
    /// The file is not well-formed XML; every problem libxml2 saw is listed.
    case malformed(file: String, diagnostics: [XMLDiagnostic])

    public var errorDescription: String? {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): error: cannot read file: \(reason). Check the path and the file's permissions."
        case let .tooLarge(file, bytes, limit):
            return "\(file): error: file is \(bytes) bytes, over the \(limit)-byte limit for one evidence file. Split the file or raise the limit."
        case let .doctypeRefused(file, line):
            return "\(file):\(line): error: DOCTYPE not allowed: cxaudit refuses DTDs and entity declarations in evidence and rulesets (they enable entity-expansion and external-entity attacks). Remove the DOCTYPE declaration."
        case let .tooDeep(file, line, limit):
            return "\(file):\(line): error: elements nested deeper than \(limit) levels; this is refused as a denial-of-service guard. Flatten the document."
        case let .tooManyAttributes(file, line, limit):
            return "\(file):\(line): error: an element has more than \(limit) attributes; this is refused as a denial-of-service guard (the XML parser's work grows with the square of an element's attributes). Turn the attributes into child elements."
        case let .malformed(_, diagnostics):
            let lines = diagnostics.map(\.description)
            return (lines.isEmpty ? ["XML is not well-formed"] : lines).joined(separator: "\n")
                + "\nFix the XML so it is well-formed (xmllint --noout FILE shows the same problems)."
        }
    }

    /// The file the error is about.
    public var file: String {
        switch self {
        case let .unreadable(file, _), let .tooLarge(file, _, _), let .doctypeRefused(file, _),
            let .tooDeep(file, _, _), let .tooManyAttributes(file, _, _), let .malformed(file, _):
            return file
        }
    }

    /// The first line the error points at, if any.
    public var line: Int? {
        switch self {
        case .unreadable, .tooLarge: return nil
        case let .doctypeRefused(_, line), let .tooDeep(_, line, _), let .tooManyAttributes(_, line, _): return line
        case let .malformed(_, diagnostics): return diagnostics.first.map(\.line)
        }
    }
}
