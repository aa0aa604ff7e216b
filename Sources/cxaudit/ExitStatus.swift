import ArgumentParser

/// cxaudit's exit codes, documented in `--help` and the README.
enum ExitStatus {
    /// No finding at or above the threshold.
    static let clean = ExitCode(0)
    /// At least one finding at or above the threshold.
    static let findings = ExitCode(1)
    /// The run could not be completed as asked: usage error, unreadable or invalid
    /// ruleset or register, unreadable or hostile evidence file.
    static let incomplete = ExitCode(2)
}
