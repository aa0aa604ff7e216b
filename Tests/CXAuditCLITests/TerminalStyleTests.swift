import Testing

@testable import cxaudit

@Suite("What a stream may be sent beyond plain text")
struct TerminalStyleTests {
    @Test(
        "escape codes only on a terminal that takes them; TERM=dumb, no TERM and NO_COLOR get plain text; not a terminal gets nothing",
        arguments: [
            (true, ["TERM": "xterm-256color"], TerminalStyle.rich),
            (true, ["TERM": "xterm-256color", "NO_COLOR": ""], .rich),
            (true, ["TERM": "xterm-256color", "NO_COLOR": "1"], .plain),
            (true, ["TERM": "dumb"], .plain),
            (true, [:], .plain),
            (false, ["TERM": "xterm-256color"], .none),
            (false, ["TERM": "dumb", "NO_COLOR": "1"], .none),
        ])
    func style(isTerminal: Bool, environment: [String: String], expected: TerminalStyle) {
        #expect(TerminalStyle.of(isTerminal: isTerminal, environment: environment) == expected)
    }

    @Test("the bar is drawn at once, then at most ten times a second; a plain line every 10 s; nothing off a terminal")
    func pacing() {
        #expect(ProgressDisplay.isDue(style: .rich, elapsed: 0.01, lastShown: nil))
        #expect(!ProgressDisplay.isDue(style: .rich, elapsed: 0.05, lastShown: 0.01))
        #expect(ProgressDisplay.isDue(style: .rich, elapsed: 0.11, lastShown: 0.01))
        #expect(!ProgressDisplay.isDue(style: .plain, elapsed: 3, lastShown: nil), "a short run prints no line")
        #expect(ProgressDisplay.isDue(style: .plain, elapsed: 10, lastShown: nil))
        #expect(!ProgressDisplay.isDue(style: .plain, elapsed: 15, lastShown: 10))
        #expect(ProgressDisplay.isDue(style: .plain, elapsed: 20, lastShown: 10))
        #expect(!ProgressDisplay.isDue(style: .none, elapsed: 60, lastShown: nil))
    }
}
