#include "CFuzzDriver.h"

// libFuzzer's entry point for programs that have their own main (LLVM 12 and later),
// linked from libclang_rt.fuzzer by `-sanitize=fuzzer`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test_one_input)(const uint8_t *data, size_t size));

int cxaudit_fuzz_run_driver(int argc, char **argv, cxaudit_fuzz_test_one_input test_one_input) {
    return LLVMFuzzerRunDriver(&argc, &argv, test_one_input);
}
