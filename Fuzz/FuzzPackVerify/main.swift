import AuditPacks
import FuzzSupport

/// Fuzzes verifying an evidence pack, as `cxaudit verify --public-key` does: the input is
/// the pack's bytes. No fuzzed signature holds for the key, but it is read and checked.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // A key per input, not a global: LeakSanitizer cannot see the key's storage through the
    // spare bits of a global `Data` and reports it as leaked at exit.
    let key = PackSigningKey.generate().publicKey
    _ = try? PackVerifier.verify(Fuzzing.data(bytes, size), name: "pack.zip", publicKey: key)
    return 0
}

Fuzzing.run(testOneInput)
