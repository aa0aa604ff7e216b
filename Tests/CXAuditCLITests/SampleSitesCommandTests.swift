import Foundation
import Testing

@Suite("cxaudit sample-sites")
struct SampleSitesCommandTests {
    static let sites = "docs/examples/sites.csv"

    @Test("prints the plan with the formula, the seed and a reason for each site")
    func text() throws {
        let outcome = try CheckCommandTests.run(["sample-sites", "--sites", Self.sites, "--stage", "initial", "--seed", "42"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("x = 12, the central function not counted"))
        #expect(outcome.stdout.contains("y = ⌈√12⌉ = ⌈3.46⌉ = 4"))
        #expect(outcome.stdout.contains("seed 42\n"))
        #expect(outcome.stdout.contains("central function: always audited, not counted in y"))
        #expect(outcome.stdout.components(separatedBy: "random (seed 42)").count - 1 == 1)
        #expect(outcome.stdout.components(separatedBy: "risk: no recorded runs — unknown risk").count - 1 == 3)
        let again = try CheckCommandTests.run(["sample-sites", "--sites", Self.sites, "--stage", "initial", "--seed", "42"])
        #expect(again.stdout == outcome.stdout)
    }

    @Test("without --seed a seed is chosen and printed, and it repeats the plan")
    func chosenSeed() throws {
        let outcome = try CheckCommandTests.run(["sample-sites", "--sites", Self.sites, "--stage", "surveillance", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? String == "1")
        #expect(document["seedGiven"] as? Bool == false)
        #expect(document["sampleSize"] as? Int == 3)
        let seed = try #require(document["seed"] as? NSNumber).stringValue
        let visits = try #require(document["visits"] as? [[String: Any]])
        #expect(visits.count == 4)
        #expect(visits.first?["selection"] as? String == "central")
        let repeated = try CheckCommandTests.run(
            ["sample-sites", "--sites", Self.sites, "--stage", "surveillance", "--format", "json", "--seed", seed])
        let again = try #require(try JSONSerialization.jsonObject(with: Data(repeated.stdout.utf8)) as? [String: Any])
        #expect((again["visits"] as? [[String: Any]])?.map { $0["site"] as? String } == visits.map { $0["site"] as? String })
        let text = try CheckCommandTests.run(["sample-sites", "--sites", Self.sites, "--stage", "surveillance"])
        #expect(text.stdout.contains("(chosen by this run)"))
        #expect(text.stdout.contains("To draw the same sites again: --seed "))
    }

    @Test("a bad sites file, stage or store exits 2 and says what to fix")
    func badInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-sites-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sites.csv")
        try "site,name\nLDS,Leeds\nLDS,Leeds again\n".write(to: file, atomically: true, encoding: .utf8)
        let duplicate = try CheckCommandTests.run(["sample-sites", "--sites", file.path, "--stage", "initial"])
        #expect(duplicate.status == 2)
        #expect(duplicate.stderr.contains("sites.csv:3: error: site 'LDS' is already listed on line 2"))
        #expect(duplicate.stdout.isEmpty)

        let stage = try CheckCommandTests.run(["sample-sites", "--sites", Self.sites, "--stage", "annual"])
        #expect(stage.status == 2)
        #expect(stage.stderr.contains("annual"))
        let noStage = try CheckCommandTests.run(["sample-sites", "--sites", Self.sites])
        #expect(noStage.status == 2)

        let store = try CheckCommandTests.run(
            ["sample-sites", "--sites", Self.sites, "--stage", "initial", "--history", folder.appendingPathComponent("none.sqlite").path])
        #expect(store.status == 2)
        #expect(!store.stderr.isEmpty)
    }

    @Test("--history reads the store: a site's recorded runs give its risk, the others' is unknown")
    func history() throws {
        let sample = try CheckJobTests.SampleCopy()
        let store = sample.folder.appendingPathComponent("history.sqlite").path
        let check = try CheckCommandTests.run(
            ["check", sample.folder.path, "--as-of", "2026-11-30", "--history", "--history-store", store, "--site", "BRS", "--quiet"])
        #expect(check.status == 1, "\(check.stderr)")
        let outcome = try CheckCommandTests.run(["sample-sites", "--sites", Self.sites, "--stage", "initial", "--seed", "1", "--history", store])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("history.sqlite: 1 run; 1 of the 12 sites with recorded runs"))
        #expect(outcome.stdout.contains("BRS"))
        #expect(outcome.stdout.contains("risk: no recorded runs — unknown risk"))
        let json = try CheckCommandTests.run(
            ["sample-sites", "--sites", Self.sites, "--stage", "initial", "--seed", "1", "--history", store, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let history = try #require(document["history"] as? [String: Any])
        #expect(history["runs"] as? Int == 1)
        #expect(history["sitesWithRuns"] as? Int == 1)
    }
}
