import AuditEngine
import Foundation
import FuzzSupport

/// The ruleset loader with the shipped schema, and the file each input is written to.
enum RulesetInput {
    static let loader: RulesetLoader = {
        do {
            return try RulesetLoader(schema: Fuzzing.resources.rulesetSchema)
        } catch {
            fatalError("cannot compile \(Fuzzing.resources.rulesetSchema.path): \(error)")
        }
    }()
    static let file = Fuzzing.scratch.appendingPathComponent("ruleset.xml")
}

/// Fuzzes a ruleset file as `check` loads it (parse, RELAX NG validation, language
/// checks, XPath compilation) and as `lint` reads it (every stage, even on a document
/// the schema rejects).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzzing.write(Fuzzing.data(bytes, size), to: RulesetInput.file)
    _ = try? RulesetInput.loader.load(RulesetInput.file, displayName: "ruleset.xml")
    _ = RulesetLinter(loader: RulesetInput.loader).lint(RulesetInput.file, displayName: "ruleset.xml")
    return 0
}

Fuzzing.run(testOneInput)
