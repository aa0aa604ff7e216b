public import Foundation

/// Where the authoring commands find what cxaudit ships: every ruleset, every
/// ruleset test file, and the test files' schema.
extension ResourceLocator {
    /// Suffix that marks a ruleset test file (`cx-starter.test.xml` tests `cx-starter.xml`).
    public static let rulesetTestSuffix = ".test.xml"

    /// `Rulesets/schema/ruleset-test-1.rng`.
    public var rulesetTestSchema: URL { home.appendingPathComponent("Rulesets/schema/ruleset-test-1.rng") }

    /// Every shipped ruleset: each `*.xml` directly in `Rulesets/` that is not a test file, sorted by name.
    public var shippedRulesets: [URL] {
        xmlFiles(in: rulesetsFolder).filter { !$0.lastPathComponent.hasSuffix(Self.rulesetTestSuffix) }
    }

    /// Every shipped ruleset test file: each `*.test.xml` directly in `Rulesets/`, sorted by name.
    public var shippedRulesetTests: [URL] {
        xmlFiles(in: rulesetsFolder).filter { $0.lastPathComponent.hasSuffix(Self.rulesetTestSuffix) }
    }

    private func xmlFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
