import AuditEngine
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
}
