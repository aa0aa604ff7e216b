import Foundation

/// How many sites an audit visits under MD 1's size rule, and how many of them are drawn at
/// random: the numbers and the working that gave them, so a plan can show its arithmetic.
public struct SampleSize: Sendable, Hashable, Codable {
    public var stage: AuditStage
    /// x: the sites sampled from, the central function not counted.
    public var siteCount: Int
    /// y: the sites to visit besides the central function, never more than x.
    public var size: Int
    /// Sites of y drawn at random: at least 25 %, rounded up.
    public var randomCount: Int
    /// Sites of y chosen by risk: the rest.
    public var riskCount: Int { size - randomCount }
    /// y as MD 1's rule gives it, before it is capped at x.
    public var ruleSize: Int

    /// The sample for `siteCount` sites at `stage`.
    public init(stage: AuditStage, siteCount: Int) {
        precondition(siteCount >= 0, "a negative number of sites")
        self.stage = stage
        self.siteCount = siteCount
        let k = stage.coefficientFifths
        var y = 0
        while 25 * y * y < k * k * siteCount { y += 1 }
        ruleSize = y
        size = min(y, siteCount)
        randomCount = (size + 3) / 4
    }

    /// Every site is visited: the rule asks for as many sites as there are, or more.
    public var coversAllSites: Bool { ruleSize >= siteCount }

    /// The rule with x put in and the result: `y = ⌈0.6 × √10⌉ = ⌈1.90⌉ = 2`.
    public var formula: String {
        let root = Double(siteCount).squareRoot()
        let value = Double(stage.coefficientFifths) / 5 * root
        let substituted = stage == .initial ? "⌈√\(siteCount)⌉" : "⌈\(stage.coefficient) × √\(siteCount)⌉"
        var shown = String(format: "%.2f", value)
        // 4.0003 is not shown as 4.00, which would make ⌈4.00⌉ = 5 look wrong.
        if shown.hasSuffix(".00") && (value - value.rounded()).magnitude > 1e-9 { shown = String(format: "%.6f", value) }
        return "y = \(substituted) = ⌈\(shown)⌉ = \(ruleSize)"
    }
}
