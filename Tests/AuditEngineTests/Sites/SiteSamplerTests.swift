@testable import AuditEngine
import Foundation
import Testing

@Suite("Site sampling after IAF MD 1")
struct SiteSamplerTests {
    /// `count` sites S01, S02, … and, when asked, a central function HQ.
    static func sites(_ count: Int, central: Bool = false) -> [Site] {
        let width = String(count).count
        let numbered = (1...max(1, count)).prefix(count).map { number in
            Site(id: "S" + String(repeating: "0", count: max(0, width - String(number).count)) + String(number))
        }
        return (central ? [Site(id: "HQ", name: "Head office", isCentral: true)] : []) + numbered
    }

    static func ids(_ plan: SamplingPlan, _ selection: SiteVisit.Selection) -> [String] {
        plan.visits.filter { $0.selection == selection }.map(\.site.id)
    }

    /// MD 1's y = ⌈c·√x⌉ worked by hand: c = 1, 0.6, 0.8.
    static let sampleSizes: [(AuditStage, Int, Int)] = [
        (.initial, 1, 1), (.initial, 4, 2), (.initial, 10, 4), (.initial, 40, 7), (.initial, 100, 10),
        (.surveillance, 1, 1), (.surveillance, 4, 2), (.surveillance, 10, 2), (.surveillance, 40, 4), (.surveillance, 100, 6),
        (.recertification, 1, 1), (.recertification, 4, 2), (.recertification, 10, 3), (.recertification, 40, 6), (.recertification, 100, 8),
    ]

    @Test("the sample size is MD 1's rule, rounded up", arguments: sampleSizes)
    func sampleSize(_ stage: AuditStage, x: Int, y: Int) {
        let size = SampleSize(stage: stage, siteCount: x)
        #expect(size.size == y)
        let plan = SiteSampler.plan(sites: Self.sites(x), stage: stage, seed: 1, risks: [:])
        #expect(plan.visits.count == y)
        #expect(plan.visits.count + plan.notVisited.count == x)
    }

    @Test("the integer rule agrees with ⌈c·√x⌉ wherever floating point can tell", arguments: AuditStage.allCases)
    func integerRule(_ stage: AuditStage) {
        let coefficient = Double(stage.coefficient) ?? 0
        for x in 1...2_000 {
            let value = coefficient * Double(x).squareRoot()
            if (value - value.rounded()).magnitude < 1e-9 {
                #expect(SampleSize(stage: stage, siteCount: x).ruleSize == Int(value.rounded()), "x = \(x)")
            } else {
                #expect(SampleSize(stage: stage, siteCount: x).ruleSize == Int(value.rounded(.up)), "x = \(x)")
            }
        }
        // 0.6 × √25 is 3 exactly, not the 3.0000000000000004 floating point may make of it.
        #expect(SampleSize(stage: .surveillance, siteCount: 25).size == 3)
        #expect(SampleSize(stage: .recertification, siteCount: 25).size == 4)
    }

    @Test("the formula shows the working")
    func formula() {
        #expect(SampleSize(stage: .surveillance, siteCount: 10).formula == "y = ⌈0.6 × √10⌉ = ⌈1.90⌉ = 2")
        #expect(SampleSize(stage: .initial, siteCount: 10).formula == "y = ⌈√10⌉ = ⌈3.16⌉ = 4")
        #expect(SampleSize(stage: .recertification, siteCount: 100).formula == "y = ⌈0.8 × √100⌉ = ⌈8.00⌉ = 8")
    }

    @Test("at least 25 % of the sample is drawn at random, rounded up", arguments: AuditStage.allCases)
    func randomShare(_ stage: AuditStage) {
        for x in 3...120 {
            let plan = SiteSampler.plan(sites: Self.sites(x, central: true), stage: stage, seed: UInt64(x), risks: [:])
            let size = plan.sampleSize
            guard !size.coversAllSites else { continue }
            let random = Self.ids(plan, .random)
            #expect(random.count == (size.size + 3) / 4, "x = \(x)")
            #expect(Double(random.count) >= 0.25 * Double(size.size), "x = \(x)")
            #expect(random.count + Self.ids(plan, .risk).count == size.size, "x = \(x)")
        }
    }

    @Test("the same seed gives the same plan; another seed draws other sites")
    func seeded() {
        let sites = Self.sites(100)
        let first = SiteSampler.plan(sites: sites, stage: .initial, seed: 42, risks: [:])
        #expect(SiteSampler.plan(sites: sites.reversed(), stage: .initial, seed: 42, risks: [:]) == first)
        #expect(Self.ids(first, .random) == ["S014", "S084", "S087"])
        #expect(Self.ids(SiteSampler.plan(sites: sites, stage: .initial, seed: 43, risks: [:]), .random) == ["S061", "S017", "S096"])
        let draws = Set((0..<20).map { Self.ids(SiteSampler.plan(sites: sites, stage: .initial, seed: $0, risks: [:]), .random) })
        #expect(draws.count > 15)
    }

