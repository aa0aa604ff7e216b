import Testing

@testable import AuditReports

@Suite("XML markup")
struct XMLMarkupTests {
    @Test("elements nest with indentation; attributes without a value are left out; text and attributes are escaped")
    func building() {
        var markup = XMLMarkup()
        markup.start("report", ["id": "r<1>", "missing": nil])
        markup.element("title", text: "Acme & Sons \"Ltd\"")
        markup.element("empty", ["note": "tab\there\nnext"])
        markup.start("items")
        markup.element("item", text: "it's")
        markup.end()
        markup.end()
        #expect(markup.text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <report id="r&lt;1&gt;">
              <title>Acme &amp; Sons &quot;Ltd&quot;</title>
              <empty note="tab&#9;here&#10;next"/>
              <items>
                <item>it&#39;s</item>
              </items>
            </report>

            """)
    }

    @Test("a fragment has no declaration and may use its own indentation; raw markup is appended as it is")
    func fragment() {
        var markup = XMLMarkup(declaration: false, indentation: "\t")
        markup.start("svg")
        markup.raw("<path d=\"M0 0\"/>\n")
        markup.end()
        #expect(markup.text == "<svg>\n<path d=\"M0 0\"/>\n</svg>\n")
    }

    @Test("characters XML 1.0 forbids become U+FFFD; tab, line feed and carriage return are kept in text")
    func forbiddenCharacters() {
        #expect(XMLMarkup.escape("a\u{00}b\u{07}c\u{1F}d\u{FFFE}e\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}")
        #expect(XMLMarkup.escape("a\tb\nc\rd") == "a\tb\nc\rd")
        #expect(XMLMarkup.escapeAttribute("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d")
        #expect(XMLMarkup.escape("Zoë 😀") == "Zoë 😀")
    }

    @Test("ids become NCNames: other characters turn into _, and a name not starting with a letter or _ is prefixed", arguments: [
        ("ISO9001-8.2.1-01", "ISO9001-8.2.1-01"),
        ("CL&1", "CL_1"),
        ("8.2.1", "x-8.2.1"),
        ("-C-1", "x--C-1"),
        ("_ok", "_ok"),
        ("Zürich", "Z_rich"),
        ("", "x-"),
    ])
    func ncName(value: String, name: String) {
        #expect(XMLMarkup.ncName(value) == name)
    }

    @Test("the prefix for an NCName can be chosen")
    func ncNamePrefix() {
        #expect(XMLMarkup.ncName("9.3", prefix: "clause") == "clause-9.3")
    }
}
