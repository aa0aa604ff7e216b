#ifndef CXAUDIT_FUZZ_DRIVER_H
#define CXAUDIT_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// A libFuzzer test callback: LLVMFuzzerTestOneInput's signature.
typedef int (*cxaudit_fuzz_test_one_input)(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver (flags, corpus, mutation loop) on `test_one_input` and
/// returns its exit status.
///
/// SwiftPM links a Swift executable with its `main` renamed to `<Target>_main`
/// (`--defsym main=<Target>_main`, so tests can link executables), which hides the
/// `main` libFuzzer brings; each fuzz target's main.swift therefore calls this.
int cxaudit_fuzz_run_driver(int argc, char **argv, cxaudit_fuzz_test_one_input test_one_input);

#endif
