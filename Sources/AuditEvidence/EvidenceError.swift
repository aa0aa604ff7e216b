public import AuditModel
public import Foundation

/// Why evidence could not be used. Each case names the file and, where there is
/// one, the line, and says what to do.
public enum EvidenceError: Error, LocalizedError, Sendable, Equatable {
    /// The evidence folder has no register.
    case registerMissing(folder: String, expected: String)
    /// The register is not well-formed or breaks its schema.
    case registerInvalid(file: String, diagnostics: [Diagnostic])
    /// An item's path is absolute, escapes the folder with `..`, or is a symlink leading out.
    case pathOutsideFolder(item: String, path: String, declaredAt: SourceLocation)
    /// An item's file does not exist or is not a regular file.
    case fileMissing(item: String, path: String, declaredAt: SourceLocation)
    /// An item's file could not be read.
    case unreadable(item: String, path: String, reason: String)
    /// An item's file is larger than allowed.
    case tooLarge(item: String, path: String, bytes: Int, limit: Int)
    /// An item's content could not be parsed in its declared format (or was refused as hostile).
    case malformed(item: String, path: String, diagnostics: [Diagnostic])

    public var errorDescription: String? {
        switch self {
        case let .registerMissing(folder, expected):
            return "\(folder): error: no evidence register (\(expected)) in this folder. Create one (see docs/evidence.md) or pass the folder that has it."
        case let .registerInvalid(_, diagnostics):
            return (diagnostics.map(\.description) + ["Fix the evidence register (see docs/evidence.md); no evidence was evaluated."])
                .joined(separator: "\n")
        case let .pathOutsideFolder(item, path, location):
            return "\(location): error: item \(item): file '\(path)' is outside the evidence folder (absolute path, '..' or a symlink leading out). Copy the file into the evidence folder and give a relative path."
        case let .fileMissing(item, path, location):
            return "\(location): error: item \(item): file '\(path)' does not exist or is not a regular file. Correct the path in the register or add the file."
        case let .unreadable(item, path, reason):
            return "\(path): error: item \(item): cannot read the file: \(reason). Check its permissions."
        case let .tooLarge(item, path, bytes, limit):
            return "\(path): error: item \(item): \(bytes) bytes is over the \(limit)-byte limit for one evidence file. Split the file by period."
        case let .malformed(item, _, diagnostics):
            return (diagnostics.map { "\($0) (item \(item))" } + ["Fix or re-export the file; rules on this item were reported as errors."])
                .joined(separator: "\n")
        }
    }

    /// Diagnostics to attach to the run.
    public var diagnostics: [Diagnostic] {
        switch self {
        case let .registerInvalid(_, diagnostics), let .malformed(_, _, diagnostics):
            return diagnostics
        case let .registerMissing(folder, _):
            return [Diagnostic(location: SourceLocation(file: folder), message: errorDescription ?? "")]
        case let .pathOutsideFolder(_, _, location), let .fileMissing(_, _, location):
            return [Diagnostic(location: location, message: Self.stripLocation(errorDescription ?? "", location))]
        case let .unreadable(_, path, _), let .tooLarge(_, path, _, _):
            return [Diagnostic(location: SourceLocation(file: path), message: Self.stripLocation(errorDescription ?? "", SourceLocation(file: path)))]
        }
    }

    private static func stripLocation(_ text: String, _ location: SourceLocation) -> String {
        text.replacingOccurrences(of: "\(location): error: ", with: "")
    }
}
