/// A problem with an input of the run (a ruleset, the register, an evidence
/// file), as opposed to a finding about the organization.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(severity: Severity = .error, location: SourceLocation, message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `file:line:col: severity: message`.
    public var description: String {
        "\(location): \(severity.rawValue): \(message)"
    }
}
