import PostgresNIO

extension HistoryError {
    /// Maps an error from PostgresNIO to the case that says what to do, with the server's own
    /// words where it gave some (PSQLError's description hides them on purpose).
    static func fromPostgres(_ error: any Error, place: String, connecting: Bool) -> HistoryError {
        if let error = error as? HistoryError { return error }
        guard let error = error as? PSQLError else {
            return connecting ? .unreachable(path: place, reason: "\(error)") : .failed(path: place, reason: "\(error)")
        }
        var reason = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
        if let state = error.serverInfo?[.sqlState] { reason += " [SQLSTATE \(state)]" }
        switch error.code {
        case .connectionError, .sslUnsupported, .failedToAddSSLHandler, .authMechanismRequiresPassword, .unsupportedAuthMechanism,
            .saslError, .serverClosedConnection:
            return .unreachable(path: place, reason: reason)
        default:
            // Invalid authorization (28xxx) and an unknown database (3D000) come back as server errors.
            if connecting || ["28", "3D"].contains(error.serverInfo?[.sqlState]?.prefix(2) ?? "") {
                return .unreachable(path: place, reason: reason)
            }
            return .failed(path: place, reason: reason)
        }
    }
}
