import AuditEngine
import AuditModel

/// The text the progress display shows for one state of a run, given how long the run has
/// taken so far: pure, so what a user sees is tested without a terminal or a clock.
///
/// On a terminal that redraws in place:
///
/// ```
/// Evaluating evidence [██████░░░░░░░░░░░░░░░░░░] 4/34 items · 31.2 MB of 121 MB · about 12 s left
/// ```
///
/// On one that must get plain text, an occasional line:
///
/// ```
/// Evaluating evidence: 4/34 items, 31.2 MB of 121 MB, about 12 s left
/// ```
struct ProgressBar: Equatable {
    static let label = "Evaluating evidence"
    /// Cells of the bar when the terminal is wide enough.
    static let barWidth = 24

    let progress: AuditProgress
    /// Seconds since evaluation started.
    let elapsed: Double

    /// How much of the work is done: by bytes, which the time taken follows, else by items.
    var fraction: Double {
        if progress.bytesTotal > 0 {
            return min(1, Double(progress.bytesDone) / Double(progress.bytesTotal))
        }
        return progress.itemsTotal > 0 ? min(1, Double(progress.itemsDone) / Double(progress.itemsTotal)) : 0
    }

    /// Seconds left at the pace so far; nil until there is something to go on (a second
    /// of work and 1% of it done) and once all the bytes are parsed (only rules remain).
    var secondsLeft: Int? {
        let done = fraction
        guard elapsed >= 1, done >= 0.01, done < 1 else { return nil }
        return Int((elapsed * (1 - done) / done).rounded(.up))
    }

    /// "4/34 items", "31.2 MB of 121 MB", "about 12 s left": the parts both forms show.
    var parts: [String] {
        var parts = ["\(progress.itemsDone)/\(progress.itemsTotal) \(progress.itemsTotal == 1 ? "item" : "items")"]
        if progress.bytesTotal > 0 {
            parts.append("\(ByteCount(progress.bytesDone)) of \(ByteCount(progress.bytesTotal))")
        }
        if let secondsLeft {
            parts.append("about \(Self.duration(secondsLeft)) left")
        }
        return parts
    }

    /// The bar for a terminal `width` columns wide, never wider (a wrapped line cannot be
    /// redrawn in place): the bar narrows first, then goes, then the text is cut.
    func line(width: Int) -> String {
        let text = parts.joined(separator: " · ")
        let room = width - 1 - Self.label.count - text.count - 4
        guard room >= 10 else {
            return String("\(Self.label): \(text)".prefix(max(0, width - 1)))
        }
        let cells = min(Self.barWidth, room)
        let filled = Int((fraction * Double(cells)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
        return "\(Self.label) [\(bar)] \(text)"
    }

    /// The plain line, no escape codes and no redrawing.
    var plainLine: String {
        "\(Self.label): \(parts.joined(separator: ", "))"
    }

    /// "45 s", "3 min", "1 h 5 min".
    static func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        let minutes = Int((Double(seconds) / 60).rounded())
        if minutes < 60 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
