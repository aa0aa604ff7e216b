/// What cxaudit may write to one of its output streams beyond plain text.
///
/// Decided once per stream from whether it is a terminal and from the environment, and
/// shared by the progress display (standard error) and the console report's colours
/// (standard output), so the two never disagree. docs/jobs.md documents it.
enum TerminalStyle: Equatable {
    /// A terminal that understands escape codes: the progress bar is redrawn in place, the
    /// console report is coloured.
    case rich
    /// A terminal that must get plain text: `TERM=dumb` (Emacs' shell, some CI consoles),
    /// no `TERM` at all, or `NO_COLOR` set (https://no-color.org). Not one escape code is
    /// written: progress is an occasional plain line, the report has no colours.
    case plain
    /// Not a terminal (a file, a pipe, cron, a CI log): no progress at all, no colours.
    case none

    /// The style for a stream.
    ///
    /// - Parameters:
    ///   - isTerminal: Whether the stream is a terminal (`isatty`).
    ///   - environment: The process's environment; `NO_COLOR` counts when set and not
    ///     empty, as its convention says.
    static func of(isTerminal: Bool, environment: [String: String]) -> TerminalStyle {
        guard isTerminal else { return .none }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .plain }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return .plain }
        return .rich
    }
}
