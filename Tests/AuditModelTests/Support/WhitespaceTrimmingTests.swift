import AuditModel
import Foundation
import Testing

@Suite("Trimming white space without Foundation's bridge")
struct WhitespaceTrimmingTests {
    @Test(
        "the same result as Foundation's trimmingCharacters(in: .whitespacesAndNewlines)",
        arguments: [
            "", " ", "\t\r\n", "plain", " 2026-11-30 ", "\u{00A0}Yes\u{3000}", "\r\nline one\nline two\r\n", "x", " x", "x ",
            "Zoë ", "\u{2028}para\u{2029}", " \u{301}accent", "日本 ", "\u{85}next line\u{85}", "a\u{200B}",
        ])
    func matchesFoundation(text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text[...].trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
