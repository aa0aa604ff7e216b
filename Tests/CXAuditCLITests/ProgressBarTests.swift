import AuditEngine
import Testing

@testable import cxaudit

@Suite("The progress bar's text")
struct ProgressBarTests {
    static func bar(items: Int = 4, bytes: Int, of total: Int = 124_800_000, after seconds: Double) -> ProgressBar {
        ProgressBar(progress: AuditProgress(itemsDone: items, itemsTotal: 34, bytesDone: bytes, bytesTotal: total), elapsed: seconds)
    }

    @Test("items done, bytes read and the time left at the pace so far")
    func bar() {
        #expect(
            Self.bar(bytes: 31_200_000, after: 4).line(width: 120)
                == "Evaluating evidence [██████░░░░░░░░░░░░░░░░░░] 4/34 items · 31.2 MB of 125 MB · about 12 s left")
        #expect(Self.bar(bytes: 31_200_000, after: 4).plainLine == "Evaluating evidence: 4/34 items, 31.2 MB of 125 MB, about 12 s left")
    }

    /// Issue #19: the counter sat on "4/34 items" for 8 s while one large file was parsed.
    @Test("while one large file is parsed the items stand still, but the bar, the bytes and the estimate move")
    func movesWithinOneFile() {
        let early = Self.bar(bytes: 10_000_000, after: 2).line(width: 120)
        let later = Self.bar(bytes: 62_400_000, after: 8).line(width: 120)
        #expect(early == "Evaluating evidence [█░░░░░░░░░░░░░░░░░░░░░░░] 4/34 items · 10.0 MB of 125 MB · about 23 s left")
        #expect(later == "Evaluating evidence [████████████░░░░░░░░░░░░] 4/34 items · 62.4 MB of 125 MB · about 8 s left")
    }

    @Test("no estimate before a second and 1% of the work, nor once every byte is parsed and only rules remain")
    func estimateOnlyWithSomethingToGoOn() {
        #expect(Self.bar(bytes: 31_200_000, after: 0.5).secondsLeft == nil)
        #expect(Self.bar(bytes: 1_000_000, after: 5).secondsLeft == nil)
        #expect(Self.bar(items: 30, bytes: 124_800_000, after: 20).secondsLeft == nil)
        #expect(Self.bar(items: 30, bytes: 124_800_000, after: 20).plainLine == "Evaluating evidence: 30/34 items, 125 MB of 125 MB")
    }

    @Test("long waits read in minutes and hours", arguments: [(45, "45 s"), (59, "59 s"), (100, "2 min"), (3_000, "50 min"), (3_600, "1 h"), (4_500, "1 h 15 min")])
    func durations(seconds: Int, text: String) {
        #expect(ProgressBar.duration(seconds) == text)
    }

    @Test("never wider than the terminal: the bar narrows, then goes, then the text is cut", arguments: [120, 80, 60, 40, 20])
    func fitsTheWidth(width: Int) {
        let line = Self.bar(bytes: 31_200_000, after: 4).line(width: width)
        #expect(line.count < width)
        #expect(line.hasPrefix("Evaluating evidence"))
    }

    @Test("an audit of files of unknown size counts items")
    func withoutSizes() {
        let bar = ProgressBar(progress: AuditProgress(itemsDone: 1, itemsTotal: 1, bytesDone: 0, bytesTotal: 0), elapsed: 3)
        #expect(bar.line(width: 80) == "Evaluating evidence [████████████████████████] 1/1 item")
    }
}
