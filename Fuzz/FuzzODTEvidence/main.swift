import AuditModel
import FuzzSupport

/// Fuzzes the ODT evidence adapter: the input is the file itself (a ZIP archive), or
/// parts to zip (`EvidenceFuzzing.officeBytes`).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    EvidenceFuzzing.adapt(EvidenceFuzzing.officeBytes(Fuzzing.data(bytes, size)), format: .odt)
    return 0
}

Fuzzing.run(testOneInput)
