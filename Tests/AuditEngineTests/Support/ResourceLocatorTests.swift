import AuditEngine
import AuditModel
import Foundation
import Testing

@Suite("Finding cxaudit's resources")
struct ResourceLocatorTests {
    @Test("every resource is under the home folder, where the checkout keeps it")
    func paths() {
        let locator = ResourceLocator(home: repositoryRoot)
        for file in [
            locator.rulesetSchema, locator.registerSchema, locator.profileSchema, locator.waiverSchema, locator.defaultRuleset,
            locator.starterRuleset,
        ] {
            #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path)")
        }
        #expect(FileManager.default.fileExists(atPath: locator.defaultEvidence.appendingPathComponent("evidence-register.xml").path))
        #expect(locator.rulesetsFolder == repositoryRoot.appendingPathComponent("Rulesets"))
    }

    @Test("CXAUDIT_HOME is used when it holds the schemas")
    func environment() throws {
        let located = try #require(ResourceLocator.locate(environment: ["CXAUDIT_HOME": repositoryRoot.path]))
        #expect(located.home.standardizedFileURL.path == repositoryRoot.standardizedFileURL.path)
    }

    @Test("a CXAUDIT_HOME without the schemas is passed over for the next place that has them")
    func environmentWithoutSchemas() throws {
        let empty = try TemporaryFolder()
        let located = ResourceLocator.locate(environment: ["CXAUDIT_HOME": empty.url.path])
        #expect(located?.home.path != empty.url.standardizedFileURL.path)
        if let located {
            #expect(FileManager.default.fileExists(atPath: located.rulesetSchema.path))
        }
    }

    @Test("a relative path not found from the working directory is looked up under the home; nowhere, the message says where it looked")
    func find() throws {
        let elsewhere = try TemporaryFolder()
        let locator = ResourceLocator(home: repositoryRoot)
        let workingDirectory = URL(fileURLWithPath: elsewhere.url.path, isDirectory: true)
        let relative = URL(fileURLWithPath: "Rulesets/profiles/iso9001-small-organization.xml", relativeTo: workingDirectory)
        let found = try locator.find(relative, kind: "profile")
        #expect(found.path == repositoryRoot.appendingPathComponent("Rulesets/profiles/iso9001-small-organization.xml").standardizedFileURL.path)
        let absolute = repositoryRoot.appendingPathComponent("Rulesets/cx-starter.xml")
        #expect(try locator.find(absolute, kind: "ruleset") == absolute)
        let missing = URL(fileURLWithPath: "Rulesets/profiles/nope.xml", relativeTo: workingDirectory)
        let error = try #require(throws: RulesetError.self) { try locator.find(missing, kind: "profile") }
        let message = try #require(error.diagnostics.first?.message)
        #expect(message.hasPrefix("cannot find the profile: no such file; looked for \(elsewhere.url.path)/Rulesets/profiles/nope.xml and \(repositoryRoot.standardizedFileURL.path)/Rulesets/profiles/nope.xml"))
        #expect(message.contains("CXAUDIT_HOME"))
        #expect(error.file == "Rulesets/profiles/nope.xml")
    }
}
