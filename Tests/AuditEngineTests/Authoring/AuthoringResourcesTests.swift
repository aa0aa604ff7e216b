import AuditEngine
import Foundation
import Testing

@Suite("Shipped rulesets and their tests")
struct AuthoringResourcesTests {
    @Test("shipped rulesets and test files are told apart by the .test.xml suffix")
    func split() {
        let rulesets = resources.shippedRulesets.map(\.lastPathComponent)
        let tests = resources.shippedRulesetTests.map(\.lastPathComponent)
        #expect(rulesets.contains("cx-starter.xml"))
        #expect(tests.contains("cx-starter.test.xml"))
        #expect(rulesets.allSatisfy { !$0.hasSuffix(".test.xml") })
        #expect(tests.allSatisfy { $0.hasSuffix(".test.xml") })
        #expect(rulesets == rulesets.sorted())
    }

    @Test("every shipped ruleset has a test file next to it")
    func everyRulesetTested() {
        let tests = Set(resources.shippedRulesetTests.map(\.lastPathComponent))
        for ruleset in resources.shippedRulesets {
            let name = ruleset.deletingPathExtension().lastPathComponent + ResourceLocator.rulesetTestSuffix
            #expect(tests.contains(name), "\(ruleset.lastPathComponent) has no \(name)")
        }
    }
}
