import AuditModel
import FuzzSupport

/// Fuzzes the XML evidence adapter on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    EvidenceFuzzing.adapt(Fuzzing.data(bytes, size), format: .xml)
    return 0
}

Fuzzing.run(testOneInput)