    @Test("the random draw is made from every site, whatever their risk")
    func randomBeforeRisk() {
        let sites = Self.sites(10)
        let risks = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, SiteRisk(siteId: $0.id, openMajors: $0.id == "S04" ? 0 : 5)) })
        let plan = SiteSampler.plan(sites: sites, stage: .initial, seed: 42, risks: risks)
        #expect(Self.ids(plan, .random) == ["S04"])
        #expect(plan.visits.first { $0.selection == .random }?.reason == "random (seed 42)")
    }

    @Test("risk order: open majors, then the worst fall in score, then sites without history, then the rest")
    func riskOrder() {
        let risks: [String: SiteRisk] = [
            "A": SiteRisk(siteId: "A", openMajors: 1, scoreTrend: 5, trendRuns: 4),
            "B": SiteRisk(siteId: "B", openMajors: 3),
            "C": SiteRisk(siteId: "C", openMajors: 0, scoreTrend: -12.5, trendRuns: 4),
            "E": SiteRisk(siteId: "E", openMajors: 0, scoreTrend: 2, trendRuns: 2),
            "F": SiteRisk(siteId: "F", openMajors: 0, scoreTrend: -3, trendRuns: 3),
            "G": SiteRisk(siteId: "G", openMajors: 1, scoreTrend: -4, trendRuns: 4),
            "H": SiteRisk(siteId: "H", openMajors: 0),
        ]
        let sites = ["H", "G", "F", "E", "D", "C", "B", "A", "D2"].map { Site(id: $0) }
        let ranked = sites.sorted { SiteSampler.ranksBefore($0, $1, risks: risks) }.map(\.id)
        #expect(ranked == ["B", "G", "A", "C", "F", "D", "D2", "H", "E"])
    }

    @Test("each choice says why")
    func reasons() {
        #expect(SiteSampler.reason(for: SiteRisk(siteId: "B", openMajors: 2)) == "risk: 2 open major nonconformities")
        #expect(SiteSampler.reason(for: SiteRisk(siteId: "B", openMajors: 1)) == "risk: 1 open major nonconformity")
        #expect(
            SiteSampler.reason(for: SiteRisk(siteId: "G", openMajors: 1, scoreTrend: -4, trendRuns: 3))
                == "risk: 1 open major nonconformity, and score fell 4.0 points over the last 3 runs")
        #expect(
            SiteSampler.reason(for: SiteRisk(siteId: "C", openMajors: 0, scoreTrend: -12.5, trendRuns: 4))
                == "risk: score fell 12.5 points over the last 4 runs")
        #expect(SiteSampler.reason(for: nil) == "risk: no recorded runs — unknown risk")
        #expect(
            SiteSampler.reason(for: SiteRisk(siteId: "E", openMajors: 0, scoreTrend: 2, trendRuns: 2))
                == "risk: next in risk order (no open major nonconformity; score rose 2.0 points over the last 2 runs)")
        #expect(
            SiteSampler.reason(for: SiteRisk(siteId: "H", openMajors: 0))
                == "risk: next in risk order (no open major nonconformity; too few scored runs for a trend)")
    }

    @Test("sites with no recorded run rank as risky, never as safe")
    func unknownIsRisky() {
        // x = 10 at surveillance: y = 2, one random, one by risk.
        let sites = Self.sites(10)
        let risks = Dictionary(uniqueKeysWithValues: sites.filter { $0.id != "S07" }.map { ($0.id, SiteRisk(siteId: $0.id, openMajors: 0, scoreTrend: 1, trendRuns: 2)) })
        for seed in UInt64(0)..<10 {
            let plan = SiteSampler.plan(sites: sites, stage: .surveillance, seed: seed, risks: risks)
            #expect(Self.ids(plan, .random).contains("S07") || Self.ids(plan, .risk) == ["S07"], "seed \(seed)")
        }
    }

    @Test("the central function is always visited, first, and not counted in x or y")
    func centralFunction() {
        let plan = SiteSampler.plan(sites: Self.sites(10, central: true), stage: .initial, seed: 3, risks: [:])
        #expect(plan.sampleSize.siteCount == 10)
        #expect(plan.sampleSize.size == 4)
        #expect(plan.visits.count == 5)
        #expect(plan.visits.first?.site.id == "HQ")
        #expect(plan.visits.first?.selection == .central)
        #expect(plan.visits.first?.reason == "central function: always audited, not counted in y")
        #expect(plan.visits.filter { $0.selection == .central }.count == 1)
        #expect(!plan.notVisited.contains { $0.isCentral })
    }

    @Test("when the rule asks for as many sites as there are, every site is visited")
    func smallOrganization() {
        for (stage, x) in [(AuditStage.initial, 2), (.recertification, 2), (.initial, 1), (.surveillance, 1)] {
            let plan = SiteSampler.plan(sites: Self.sites(x, central: true), stage: stage, seed: 9, risks: [:])
            #expect(plan.sampleSize.coversAllSites)
            #expect(Self.ids(plan, .all).count == x)
            #expect(plan.notVisited.isEmpty)
        }
        // 0.6 × √2 = 0.85: one of two sites at surveillance.
        let two = SiteSampler.plan(sites: Self.sites(2), stage: .surveillance, seed: 9, risks: [:])
        #expect(!two.sampleSize.coversAllSites)
        #expect(two.visits.count == 1)
        let none = SiteSampler.plan(sites: [Site(id: "HQ", isCentral: true)], stage: .initial, seed: 9, risks: [:])
        #expect(none.visits.map(\.site.id) == ["HQ"])
    }

    @Test("SplitMix64 gives the reference sequence, and bounded draws stay in range")
    func generator() {
        var zero = SplitMix64(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [16_294_208_416_658_607_535, 7_960_286_522_194_355_700, 487_617_019_471_545_679])
        var answer = SplitMix64(seed: 42)
        #expect(answer.next() == 13_679_457_532_755_275_413)
        var generator = SplitMix64(seed: 7)
        var seen = Set<UInt64>()
        for _ in 0..<1_000 {
            let value = generator.next(below: 6)
            #expect(value < 6)
            seen.insert(value)
        }
        #expect(seen.count == 6)
    }
}
