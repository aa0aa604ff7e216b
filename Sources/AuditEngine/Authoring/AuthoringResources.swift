public import Foundation
import LibXML

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

    /// Evidence types the shipped rulesets declare, read without validating them: items of
    /// these types are another ruleset's evidence when a run does not read them, not typos.
    public var shippedEvidenceTypes: Set<String> {
        var types = Set<String>()
        for url in shippedRulesets {
            guard let root = (try? XMLDocument.parse(contentsOf: url, displayName: url.lastPathComponent))?.root else { continue }
            for element in root.childElements where element.localName == "evidence-type" {
                if let id = element.attribute("id") { types.insert(id) }
            }
        }
        return types
    }

    private func xmlFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
