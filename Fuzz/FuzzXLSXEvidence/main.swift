import AuditModel
import FuzzSupport

/// Fuzzes the XLSX evidence adapter: the input is the file itself (a ZIP archive), or
/// parts to zip (`EvidenceFuzzing.officeBytes`).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = EvidenceFuzzing.officeBytes(Fuzzing.data(bytes, size))
    EvidenceFuzzing.adapt(data, format: .xlsx)
    EvidenceFuzzing.streamSheets(data)
    return 0
}

Fuzzing.run(testOneInput)
