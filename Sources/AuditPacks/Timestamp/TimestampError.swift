public import Foundation

/// Why a pack could not be time-stamped: the TSA could not be reached, refused, or
/// answered with something that is not a time-stamp of the verdict.
public enum TimestampError: Error, LocalizedError, Sendable, Hashable {
    /// Why a token or response does not hold, in words (one failed check).
    public struct Reason: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String

        public init(_ description: String) {
            self.description = description
        }
    }

    /// The request did not get an HTTP answer (no connection, timeout, TLS failure).
    case unreachable(url: String, reason: String)
    /// The TSA answered with an HTTP error status.
    case httpStatus(url: String, status: Int)
    /// The TSA answered, but did not grant the time-stamp (PKIStatus rejection or waiting).
    case notGranted(url: String, status: Int, text: String)
    /// The answer is not a time-stamp of the verdict: not a TimeStampResp, a token that
    /// does not verify, another imprint, or another nonce (a replayed answer).
    case invalidResponse(url: String, reason: Reason)

    public var errorDescription: String? {
        switch self {
        case let .unreachable(url, reason):
            return "\(url): error: cannot reach the time-stamping authority: \(reason); check --timestamp-url and the network, or pack without it. No pack was written."
        case let .httpStatus(url, status):
            return "\(url): error: the time-stamping authority answered HTTP \(status); check --timestamp-url (an RFC 3161 endpoint takes POSTs of application/timestamp-query). No pack was written."
        case let .notGranted(url, status, text):
            return "\(url): error: the time-stamping authority refused the request (PKIStatus \(status)\(text.isEmpty ? "" : ": \(text)")); ask its operator, or use another. No pack was written."
        case let .invalidResponse(url, reason):
            return "\(url): error: the answer is not a valid time-stamp of the verdict: \(reason); the TSA is misconfigured or the answer was tampered with. No pack was written."
        }
    }
}
