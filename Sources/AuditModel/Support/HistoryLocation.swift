public import Foundation

/// Where recorded runs are kept: an embedded SQLite file next to one site's evidence, or a
/// PostgreSQL database that many sites' jobs, on many machines, record into at once.
///
/// Written as a path or as a `postgres://` address (`--history-store`, cxaudit.toml's
/// `history-store`). The address never carries a password: a command line shows in process
/// lists and job logs, and cxaudit.toml is usually committed; the password comes from
/// `PGPASSWORD` or a password file, as for `psql`.
public enum HistoryLocation: Sendable, Hashable, CustomStringConvertible {
    case file(URL)
    case postgres(PostgresAddress)

    /// Reads a location as the user wrote it.
    ///
    /// - Parameters:
    ///   - text: A path, or a `postgres://` / `postgresql://` address.
    ///   - base: The folder a relative path is read against.
    /// - Throws: `HistoryLocationError` for an address that cannot be used as written.
    public init(_ text: String, relativeTo base: URL) throws(HistoryLocationError) {
        if let scheme = text.range(of: "://").map({ text[..<$0.lowerBound].lowercased() }), scheme.allSatisfy(\.isLetter) {
            guard PostgresAddress.schemes.contains(scheme) else { throw .unsupportedScheme(text: text, scheme: scheme) }
            self = .postgres(try PostgresAddress(parsing: text))
        } else {
            self = .file(text.hasPrefix("/") ? URL(fileURLWithPath: text) : base.appendingPathComponent(text).standardizedFileURL)
        }
    }

    /// The path, or the address without credentials: what messages and reports name.
    public var description: String {
        switch self {
        case let .file(url): url.path
        case let .postgres(address): address.description
        }
    }
}

/// A PostgreSQL server and database, with the options libpq's connection URIs use for them.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted, with libpq's `sslmode` names and meanings.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// No TLS: for a Unix socket, or a network the job trusts.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS always, without checking the server's certificate.
        case require
        /// TLS always, with the certificate checked against `sslrootcert`.
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate must name the host.
        case verifyFull = "verify-full"
    }

    static let schemes: Set<String> = ["postgres", "postgresql"]
    static let defaultPort = 5432

    /// The host name or address; nil when connecting through a Unix socket.
    public var host: String?
    /// The folder holding the server's Unix socket (`?host=/run/postgresql`).
    public var socketDirectory: String?
    public var port: Int
    public var database: String
    /// The role to connect as; nil for `PGUSER`, else the system user (as libpq does).
    public var user: String?
    public var tls: TLSMode
    /// PEM file of the certificate authorities trusted for `verify-ca` and `verify-full`.
    public var rootCertificate: String?

    /// The Unix socket file, `DIR/.s.PGSQL.PORT`, when connecting through one.
    public var socketPath: String? {
        socketDirectory.map { "\($0)/.s.PGSQL.\(port)" }
    }

    /// Reads a `postgres://[user@][host][:port]/database[?host=/socket/dir&sslmode=…&sslrootcert=…]` address.
    public init(parsing text: String) throws(HistoryLocationError) {
        guard let components = URLComponents(string: text) else { throw .malformed(text: text, reason: "it is not a valid URL") }
        if components.password != nil {
            throw .passwordInAddress(address: Self.withoutPassword(text))
        }
        user = components.user?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        let path = components.percentEncodedPath.removingPercentEncoding ?? components.path
        database = String(path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .malformed(text: text, reason: "it names no database; write postgres://HOST/DATABASE")
        }
        port = components.port ?? Self.defaultPort
        let hostName = components.percentEncodedHost?.removingPercentEncoding ?? ""
        host = hostName.hasPrefix("/") || hostName.isEmpty ? nil : hostName
        socketDirectory = hostName.hasPrefix("/") ? hostName : nil
        tls = .prefer
        rootCertificate = nil
        var explicitTLS = false
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "host":
                guard value.hasPrefix("/") else {
                    throw .malformed(text: text, reason: "?host= takes the folder of a Unix socket, e.g. ?host=/run/postgresql; put a host name before the database")
                }
                socketDirectory = value
                host = nil
            case "port":
                guard let number = Int(value), (1...65535).contains(number) else { throw .malformed(text: text, reason: "port '\(value)' is not a port number") }
                port = number
            case "user":
                user = value.isEmpty ? nil : value
            case "dbname":
                database = value
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw .malformed(text: text, reason: "sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
                }
                tls = mode
                explicitTLS = true
            case "sslrootcert":
                rootCertificate = value
            case "password":
                throw .passwordInAddress(address: Self.withoutPassword(text))
            default:
                // A misspelt option (sslmod=require) must not quietly weaken the connection.
                throw .malformed(text: text, reason: "unknown option '\(item.name)'; cxaudit reads host, port, user, dbname, sslmode and sslrootcert")
            }
        }
        if host == nil && socketDirectory == nil {
            throw .malformed(text: text, reason: "it names no server; write postgres://HOST/DATABASE or postgres:///DATABASE?host=/socket/folder")
        }
        if socketDirectory != nil && !explicitTLS { tls = .disable }
        if (tls == .verifyCA || tls == .verifyFull) && rootCertificate == nil {
            throw .malformed(text: text, reason: "sslmode=\(tls.rawValue) checks the server's certificate: add sslrootcert=PATH (the CA certificates, PEM)")
        }
    }

    /// The address as a URL, without credentials.
    public var description: String {
        var options: [String] = []
        if let socketDirectory { options.append("host=\(socketDirectory)") }
        if tls != .prefer && !(socketDirectory != nil && tls == .disable) { options.append("sslmode=\(tls.rawValue)") }
        if let rootCertificate { options.append("sslrootcert=\(rootCertificate)") }
        let server = host.map { ($0.contains(":") ? "[\($0)]" : $0) + (port == Self.defaultPort ? "" : ":\(port)") } ?? ""
        let socketPort = socketDirectory != nil && port != Self.defaultPort ? ["port=\(port)"] : []
        let query = (options + socketPort).joined(separator: "&")
        return "postgres://\(user.map { "\($0)@" } ?? "")\(server)/\(database)\(query.isEmpty ? "" : "?\(query)")"
    }

    /// The address with any password replaced, for the message that refuses it.
    private static func withoutPassword(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "postgres://…" }
        if components.password != nil { components.password = "…" }
        components.queryItems = components.queryItems?.map { $0.name == "password" ? URLQueryItem(name: "password", value: "…") : $0 }
        return components.string ?? "postgres://…"
    }
}

/// Why a history location cannot be used as written.
public enum HistoryLocationError: Error, LocalizedError, Sendable, Equatable {
    case passwordInAddress(address: String)
    case unsupportedScheme(text: String, scheme: String)
    case malformed(text: String, reason: String)

    public var errorDescription: String? {
        "error: \(reason)"
    }

    /// What is wrong and what to do, without the "error:" a message starts with.
    public var reason: String {
        switch self {
        case let .passwordInAddress(address):
            "the history store address \(address) holds a password. Remove it and give the password in the "
                + "PGPASSWORD environment variable or a password file (PGPASSFILE, default ~/.pgpass): a command line "
                + "shows in process lists and job logs, and cxaudit.toml is usually committed"
        case let .unsupportedScheme(text, scheme):
            "the history store \(text) is a \(scheme):// address; cxaudit keeps history in a file (give a path) "
                + "or in PostgreSQL (postgres://HOST/DATABASE)"
        case let .malformed(text, reason):
            "cannot use the history store address \(text): \(reason)"
        }
    }
}
