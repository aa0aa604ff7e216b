import Foundation
import LibXML
import Testing

/// Parsing, XPath and RELAX NG from many tasks at once: every error must name the
/// file of its own task, and results must equal a serial run.
@Suite("Concurrency")
struct ConcurrencyTests {
    /// One task's input: some files parse, some are malformed, some carry a DOCTYPE.
    struct Input: Sendable {
        let file: String
        let data: Data
    }

    /// Everything one task observed, as comparable values.
    struct Outcome: Sendable, Equatable {
        var file: String
        var parseError: XMLError?
        var results: [String] = []
        var xpathErrors: [XPathError] = []
        var schemaDiagnostics: [XMLDiagnostic] = []
    }

    static let taskCount = 16

    /// Tasks 3, 7, 11 and 15 parse the same malformed bytes under different names, tasks 1
    /// and 9 the same DOCTYPE; the others parse complaint logs of different sizes, each
    /// with one schema violation on a line of its own.
    static func inputs() -> [Input] {
        (0..<taskCount).map { index in
            let file = "Evidence/task-\(index).xml"
            switch index % 8 {
            case 3, 7:
                return Input(file: file, data: Data("<complaints site='n'>\n<complaint>\n</complaints>".utf8))
            case 1:
                return Input(file: file, data: Data("<?xml version='1.0'?>\n<!DOCTYPE complaints>\n<complaints/>".utf8))
            default:
                var text = "<complaints site='s\(index)'>\n"
                for record in 0...index {
                    let score = record == index ? 11 : (record * 3 + index) % 11
                    text += "<complaint id='C\(record)' received='2026-0\(record % 9 + 1)-1\(record % 10)'>"
                    text += "<status>open</status><score>\(score)</score></complaint>\n"
                }
                text += "</complaints>"
                return Input(file: file, data: Data(text.utf8))
            }
        }
    }

    static func run(_ input: Input, shared: XMLDocument, schema: RelaxNGSchema) -> Outcome {
        var outcome = Outcome(file: input.file)
        let sharedContext = XPathContext(document: shared, environment: .auditDay)
        outcome.results.append((try? sharedContext.evaluate("cx:join(//complaint/@id, ',')").string) ?? "error")
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(data: input.data, file: input.file)
        } catch {
            outcome.parseError = error
            return outcome
        }
        outcome.schemaDiagnostics = schema.validate(document)
        let context = XPathContext(document: document, environment: .auditDay)
        context.setVariable("site", .string(document.root?.attribute("site") ?? ""))
        for expression in [
            "count(//complaint)", "cx:avg(//score)", "cx:max(//score)", "cx:join(//complaint/@id, ',')",
            "concat($site, ':', cx:period(//complaint[last()]/@received, 'quarter'))",
            "cx:count-distinct(//complaint/@received)", "count(//complaint[cx:within(@received, 'P60D')])",
            "$undefined", "cx:period('2026-01-01', 'week')", "cx:round(1)", "//complaint[",
        ] {
            do {
                outcome.results.append(try context.evaluate(expression).string)
            } catch {
                outcome.xpathErrors.append(error)
            }
        }
        return outcome
    }

    static func serialAndConcurrent(rounds: Int) async throws -> (serial: [Outcome], concurrent: [[Outcome]]) {
        let shared = try XMLDocument.parse(contentsOf: Fixtures.url("complaints-valid.xml"), displayName: "shared.xml")
        let schema = try RelaxNGSchema(contentsOf: Fixtures.url("schema/complaints.rng"))
        let inputs = Self.inputs()
        let serial = inputs.map { run($0, shared: shared, schema: schema) }
        var concurrent: [[Outcome]] = []
        for _ in 0..<rounds {
            let outcomes = await withTaskGroup(of: (Int, Outcome).self) { group in
                for (index, input) in inputs.enumerated() {
                    group.addTask { (index, run(input, shared: shared, schema: schema)) }
                }
                var byIndex = [Outcome?](repeating: nil, count: inputs.count)
                for await (index, outcome) in group { byIndex[index] = outcome }
                return byIndex.compactMap { $0 }
            }
            concurrent.append(outcomes)
        }
        return (serial, concurrent)
    }

    @Test("16 concurrent tasks get the same results as a serial run")
    func concurrentEqualsSerial() async throws {
        let (serial, rounds) = try await Self.serialAndConcurrent(rounds: 8)
        #expect(serial.count == Self.taskCount)
        for outcomes in rounds {
            #expect(outcomes == serial)
        }
    }

    @Test("each task's errors name its own file")
    func errorsNameTheirOwnFile() async throws {
        let (serial, rounds) = try await Self.serialAndConcurrent(rounds: 4)
        for outcomes in [serial] + rounds {
            for outcome in outcomes {
                if let error = outcome.parseError {
                    #expect(error.file == outcome.file)
                    if case let .malformed(_, diagnostics) = error {
                        #expect(!diagnostics.isEmpty)
                        #expect(diagnostics.allSatisfy { $0.file == outcome.file })
                    }
                }
                #expect(outcome.schemaDiagnostics.allSatisfy { $0.file == outcome.file })
            }
        }
    }

    @Test("the serial run itself sees the expected mix of successes and failures")
    func expectedMix() async throws {
        let (serial, _) = try await Self.serialAndConcurrent(rounds: 0)
        for (index, outcome) in serial.enumerated() {
            #expect(outcome.results.first == "C1,C2")
            switch index % 8 {
            case 3, 7:
                #expect(outcome.parseError?.line == 3)
                guard case .malformed = outcome.parseError else {
                    Issue.record("task \(index) should be malformed")
                    continue
                }
            case 1:
                #expect(outcome.parseError == .doctypeRefused(file: outcome.file, line: 2))
            default:
                #expect(outcome.parseError == nil)
                #expect(outcome.results.count == 8)
                #expect(outcome.results[1] == String(index + 1))
                #expect(outcome.results[5].hasPrefix("s\(index):2026-Q"))
                #expect(outcome.xpathErrors.count == 4)
                #expect(outcome.xpathErrors.contains { $0.errorDescription?.contains("unit 'week'") == true })
                #expect(outcome.xpathErrors.contains { $0.errorDescription?.contains("cx:round takes 2") == true })
                #expect(outcome.schemaDiagnostics.map(\.line).contains(index + 2), "task \(index)")
            }
        }
    }

    @Test("one document is queried from 16 tasks at once")
    func sharedDocument() async throws {
        var text = "<r>"
        for index in 0..<2_000 { text += "<v d='2026-0\(index % 3 + 1)-15'>\(index % 7)</v>" }
        text += "</r>"
        let document = try XMLDocument.parse(text, file: "shared-big.xml")
        let expressions = ["cx:avg(//v)", "cx:median(//v)", "count(//v[cx:within(@d, 'P30D')])", "cx:nps(//v)"]
        let expected = try expressions.map { try XPathContext(document: document, environment: .auditDay).evaluate($0).number }
        let results = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<Self.taskCount {
                group.addTask {
                    let context = XPathContext(document: document, environment: .auditDay)
                    return expressions.map { (try? context.evaluate($0).number) ?? -1 }
                }
            }
            return await group.reduce(into: [[Double]]()) { $0.append($1) }
        }
        #expect(results.count == Self.taskCount)
        #expect(results.allSatisfy { $0 == expected })
    }
}
