import AuditEvidence
import AuditModel
import Foundation
import FuzzSupport

/// The register loader with the shipped schema, and an evidence folder of the fuzzer's
/// own whose `evidence-register.xml` is each input in turn.
enum RegisterInput {
    static let loader: EvidenceRegisterLoader = {
        do {
            return try EvidenceRegisterLoader(schema: Fuzzing.resources.registerSchema)
        } catch {
            fatalError("cannot compile \(Fuzzing.resources.registerSchema.path): \(error)")
        }
    }()
    static let folder: EvidenceFolder = {
        let root = Fuzzing.scratch.appendingPathComponent("evidence")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return EvidenceFolder(root: root)
    }()
}

/// Fuzzes loading an evidence register (parse, RELAX NG validation, items), then
/// resolves each item's path inside the folder as an audit does before reading it.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzzing.write(Fuzzing.data(bytes, size), to: RegisterInput.folder.registerURL)
    guard let register = try? RegisterInput.loader.load(from: RegisterInput.folder) else { return 0 }
    for item in register.items.prefix(100) {
        _ = try? RegisterInput.folder.resolve(item)
    }
    return 0
}

Fuzzing.run(testOneInput)
