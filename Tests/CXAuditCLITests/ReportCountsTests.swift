import AuditModel
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

/// Issue #18's one table: a run of the real binary with a rule-level waiver (the sample's only
/// major), a record-level waiver (one of four findings of a rule), an expired waiver and a
/// baseline comparison is rendered into all eight formats and the console, recorded in the
/// history and packed; every output is read back the way its consumer reads it, and every
/// count it states must be the run's `RunCounts` — which the results file, decoded into the
/// model, defines.
@Suite("Every output states the same counts: waivers, baseline, results")
struct ReportCountsTests {
    static let waivers = """
        <waivers xmlns="urn:cxaudit:waivers:1">
          <waiver id="W-RULE" rule="ISO9001-9.3-01" approver="Helen Marsh" approved="2026-11-02" expires="2026-12-31">
            <justification>Management review moved to 10 December; agreed with the certification body.</justification>
          </waiver>
          <waiver id="W-REC" rule="ISO9001-8.2.1-01" record="C-2026-0043" approver="Rajesh Iyer" expires="2027-01-31">
            <justification>Acknowledgement sent by post; the log was not updated.</justification>
          </waiver>
          <waiver id="W-OLD" rule="ISO9001-10.2-01" approver="Helen Marsh" expires="2026-10-31">
            <justification>Root-cause analyses were due by October.</justification>
          </waiver>
        </waivers>
        """

    /// The record whose finding the baseline knew under another fingerprint: it becomes new, and
    /// the other fingerprint resolved.
    static let renamedRecord = "C-2026-0101"

    /// Everything the runs wrote, read once for every row of the table.
    final class Outputs: Sendable {
        let folder: URL
        let run: AuditRun
        let status: Int32
        let files: [String: Data]

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-counts-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let waivers = folder.appendingPathComponent("waivers.xml")
            try Data(ReportCountsTests.waivers.utf8).write(to: waivers)
            let common = ["Evidence/northwind", "--as-of", "2026-11-30", "--no-config", "--waivers", waivers.path]

            let first = folder.appendingPathComponent("first.json")
            _ = try CheckCommandTests.run(["check"] + common + ["--format", "json", "--output", first.path])
            try Self.writeBaseline(from: first, to: folder.appendingPathComponent("baseline.json"))

            let out = folder.appendingPathComponent("out")
            let store = folder.appendingPathComponent("history.sqlite").path
            let check = try CheckCommandTests.run(
                ["check"] + common + [
                    "--baseline", folder.appendingPathComponent("baseline.json").path, "--format",
                    "json,junit,sarif,svrl,oscal,html,csv,markdown,console", "--output-dir", out.path, "--history", "--history-store", store,
                    "--fail-on", "major",
                ], environment: ["SOURCE_DATE_EPOCH": "1796025600"])
            status = check.status
            var files: [String: Data] = [:]
            for format in ReportFormat.allCases {
                files[format.rawValue] = try Data(contentsOf: out.appendingPathComponent(format.fileName))
            }
            let history = try CheckCommandTests.run(["history", "Evidence/northwind", "--store", store])
            files["history"] = Data(history.stdout.utf8)
            files["history-json"] = Data(try CheckCommandTests.run(["history", "Evidence/northwind", "--store", store, "--format", "json"]).stdout.utf8)
            files["history-run"] = Data(try CheckCommandTests.run(["history", "Evidence/northwind", "--store", store, "--run", "1"]).stdout.utf8)

            let pack = folder.appendingPathComponent("pack.zip")
            _ = try CheckCommandTests.run(["pack"] + common + ["--output", pack.path], environment: ["SOURCE_DATE_EPOCH": "1796025600"])
            for (entry, name) in [("data/index.html", "pack-index"), ("data/run.json", "pack-run")] {
                files[name] = try Self.unzip(entry, from: pack)
            }
            self.files = files
            run = try JSONDecoder().decode(AuditRun.self, from: files["json"] ?? Data())
        }

        deinit {
            try? FileManager.default.removeItem(at: folder)
        }

        func text(_ name: String) -> String {
            String(decoding: files[name] ?? Data(), as: UTF8.self)
        }

