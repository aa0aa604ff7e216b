import AuditModel
import Foundation
import Testing

import AuditEvidence

@Suite("Evidence errors")
struct EvidenceErrorTests {
    static let declared = SourceLocation(file: "evidence-register.xml", line: 12, column: 3)

    @Test("each error names the file, the item and what to do")
    func descriptions() {
        #expect(
            EvidenceError.registerMissing(folder: "orgs/acme", expected: "evidence-register.xml").errorDescription
                == "orgs/acme: error: no evidence register (evidence-register.xml) in this folder. Create one (see docs/evidence.md) or pass the folder that has it.")
        #expect(
            EvidenceError.pathOutsideFolder(item: "CL", path: "../secret.csv", declaredAt: Self.declared).errorDescription?
                .hasPrefix("evidence-register.xml:12:3: error: item CL: file '../secret.csv' is outside the evidence folder") == true)
        #expect(
            EvidenceError.fileMissing(item: "CL", path: "log.csv", declaredAt: Self.declared).errorDescription
                == "evidence-register.xml:12:3: error: item CL: file 'log.csv' does not exist or is not a regular file. Correct the path in the register or add the file.")
        #expect(
            EvidenceError.unreadable(item: "CL", path: "log.csv", reason: "permission denied").errorDescription
                == "log.csv: error: item CL: cannot read the file: permission denied. Check its permissions.")
        #expect(
            EvidenceError.tooLarge(item: "CL", path: "log.csv", bytes: 300, limit: 200).errorDescription
                == "log.csv: error: item CL: 300 bytes is over the 200-byte limit for one evidence file. Split the file by period.")
    }

    @Test("a malformed file lists each problem with its item, then what happens to the item's rules")
    func malformed() {
        let error = EvidenceError.malformed(
            item: "CL", path: "log.csv", diagnostics: [Diagnostic(location: SourceLocation(file: "log.csv", line: 3), message: "unbalanced quote")])
        #expect(error.errorDescription == "log.csv:3: error: unbalanced quote (item CL)\nFix or re-export the file; rules on this item were reported as errors.")
        #expect(error.diagnostics == [Diagnostic(location: SourceLocation(file: "log.csv", line: 3), message: "unbalanced quote")])
    }

    @Test("as run diagnostics, errors are placed at their location without repeating it in the message")
    func diagnostics() throws {
        let missing = try #require(EvidenceError.fileMissing(item: "CL", path: "log.csv", declaredAt: Self.declared).diagnostics.first)
        #expect(missing.location == Self.declared)
        #expect(missing.message == "item CL: file 'log.csv' does not exist or is not a regular file. Correct the path in the register or add the file.")
        let large = try #require(EvidenceError.tooLarge(item: "CL", path: "log.csv", bytes: 300, limit: 200).diagnostics.first)
        #expect(large.location == SourceLocation(file: "log.csv"))
        #expect(large.message.hasPrefix("item CL: 300 bytes"))
        let register = EvidenceError.registerMissing(folder: "orgs/acme", expected: "evidence-register.xml").diagnostics
        #expect(register.map(\.location) == [SourceLocation(file: "orgs/acme")])
        let invalid = EvidenceError.registerInvalid(file: "r.xml", diagnostics: [Diagnostic(location: SourceLocation(file: "r.xml", line: 2), message: "bad")])
        #expect(invalid.diagnostics.map(\.message) == ["bad"])
        #expect(invalid.errorDescription == "r.xml:2: error: bad\nFix the evidence register (see docs/evidence.md); no evidence was evaluated.")
    }
}
