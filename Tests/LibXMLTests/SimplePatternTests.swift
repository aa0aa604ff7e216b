import Foundation
import Testing

@testable import LibXML

@Suite("Matching plain patterns on bytes, as ICU does")
struct SimplePatternTests {
    /// Patterns of the plain shape: each must be taken, and must answer as ICU on every text.
    static let plainPatterns = [
        "^C-[0-9]{7}$", "C-\\d+", "^\\d{4}-\\d{2}-\\d{2}$", "^[A-Z]{2,3}-[0-9]{3,}$", "^$", "^", "$", "a*", "^a*$",
        "^a?b+c*$", "x{0}y", "^.+@.+\\..+$", "^\\w+$", "\\W", "^\\s*$", "\\S", "\\D", "[^0-9]", "^[^a-z]+$", "[a-c-]",
        "[\\d.]+", "^[\\w.-]+$", "[-]", "^[\\-+]?\\d+\\.?\\d*$", "^\\$\\d+$", "\\.", "\\\\", "a\\+b", "[.+*?()|#]", "[ _,]",
        "^open$", "closed", "a.c", "^a.c$", "a{2}", "^a{2,}$", "^a{1,2}b$", "^a*a*a*a*b$", "a{999999}", "^a{0,999999}$", "^[A-Za-z0-9_]+$",
        "^[a-z]+ [a-z]+$", "[\\d\\w]", "@", "^'", "\"", "%", "=", "<>", "~", "`", "&", ":", ";", "/", ",", "!",
    ]

    /// Texts with line ends in every place `$` and `.` treat specially.
    static let texts = [
        "", "C-1234567", "C-123456", "C-12345678", "C-1234567\n", "C-1234567\r\n", "C-1234567\r", "C-1234567\n\n",
        "C-1234567\u{0B}", "C-1234567\u{0C}", "C-1234567 ", " C-1234567", "x C-1234567 y", "2026-02-29", "2026-2-29",
        "ab", "aab", "abbbc", "b", "aaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaac", "AB-123", "ABC-1234", "A-123", "a.b@c.d", "a@b",
        "a\nc", "a\rc", "abc", "open", "closed", "open\n", "reopened", "word_1", "two words", "\t\n", " ", "a-b", "$12",
        "12.5", "-3", "+4.25", "1e5", "a+b", "\\", "x", "xy", "y", "a)", "(a)", "a", "'quoted'", "\"", "<>", "~`&:;/,!%=#",
    ]

    /// Patterns left to ICU: groups, alternation, lazy and possessive quantifiers, set syntax,
    /// Unicode classes, escapes of letters, flags, anything malformed.
    static let otherPatterns = [
        "^(open|closed)$", "a|b", "(ab)+", "a+?", "a*+", "a{2}?", "[[a-z]&&[aeiou]]", "[a&&b]", "[a-z--c]", "[[:alpha:]]",
        "\\p{L}", "\\bword\\b", "\\n", "\\x41", "[]a]", "[^]", "[a", "a{", "a{2", "a{3,2}", "{2}", "*a", "a$b", "a^", "é",
        "[é]", "a]", "a}", "[$]", "[{]", "[a-]x[-", "[z-a]", "\\Q.\\E", "(?i)a", "a#", "\\_", "^(a)$", "", "[\\s]", "[\\S]", "[\\D]", "[\\W]", "^[\\-+]?\\d+(\\.\\d+)?$",
    ]

    func icu(_ pattern: String, _ text: String) throws -> Bool {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func simple(_ pattern: SimplePattern, _ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { pattern.matches($0) }
    }

    @Test("every plain pattern gives ICU's answer on every ASCII text", arguments: plainPatterns)
    func sameAsICU(pattern: String) throws {
        let compiled = try #require(SimplePattern(pattern, flags: ""), "\(pattern) is of the plain shape")
        for text in Self.texts {
            #expect(simple(compiled, text) == (try icu(pattern, text)), "\(pattern) on \(text.debugDescription)")
        }
    }

    @Test("other patterns are left to ICU", arguments: otherPatterns)
    func leftToICU(pattern: String) {
        #expect(SimplePattern(pattern, flags: "") == nil)
    }

    @Test("a flag leaves the pattern to ICU")
    func flags() {
        #expect(SimplePattern("^a$", flags: "i") == nil)
        #expect(SimplePattern("^a$", flags: "m") == nil)
    }

    @Test("text beyond ASCII is left to ICU, whose classes and line ends are Unicode's")
    func unicodeText() throws {
        let pattern = try #require(SimplePattern("^\\d+.$", flags: ""))
        #expect(simple(pattern, "12é") == nil)
        #expect(simple(pattern, "١٢a") == nil)
        #expect(simple(pattern, "12a") == true)
    }

    @Test("nested quantifiers that fail stay fast on long text")
    func noExponentialBacktracking() throws {
        let pattern = try #require(SimplePattern("^a*a*a*a*a*a*a*a*b$", flags: ""))
        #expect(simple(pattern, String(repeating: "a", count: 2_000)) == false)
    }
}
