import AuditModel
import Foundation

/// Who connects to the history database and with which password, found as `psql` finds them:
/// the user from the address, `PGUSER` or the system user; the password from `PGPASSWORD`,
/// else the password file (`PGPASSFILE`, default `~/.pgpass`), never from the address.
struct PostgresCredentials: Equatable {
    let user: String
    let password: String?

    init(user: String, password: String?) {
        self.user = user
        self.password = password
    }

    init(address: PostgresAddress, environment: [String: String]) throws(HistoryError) {
        user = address.user ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? ProcessInfo.processInfo.userName
        if let password = environment["PGPASSWORD"] {
            self.password = password
            return
        }
        let explicitFile = environment["PGPASSFILE"]
        let file = explicitFile ?? environment["HOME"].map { "\($0)/.pgpass" }
        guard let file, FileManager.default.fileExists(atPath: file) else {
            if let explicitFile {
                throw .unreachable(path: address.description, reason: "PGPASSFILE names \(explicitFile), which does not exist")
            }
            password = nil
            return
        }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw .unreachable(path: address.description, reason: "cannot read the password file \(file) (\(FileErrorReason.describe(error, reading: URL(fileURLWithPath: file))))")
        }
        // libpq matches a Unix socket connection against "localhost".
        let (host, user) = (address.host ?? "localhost", user)
        password = Self.entries(in: text).first { entry in
            entry.count == 5 && Self.matches(entry[0], host) && Self.matches(entry[1], String(address.port))
                && Self.matches(entry[2], address.database) && Self.matches(entry[3], user)
        }?[4]
    }

    /// The password file's lines as fields: `host:port:database:user:password`, `\:` and `\\`
    /// escaping, `#` comments.
    static func entries(in text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            var fields = [""]
            var escaped = false
            for character in line {
                if escaped {
                    fields[fields.count - 1].append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(character)
                }
            }
            return fields
        }
    }

    private static func matches(_ pattern: String, _ value: String) -> Bool {
        pattern == "*" || pattern == value
    }
}
