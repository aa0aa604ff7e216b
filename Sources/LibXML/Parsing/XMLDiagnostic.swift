/// A problem libxml2 reported about a file, with the position it points at.
///
/// Diagnostics are values so they can cross task boundaries and be rendered by
/// any layer (`file:line:col: severity: message`) without touching libxml2.
public struct XMLDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious libxml2 judged the problem.
    public enum Severity: String, Sendable, Hashable {
        case warning
        case error
    }

    /// Path of the file as given by the caller (not resolved further).
    public var file: String
    /// 1-based line, or 0 when libxml2 gave none.
    public var line: Int
    /// 1-based column, or 0 when libxml2 gave none.
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `file:line:col: severity: message`, the shape compilers and editors understand.
    public var description: String {
        var position = file
        if line > 0 {
            position += ":\(line)"
            if column > 0 { position += ":\(column)" }
        }
        return "\(position): \(severity.rawValue): \(message)"
    }
}
