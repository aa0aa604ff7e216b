import Testing

@testable import AuditReports

@Suite("Markdown escaping")
struct MarkdownTextTests {
    @Test("evidence text cannot inject links, emphasis, code, headings, HTML or table cells")
    func escape() {
        #expect(MarkdownText.escape("[link](x) *bold* _it_ `code` # h | cell ~s~ !img \\") == "\\[link\\](x) \\*bold\\* \\_it\\_ \\`code\\` \\# h \\| cell \\~s\\~ \\!img \\\\")
        #expect(MarkdownText.escape("<script>&") == "&lt;script&gt;&amp;")
    }

    @Test("line breaks fold to spaces and control characters become U+FFFD, so a value stays in its cell")
    func whitespace() {
        #expect(MarkdownText.escape("one\ntwo\r\nthree\tfour") == "one two  three four")
        #expect(MarkdownText.escape("bell\u{07}") == "bell\u{FFFD}")
        #expect(MarkdownText.escape("Zoë 😀") == "Zoë 😀")
    }

    @Test("inline code is fenced with more backticks than it holds, padded when it starts or ends with one")
    func code() {
        #expect(MarkdownText.code("ISO9001-9.3-01") == "`ISO9001-9.3-01`")
        #expect(MarkdownText.code("a `b` c") == "``a `b` c``")
        #expect(MarkdownText.code("a ``b`` c") == "```a ``b`` c```")
        #expect(MarkdownText.code("`x") == "`` `x ``")
        #expect(MarkdownText.code("two\nlines") == "`two lines`")
    }
}
