import AuditReports
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What cxaudit does when told to stop (Ctrl-C, `kill`, a CI job's timeout): finish
/// the report file being written, if any, start no other, and exit with the shell's
/// status for the signal (130 for SIGINT, 143 for SIGTERM).
///
/// Nothing else needs undoing: evidence is only ever read, reports appear only by an
/// atomic rename, and a history recording is one SQLite transaction, which an
/// interrupted process leaves uncommitted.
enum InterruptHandling {
    /// Installs the handlers; called once, first thing in `main`, which keeps the
    /// returned sources alive for as long as the process runs.
    static func install() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { signalNumber in
            // The default action would kill the process at once, possibly mid-write.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: DispatchQueue(label: "cxaudit.interrupt"))
            source.setEventHandler {
                ArtifactWriter.stopWriting()
                let name = signalNumber == SIGINT ? "SIGINT" : signalNumber == SIGTERM ? "SIGTERM" : "SIGHUP"
                let lead = Console.stderrIsTerminal ? "\n" : ""
                Console.error("\(lead)cxaudit: interrupted by \(name); reports already written are complete, none is left half-written.")
                // _exit, not exit: other threads are still running, and exit's global
                // destructors would run under them.
                _exit(128 + signalNumber)
            }
            source.resume()
            return source
        }
    }
}
