import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("cxaudit.toml")
struct JobConfigurationTests {
    static let base = URL(fileURLWithPath: "/srv/evidence")

    @Test("settings are read and paths resolve against the evidence folder")
    func reads() throws {
        let text = """
            # nightly job for the Leeds site
            version = 1
            rulesets = ["../rules/iso9001.xml", "/opt/rules/extra.xml"]
            profiles = "profiles/small.xml"
            waivers = ["waivers.xml"]
            formats = ["json", "junit", "html"]
            output-dir = "out"
            fail-on = "major"
            fail-on-new = true
            baseline = "out/cxaudit-results.json"
            history = true
            history-store = "postgres://cxaudit@db.example/cxaudit?sslmode=require"
            site = "leeds"
            jobs = 2
            csv-dialect = "plain"
            """
        let configuration = try JobConfiguration.parse(text, file: "cxaudit.toml", base: Self.base)
        #expect(configuration.rulesets.map(\.path) == ["/srv/rules/iso9001.xml", "/opt/rules/extra.xml"])
        #expect(configuration.profiles.map(\.path) == ["/srv/evidence/profiles/small.xml"])
        #expect(configuration.formats == [.json, .junit, .html])
        #expect(configuration.outputDirectory?.path == "/srv/evidence/out")
        #expect(configuration.failOn == .major)
        #expect(configuration.failOnNew == true)
        #expect(configuration.history == true)
        #expect(configuration.historyStore?.description == "postgres://cxaudit@db.example/cxaudit?sslmode=require")
        #expect(configuration.site == "leeds")
        #expect(configuration.jobs == 2)
        #expect(configuration.csvDialect == .plain)
    }

    @Test("an unknown setting is an error naming it and its line", arguments: [
        ("fail_on = \"major\"", "unknown setting 'fail_on'", 1),
        ("jobs = 2\nfail-on = \"critical\"", "'fail-on' must be one of major, minor, never, ofi, not 'critical'", 2),
        ("jobs = 0", "'jobs' must be a whole number of at least 1", 1),
        ("history = \"yes\"", "'history' must be true or false", 1),
        ("version = 2", "version must be 1", 1),
        ("jobs = 2\nhistory-store = \"postgres://cx:pw@db/cx\"", "holds a password", 2),
        ("history-store = \"postgres://db/cx?sslmod=require\"", "unknown option 'sslmod'", 1),
    ])
    func errors(text: String, message: String, line: Int) throws {
        let error = try #require(throws: JobConfiguration.ConfigurationError.self) {
            try JobConfiguration.parse(text, file: "cxaudit.toml", base: Self.base)
        }
        guard case let .invalid(file, errorLine, _, errorMessage) = error else { return }
        #expect(file == "cxaudit.toml")
        #expect(errorLine == line)
        #expect(errorMessage.contains(message), "\(errorMessage)")
    }

    static let formatNames = "console, csv, html, json, junit, markdown, oscal, sarif, svrl"

    @Test("a format or threshold that is not one of the flag's values is an error with its line, never dropped", arguments: [
        ("formats = [\"json\", \"pdf\"]", "'formats' must be one of \(formatNames), not 'pdf'", 1),
        ("jobs = 2\nformats = [\"json\", \"JSON\"]", "'formats' must be one of \(formatNames), not 'JSON' (did you mean 'json'?)", 2),
        ("formats = \"Markdown\"", "not 'Markdown' (did you mean 'markdown'?)", 1),
        ("version = 1\nformats = [\n  \"json\",\n  \"junt\",\n]", "not 'junt' (did you mean 'junit'?)", 2),
        ("fail-on = \"mayor\"", "'fail-on' must be one of major, minor, never, ofi, not 'mayor' (did you mean 'major'?)", 1),
        ("fail-on = \"Never\"", "not 'Never' (did you mean 'never'?)", 1),
        ("csv-dialect = \"excel\"", "'csv-dialect' must be one of plain, spreadsheet, not 'excel'", 1),
        ("csv-dialect = \"Plain\"", "not 'Plain' (did you mean 'plain'?)", 1),
    ])
    func unknownValues(text: String, message: String, line: Int) throws {
        let error = try #require(throws: JobConfiguration.ConfigurationError.self) {
            try JobConfiguration.parse(text, file: "/srv/evidence/cxaudit.toml", base: Self.base)
        }
        #expect(error.errorDescription?.hasPrefix("/srv/evidence/cxaudit.toml:\(line): error: ") == true, "\(error)")
        #expect(error.errorDescription?.contains(message) == true, "\(error)")
    }

    @Test("a name far from every accepted one gets no suggestion")
    func noSuggestion() throws {
        let error = try #require(throws: JobConfiguration.ConfigurationError.self) {
            try JobConfiguration.parse("formats = [\"spreadsheet\"]", file: "cxaudit.toml", base: Self.base)
        }
        #expect(error.errorDescription?.contains("not 'spreadsheet'. Fix cxaudit.toml") == true, "\(error)")
    }

    @Test("a TOML syntax error gives line and column")
    func syntax() throws {
        let error = try #require(throws: JobConfiguration.ConfigurationError.self) {
            try JobConfiguration.parse("jobs = 2\nformats = [\"json\"", file: "cxaudit.toml", base: Self.base)
        }
        #expect(error.errorDescription?.hasPrefix("cxaudit.toml:2:") == true)
    }

    @Test("no file, no configuration")
    func absent() throws {
        #expect(try JobConfiguration.load(from: URL(fileURLWithPath: "/nonexistent")) == nil)
    }
}
