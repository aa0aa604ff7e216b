import AuditModel
import FuzzSupport

/// Fuzzes the ODS evidence adapter: the input is the file itself (a ZIP archive), or
/// parts to zip (`EvidenceFuzzing.officeBytes`).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = EvidenceFuzzing.officeBytes(Fuzzing.data(bytes, size))
    if EvidenceFuzzing.adapt(data, format: .ods) { EvidenceFuzzing.stream(data, format: .ods) }
    return 0
}

Fuzzing.run(testOneInput)
