public import Foundation

/// Why an XPath expression could not be compiled or evaluated.
public enum XPathError: Error, LocalizedError, Sendable, Equatable {
    /// The expression is not valid XPath 1.0.
    case invalidExpression(expression: String, message: String)
    /// The expression is valid but failed on this document (unknown function,
    /// undefined variable, wrong argument type, operation limit).
    case evaluationFailed(expression: String, message: String)

    public var errorDescription: String? {
        switch self {
        case let .invalidExpression(expression, message):
            return "XPath '\(expression)' does not compile: \(message)"
        case let .evaluationFailed(expression, message):
            return "XPath '\(expression)' failed: \(message)"
        }
    }
}
