import AuditModel
import FuzzSupport

/// Fuzzes the CSV evidence adapter on arbitrary bytes, with the delimiter a register
/// would declare for them.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = Fuzzing.data(bytes, size)
    let delimiter = EvidenceFuzzing.csvDelimiter(data)
    if EvidenceFuzzing.adapt(data, format: .csv, delimiter: delimiter) { EvidenceFuzzing.stream(data, format: .csv, delimiter: delimiter) }
    return 0
}

Fuzzing.run(testOneInput)