        func json(_ name: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: files[name] ?? Data()) as? [String: Any])
        }

        func xml(_ name: String) throws -> XMLDocument {
            try XMLDocument(data: files[name] ?? Data())
        }

        /// The first run's results with one finding under another fingerprint: as if that record's
        /// finding had been fixed and a new one had appeared.
        private static func writeBaseline(from first: URL, to baseline: URL) throws {
            var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: first)) as? [String: Any])
            var findings = try #require(document["findings"] as? [[String: Any]])
            let index = try #require(
                findings.firstIndex { ($0["evidence"] as? [String: Any])?["recordKey"] as? String == ReportCountsTests.renamedRecord })
            findings[index]["id"] = "00000000000000000000000000000000"
            document["findings"] = findings
            try JSONSerialization.data(withJSONObject: document).write(to: baseline)
        }

        /// One entry of a ZIP, read with Python's zipfile as an auditor's tooling would.
        private static func unzip(_ entry: String, from archive: URL) throws -> Data {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))", archive.path, entry]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
    }

    static let outputs = Result { try Outputs() }

    /// The comparison with the baseline as an output states it.
    struct Comparison: Equatable, CustomStringConvertible {
        var new: Int
        var unchanged: Int
        var resolved: Int

        var description: String { "\(new) new, \(unchanged) unchanged, \(resolved) resolved" }
    }

    /// What one output states; nil where it states nothing of the kind.
    struct Stated {
        /// Active findings per grade, as a total or summary states them.
        var findings: GradeCounts?
        /// Waived findings, as a total states them.
        var waived: Int?
        /// Results per status, for the statuses the output tells apart.
        var results: [ResultStatus: Int] = [:]
        var baseline: Comparison?
        /// Findings listed one by one: waived ones (with their waiver), and those marked new or
        /// unchanged, and the resolved ones listed.
        var listedWaived: Int?
        var listedBaseline: Comparison?
    }

    /// Each output, and how its consumer reads the counts out of it.
    enum Output: String, CaseIterable, CustomTestStringConvertible {
        case console, json, junit, sarif, svrl, oscal, html, csv, markdown, history, packIndex, packRun

        var testDescription: String { rawValue }

        /// JUnit has a test case per result, not per finding: it states no findings per grade.
        var statesFindings: Bool { self != .junit }

        /// SARIF's results are findings, and the pack's index shows findings only.
        var statesResults: Bool { self != .sarif && self != .packIndex }

        /// Baseline states are shown by the formats of issue #18 item 3 (and SVRL and OSCAL);
        /// the history and the pack do not keep the comparison, and JUnit's cases are results.
        var statesBaseline: Bool { ![.junit, .history, .packIndex, .packRun].contains(self) }

        func read(_ outputs: Outputs) throws -> Stated {
            switch self {
            case .console: return try Self.console(outputs.text("console"))
            case .json: return try Self.json(outputs.json("json"))
            case .junit: return try Self.junit(outputs.xml("junit"))
            case .sarif: return try Self.sarif(outputs.json("sarif"))
            case .svrl: return try Self.svrl(outputs.xml("svrl"))
            case .oscal: return try Self.oscal(outputs.json("oscal"))
            case .html: return try Self.html(outputs.text("html"))
            case .csv: return try Self.csv(outputs.text("csv"))
            case .markdown: return try Self.markdown(outputs.text("markdown"))
            case .history: return try Self.history(outputs.text("history"), json: outputs.json("history-json"), findings: outputs.text("history-run"))
            case .packIndex: return try Self.packIndex(outputs.text("pack-index"))
            case .packRun: return try Self.packRun(outputs.json("pack-run"))
            }
        }

        // MARK: - Readers

        static func console(_ text: String) throws -> Stated {
            let footer = try numbers(
                #"Findings: (\d+) major, (\d+) minor, (\d+) ofi, (\d+) waived · Results: (\d+) pass, (\d+) fail, (\d+) error, (\d+) not applicable, (\d+) not checked, (\d+) waived"#,
                in: text)
            let baseline = try numbers(#"Baseline: (\d+) new, (\d+) unchanged, (\d+) resolved"#, in: text)
            return Stated(
                findings: GradeCounts(major: footer[0], minor: footer[1], ofi: footer[2]), waived: footer[3],
                results: statuses(Array(footer[4...])), baseline: Comparison(new: baseline[0], unchanged: baseline[1], resolved: baseline[2]),
                listedWaived: occurrences("~ waived: waiver ", in: text),
                listedBaseline: Comparison(
                    new: occurrences(" (new)", in: text), unchanged: occurrences(" (unchanged)", in: text),
                    resolved: occurrences("✓ RESOLVED", in: text)))
        }

        static func json(_ document: [String: Any]) throws -> Stated {
            let summary = try #require(document["summary"] as? [String: Any])
            let baseline = try #require(summary["baseline"] as? [String: Int])
            let findings = try #require(document["findings"] as? [[String: Any]])
            let comparison = try #require(document["baseline"] as? [String: Any])
            return Stated(
                findings: try grades(summary["findings"]), waived: try grades(summary["waived"]).total,
                results: try #require(summary["results"] as? [String: Int]).reduce(into: [:]) { counts, entry in
                    if let status = ResultStatus(rawValue: entry.key) { counts[status] = entry.value }
                },
                baseline: Comparison(new: baseline["new"] ?? -1, unchanged: baseline["unchanged"] ?? -1, resolved: baseline["resolved"] ?? -1),
                listedWaived: findings.count { $0["waiver"] != nil },
                listedBaseline: Comparison(
                    new: findings.count { $0["baseline"] as? String == "new" }, unchanged: findings.count { $0["baseline"] as? String == "unchanged" },
                    resolved: (comparison["resolvedFindings"] as? [Any])?.count ?? -1))
        }

        static func junit(_ document: XMLDocument) throws -> Stated {
            let cases = try document.nodes(forXPath: "//testsuite[@name != 'inputs']/testcase")
            func count(_ path: String) throws -> Int {
                try cases.count { try !$0.nodes(forXPath: path).isEmpty }
            }
            let bodies = try document.nodes(forXPath: "//failure | //skipped").compactMap(\.stringValue).joined(separator: "\n")
            return Stated(
                results: [
                    .pass: try count("system-out"), .fail: try count("failure"), .error: try count("error"),
                    .waived: try count("skipped[starts-with(@message, 'Waived')]"),
                ],
                listedWaived: occurrences("    waived: waiver ", in: bodies))
        }

        static func sarif(_ log: [String: Any]) throws -> Stated {
            let run = try #require((log["runs"] as? [[String: Any]])?.first)
            let results = try #require(run["results"] as? [[String: Any]])
            let properties = try #require(run["properties"] as? [String: Any])
            let baseline = try #require(properties["baseline"] as? [String: Any])
            let active = results.filter { $0["suppressions"] == nil }
            let levels = ["error": Grade.major, "warning": .minor, "note": .ofi]
            let listed = GradeCounts(counting: active.compactMap { levels[$0["level"] as? String ?? ""] })
            #expect(listed == (try grades(properties["findings"])), "the results without suppression are the active findings the run counts")
            return Stated(
                findings: listed, waived: try grades(properties["waivedFindings"]).total,
                baseline: Comparison(new: baseline["new"] as? Int ?? -1, unchanged: baseline["unchanged"] as? Int ?? -1, resolved: baseline["resolved"] as? Int ?? -1),
                listedWaived: results.count { ($0["suppressions"] as? [[String: Any]])?.first?["status"] as? String == "accepted" },
                listedBaseline: Comparison(
                    new: results.count { $0["baselineState"] as? String == "new" }, unchanged: results.count { $0["baselineState"] as? String == "unchanged" },
                    resolved: (baseline["resolvedFindings"] as? [Any])?.count ?? -1))
        }

        static func svrl(_ document: XMLDocument) throws -> Stated {
            // A finding's assertion names its clause; a result's own (no findings, or an error) does not.
            let findings = try document.nodes(
                forXPath: "//*[(local-name() = 'failed-assert' or local-name() = 'successful-report') and *[local-name() = 'property-reference'][@property = 'clause']]"
            ).compactMap { $0 as? XMLElement }
            let active = findings.filter { $0.attribute(forName: "flag") == nil }
            let patterns = try document.nodes(forXPath: "//*[local-name() = 'active-pattern']").compactMap { $0 as? XMLElement }
            var results: [ResultStatus: Int] = [:]
            for pattern in patterns {
                if let status = ResultStatus(rawValue: pattern.attribute(forName: "role")?.stringValue ?? "") { results[status, default: 0] += 1 }
            }
            let states = try document.nodes(forXPath: "//*[local-name() = 'property-reference'][@property = 'baseline']").compactMap(\.stringValue)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let text = try document.nodes(forXPath: "/*/*[local-name() = 'text']").compactMap(\.stringValue).joined(separator: "\n")
            let baseline = try numbers(#"(\d+) new, (\d+) unchanged, (\d+) resolved"#, in: text)
            return Stated(
                findings: GradeCounts(counting: active.compactMap { Grade(rawValue: $0.attribute(forName: "role")?.stringValue ?? "") }),
                waived: findings.count - active.count, results: results,
                baseline: Comparison(new: baseline[0], unchanged: baseline[1], resolved: baseline[2]),
                listedWaived: try document.nodes(forXPath: "//*[local-name() = 'property-reference'][@property = 'waiver-justification']").count,
                listedBaseline: Comparison(
                    new: states.count { $0 == "new" }, unchanged: states.count { $0 == "unchanged" }, resolved: occurrences("(was ", in: text)))
        }

        static func oscal(_ document: [String: Any]) throws -> Stated {
            let result = try #require(((document["assessment-results"] as? [String: Any])?["results"] as? [[String: Any]])?.first)
            func props(_ object: [String: Any]) -> [String: String] {
                Dictionary(
                    ((object["props"] as? [[String: Any]]) ?? []).compactMap { prop in
                        (prop["name"] as? String).flatMap { name in (prop["value"] as? String).map { (name, $0) } }
                    }, uniquingKeysWith: { first, _ in first })
            }
            let stated = props(result)
            func number(_ name: String) -> Int { stated[name].flatMap(Int.init) ?? -1 }
            let observations = (result["observations"] as? [[String: Any]]) ?? []
            var results: [ResultStatus: Int] = [:]
            for observation in observations {
                if let status = props(observation)["result"].flatMap(ResultStatus.init(rawValue:)) { results[status, default: 0] += 1 }
            }
            let findingStates = observations.compactMap { props($0)["baseline"] }
            return Stated(
                findings: GradeCounts(major: number("findings-major"), minor: number("findings-minor"), ofi: number("findings-ofi")),
                waived: number("findings-waived"), results: results,
                baseline: Comparison(new: number("baseline-new"), unchanged: number("baseline-unchanged"), resolved: number("baseline-resolved")),
                listedWaived: observations.count { props($0)["waiver"] != nil },
                listedBaseline: Comparison(
                    new: findingStates.count { $0 == "new" }, unchanged: findingStates.count { $0 == "unchanged" }, resolved: number("baseline-resolved")))
        }

        static func html(_ page: String) throws -> Stated {
            func bars(_ card: String) throws -> [String: Int] {
                let start = try #require(page.range(of: "<h3>\(card)</h3>"), "no \(card) card")
                let end = page.range(of: "</div>\n", range: start.upperBound..<page.endIndex)?.lowerBound ?? page.endIndex
                let text = String(page[start.upperBound..<end])
                return Dictionary(
                    matches(#"<span class="bar-label">([^<]+)</span><span class="num">(\d+)</span>"#, in: text).map { ($0[0], Int($0[1]) ?? -1) },
                    uniquingKeysWith: { first, _ in first })
            }
            let findings = try bars("Findings by grade")
            let statuses = try bars("Results by status")
            let baseline = try bars("Against the baseline")
            let labels: [ResultStatus: String] = [
                .pass: "Pass", .fail: "Fail", .error: "Error", .notapplicable: "Not applicable", .notchecked: "Not checked", .waived: "Waived",
            ]
            return Stated(
                findings: GradeCounts(
                    major: findings["Major nonconformity"] ?? -1, minor: findings["Minor nonconformity"] ?? -1,
                    ofi: findings["Opportunity for improvement"] ?? -1),
                waived: findings["Waived"], results: labels.mapValues { statuses[$0] ?? -1 },
                baseline: Comparison(new: baseline["New"] ?? -1, unchanged: baseline["Unchanged"] ?? -1, resolved: baseline["Resolved"] ?? -1),
                listedWaived: matches(#"<span class="badge waived" title="[^"]*, waived">"#, in: page).count,
                listedBaseline: Comparison(
                    new: occurrences(#"title="Not in the baseline">New</span>"#, in: page),
                    unchanged: occurrences(#"title="In the baseline too">Unchanged</span>"#, in: page),
                    resolved: occurrences(#"<span class="badge pass">Resolved</span>"#, in: page)))
        }

        static func csv(_ text: String) throws -> Stated {
            let rows = parseCSV(text)
            let header = try #require(rows.first)
            func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "no column \(name)") }
            let result = try column("result")
            let grade = try column("rule_grade")
            let (all, waived, new, unchanged) = (try column("finding_ids"), try column("waived_finding_ids"), try column("new_finding_ids"), try column("unchanged_finding_ids"))
            func ids(_ row: [String], _ column: Int) -> Set<Substring> { Set(row[column].split(separator: " ")) }
            var results: [ResultStatus: Int] = [:]
            var active = GradeCounts()
            var stated = Stated(listedBaseline: Comparison(new: 0, unchanged: 0, resolved: 0))
            stated.listedWaived = 0
            for row in rows.dropFirst() where row.count == header.count {
                if row[result] == "resolved" { stated.listedBaseline?.resolved += 1 }
                guard let status = ResultStatus(rawValue: row[result]) else { continue }
                results[status, default: 0] += 1
                active[Grade(rawValue: row[grade]) ?? .ofi] += ids(row, all).subtracting(ids(row, waived)).count
                stated.listedWaived? += ids(row, waived).count
                stated.listedBaseline?.new += ids(row, new).count
                stated.listedBaseline?.unchanged += ids(row, unchanged).count
            }
            stated.findings = active
            stated.results = results
            return stated
        }

        static func markdown(_ text: String) throws -> Stated {
            let headline = try numbers(#"\*\*(\d+) major · (\d+) minor · (\d+) OFI\*\* · (\d+) waived"#, in: text)
            let results = try numbers(
                #"results: (\d+) pass, (\d+) fail, (\d+) error, (\d+) not applicable, (\d+) not checked, (\d+) waived"#, in: text)
            let baseline = try numbers(#"baseline: (\d+) new, (\d+) unchanged, (\d+) resolved"#, in: text)
            return Stated(
                findings: GradeCounts(major: headline[0], minor: headline[1], ofi: headline[2]), waived: headline[3], results: statuses(results),
                baseline: Comparison(new: baseline[0], unchanged: baseline[1], resolved: baseline[2]),
                listedWaived: occurrences("  - Waived: waiver ", in: text),
                listedBaseline: Comparison(
                    new: occurrences("· 🆕 **new**", in: text), unchanged: occurrences("· unchanged", in: text), resolved: occurrences("\n- ✅ ", in: text)))
        }

        /// `cxaudit history`: the runs table, the same as JSON, and the run's findings.
        static func history(_ table: String, json: [String: Any], findings: String) throws -> Stated {
            let row = try numbers(#"#1  \S+ \S+  2026-11-30 +\S+ +(\d+) +(\d+) +(\d+) +(\d+)"#, in: table)
            let run = try #require((json["runs"] as? [[String: Any]])?.first)
            let listed = try numbers(#": (\d+) major, (\d+) minor, (\d+) ofi, (\d+) waived"#, in: findings)
            let stated = GradeCounts(major: row[0], minor: row[1], ofi: row[2])
            #expect(stated == (try grades(run["findings"])), "history --format json")
            #expect(stated == GradeCounts(major: listed[0], minor: listed[1], ofi: listed[2]), "history --run")
            #expect(row[3] == run["waivedFindings"] as? Int && row[3] == listed[3])
            let results = try #require(run["results"] as? [String: Int])
            let keys: [ResultStatus: String] = [
                .pass: "pass", .fail: "fail", .error: "error", .notapplicable: "notApplicable", .notchecked: "notChecked", .waived: "waived",
            ]
            return Stated(
                findings: stated, waived: row[3], results: keys.mapValues { results[$0] ?? -1 },
                listedWaived: occurrences(" (waived): ", in: findings))
        }

        static func packIndex(_ page: String) throws -> Stated {
            func count(_ label: String) throws -> Int {
                try numbers(NSRegularExpression.escapedPattern(for: label) + #"[^<]*: <strong>(\d+)</strong>"#, in: page)[0]
            }
            return Stated(
                findings: GradeCounts(
                    major: try count("Major nonconformity"), minor: try count("Minor nonconformity"), ofi: try count("Opportunity for improvement")),
                waived: try count("Waived"))
        }

        static func packRun(_ document: [String: Any]) throws -> Stated {
            let summary = try #require(document["summary"] as? [String: Any])
            return Stated(
                findings: try grades(summary["findings"]), waived: try grades(summary["waived"]).total,
                results: try #require(summary["results"] as? [String: Int]).reduce(into: [:]) { counts, entry in
                    if let status = ResultStatus(rawValue: entry.key) { counts[status] = entry.value }
                })
        }

        // MARK: - Helpers

        static func grades(_ object: Any?) throws -> GradeCounts {
            let counts = try #require(object as? [String: Int])
            return GradeCounts(major: counts["major"] ?? -1, minor: counts["minor"] ?? -1, ofi: counts["ofi"] ?? -1)
        }

        /// Counts in `ResultStatus.allCases` order.
        static func statuses(_ numbers: [Int]) -> [ResultStatus: Int] {
            Dictionary(uniqueKeysWithValues: zip(ResultStatus.allCases, numbers))
        }

        static func matches(_ pattern: String, in text: String) -> [[String]] {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
            return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
                (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
            }
        }

        /// The numbers `pattern` captures at its first match.
        static func numbers(_ pattern: String, in text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [Int] {
            let match = try #require(matches(pattern, in: text).first, "no match for \(pattern)", sourceLocation: sourceLocation)
            return match.map { Int($0) ?? -1 }
        }

        static func occurrences(_ needle: String, in text: String) -> Int {
            text.components(separatedBy: needle).count - 1
        }
    }

    @Test("the run is the case the table is about: one waived major, a record waived, an expired waiver, new and resolved findings")
    func scenario() throws {
        let outputs = try Self.outputs.get()
        let counts = RunCounts(outputs.run)
        #expect(counts.findings.major == 0 && counts.waived.major == 1, "the rule-level waiver covers the only major")
        #expect(counts.waived.minor == 1, "the record-level waiver covers one finding")
        #expect(counts.results.waived == 1 && counts.results.fail > 0)
        #expect(outputs.run.diagnostics.contains { $0.message.contains("waiver W-OLD expired on 2026-10-31") })
        #expect(outputs.run.findings.contains { $0.ruleId == "ISO9001-10.2-01" && !$0.isWaived }, "the expired waiver covers nothing")
        #expect(counts.baseline == RunCounts.Baseline(new: 1, unchanged: outputs.run.findings.count - 1, resolved: 1, newFindings: GradeCounts(minor: 1)))
        #expect(outputs.run.clauses.first { $0.number == "9.3" }?.verdict == .conforming, "a clause whose only failure is waived conforms")
    }

    @Test("each output states the run's counts", arguments: Output.allCases)
    func agrees(_ output: Output) throws {
        let outputs = try Self.outputs.get()
        let counts = RunCounts(outputs.run)
        let stated = try output.read(outputs)
        let expectedBaseline = try #require(counts.baseline).comparison
        if output.statesFindings {
            #expect(stated.findings == counts.findings, "active findings per grade")
        }
        #expect(stated.waived ?? stated.listedWaived == counts.waived.total, "waived findings")
        if let listed = stated.listedWaived {
            #expect(listed == counts.waived.total, "waived findings listed with their waiver")
        }
        #expect(stated.results.isEmpty != output.statesResults, "results per status")
        for (status, number) in stated.results {
            #expect(number == counts.results[status], "\(status.rawValue) results")
        }
        if output.statesBaseline {
            #expect((stated.baseline ?? stated.listedBaseline) == expectedBaseline, "the comparison with the baseline")
            if let listed = stated.listedBaseline {
                #expect(listed == expectedBaseline, "findings marked new or unchanged, and resolved ones listed")
            }
        }
    }

    @Test("the exit status follows the same counts: a waived major does not fail --fail-on major, a new minor fails --fail-on-new")
    func exitStatus() throws {
        let outputs = try Self.outputs.get()
        let counts = RunCounts(outputs.run)
        #expect(outputs.status == (counts.failing(threshold: .major, onlyNew: false) > 0 ? 1 : 0))
        #expect(outputs.status == 0)
        let baseline = outputs.folder.appendingPathComponent("baseline.json").path
        let waivers = outputs.folder.appendingPathComponent("waivers.xml").path
        let newOnly = try CheckCommandTests.run(
            ["check", "Evidence/northwind", "--as-of", "2026-11-30", "--no-config", "--waivers", waivers, "--baseline", baseline, "--fail-on", "minor",
             "--fail-on-new", "--quiet"])
        #expect(newOnly.status == (counts.failing(threshold: .minor, onlyNew: true) > 0 ? 1 : 0))
        #expect(newOnly.status == 1, "the renamed record's finding is new and minor")
    }
}

extension RunCounts.Baseline {
    /// As the outputs state a comparison.
    var comparison: ReportCountsTests.Comparison {
        ReportCountsTests.Comparison(new: new, unchanged: unchanged, resolved: resolved)
    }
}

/// RFC 4180 fields, quoted fields with doubled quotes and line breaks included.
private func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = text.makeIterator()
    var pending: Character?
    while let character = pending ?? characters.next() {
        pending = nil
        if quoted {
            if character == "\"" {
                let next = characters.next()
                if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
            } else {
                field.append(character)
            }
            continue
        }
        switch character {
        case "\"": quoted = true
        case ",": row.append(field); field = ""
        case "\r\n", "\n":
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        default: field.append(character)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}
