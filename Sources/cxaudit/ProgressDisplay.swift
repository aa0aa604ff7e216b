import AuditEngine
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The run's progress on standard error while evidence is evaluated, as its `TerminalStyle`
/// allows: a bar redrawn in place, at most every `redrawInterval`; an occasional plain line,
/// every `plainInterval` (so none for a short run); or, off a terminal, nothing.
///
/// Updates come from the threads reading evidence, one at a time (`AuditOptions.progress`);
/// the lock orders them against `finish()`.
final class ProgressDisplay: @unchecked Sendable {
    static let redrawInterval = 0.1
    static let plainInterval = 10.0

    private let style: TerminalStyle
    private let width: Int
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let lock = NSLock()
    private var lastShown: Double?

    init(style: TerminalStyle, width: Int = ProgressDisplay.terminalWidth()) {
        self.style = style
        self.width = width
        start = clock.now
    }

    func update(_ progress: AuditProgress) {
        guard style != .none else { return }
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Double((clock.now - start) / .milliseconds(1)) / 1000
        guard Self.isDue(style: style, elapsed: elapsed, lastShown: lastShown) else { return }
        lastShown = elapsed
        let bar = ProgressBar(progress: progress, elapsed: elapsed)
        switch style {
        case .rich: Self.write("\r" + bar.line(width: width) + "\u{1B}[K")
        case .plain: Self.write(bar.plainLine + "\n")
        case .none: break
        }
    }

    /// Clears the bar before the report or logs are written; a plain line stays, as printed.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if style == .rich, lastShown != nil {
            Self.write("\r\u{1B}[K")
        }
        lastShown = nil
    }

    /// Whether a state reached `elapsed` seconds into the run is shown, the last one shown
    /// having been at `lastShown`: the bar at once, then at most every `redrawInterval`;
    /// a plain line every `plainInterval` from the start.
    static func isDue(style: TerminalStyle, elapsed: Double, lastShown: Double?) -> Bool {
        switch style {
        case .none: return false
        case .rich: return lastShown.map { elapsed - $0 >= redrawInterval } ?? true
        case .plain: return elapsed - (lastShown ?? 0) >= plainInterval
        }
    }

    /// Columns of the terminal on standard error; `COLUMNS`, else 80, when it does not say.
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
