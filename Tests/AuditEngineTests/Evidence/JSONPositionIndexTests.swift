import Testing

@testable import AuditEvidence

@Suite("JSON positions")
struct JSONPositionIndexTests {
    static let sample = """
        {
          "exported": "2026-11-20",
          "actions": [
            {"id": "CAPA-1", "a/b": 1, "c~d": null},
            {
              "id": "CAPA-2",
              "tags": ["a", "b"]
            }
          ]
        }
        """

    func index(_ text: String, maxDepth: Int = 200) throws(JSONPositionIndex.ScanError) -> JSONPositionIndex {
        try JSONPositionIndex(Array(text.utf8), maxDepth: maxDepth)
    }

    @Test("every value's starting line is found by its JSON Pointer")
    func lines() throws {
        let found = try index(Self.sample)
        #expect(found.line(of: "") == 1)
        #expect(found.line(of: "/exported") == 2)
        #expect(found.line(of: "/actions") == 3)
        #expect(found.line(of: "/actions/0") == 4)
        #expect(found.line(of: "/actions/0/id") == 4)
        #expect(found.line(of: "/actions/1") == 5)
        #expect(found.line(of: "/actions/1/tags/1") == 7)
        #expect(found.line(of: "/actions/2") == nil)
        #expect(found.errorLine == nil)
    }

    @Test("keys are escaped in pointers as RFC 6901 says: ~ as ~0, / as ~1")
    func escaping() throws {
        let found = try index(Self.sample)
        #expect(found.line(of: "/actions/0/a~1b") == 4)
        #expect(found.line(of: "/actions/0/c~0d") == 4)
        #expect(JSONPositionIndex.escape("a/b~c") == "a~1b~0c")
    }

    @Test("members keep the file's order; keys the scan did not see follow, sorted")
    func keyOrder() throws {
        let found = try index(#"{"zeta": 1, "alpha": 2, "mid": 3, "zeta": 4}"#)
        #expect(found.orderedKeys(at: "", available: ["alpha", "mid", "zeta"]) == ["zeta", "alpha", "mid"])
        #expect(found.orderedKeys(at: "", available: ["mid", "extra", "another"]) == ["mid", "another", "extra"])
        #expect(found.orderedKeys(at: "/nowhere", available: ["b", "a"]) == ["a", "b"])
    }

    @Test("nesting deeper than the limit is refused at its line before anything is parsed")
    func depth() throws {
        #expect(throws: Never.self) { try index("[[[1]]]", maxDepth: 3) }
        let error = try #require(throws: JSONPositionIndex.ScanError.self) { try index("[\n[\n[\n[1]]]]", maxDepth: 3) }
        #expect(error.line == 4)
        #expect(error.message == "JSON nested deeper than 3 levels is refused")
    }

    @Test("the first structural problem's line is remembered: an unclosed string, a stray bracket, an unclosed container")
    func errorLines() throws {
        #expect(try index("{\n  \"a\": \"open\n}").errorLine == 2)
        #expect(try index("[1]\n]").errorLine == 2)
        #expect(try index("{\n\"a\": [1,\n2").errorLine == 3)
    }

    @Test("a \\u0000 escape is found at its line; an escaped backslash before u0000 is not one")
    func escapedNUL() throws {
        #expect(try index("{\n\"a\": \"x\\u0000y\"\n}").escapedNULLine == 2)
        #expect(try index(#"{"a": "C:\\u0000"}"#).escapedNULLine == nil)
    }

    @Test("a file with more values than the limit is found at the line where the limit is passed; keys are not values")
    func valueLimit() {
        let text = "[\n1,\n2,\n{\"k\": 3}\n]"
        #expect(JSONPositionIndex.lineExceeding(values: 5, in: Array(text.utf8)) == nil, "array, 1, 2, object, 3")
        #expect(JSONPositionIndex.lineExceeding(values: 4, in: Array(text.utf8)) == 4)
        #expect(JSONPositionIndex.lineExceeding(values: 1, in: Array("[true, false]".utf8)) == 1)
    }

    @Test("Foundation's character offset is turned into a line")
    func offsetLine() {
        let data = Array("{\n\"a\": 1,\n\"b\": x\n}".utf8)
        #expect(JSONPositionIndex.line(ofOffsetIn: "Invalid value around character 15.", in: data) == 3)
        #expect(JSONPositionIndex.line(ofOffsetIn: "The data is not valid JSON.", in: data) == nil)
    }

    @Test("string bodies are decoded with their escapes, surrogate pairs included")
    func decodeString() {
        #expect(JSONPositionIndex.decodeString(Array(#"plain"#.utf8)) == "plain")
        #expect(JSONPositionIndex.decodeString(Array(#"a\"b\\c\/d\n\t"#.utf8)) == "a\"b\\c/d\n\t")
        #expect(JSONPositionIndex.decodeString(Array(#"caf\u00e9 \ud83d\ude00"#.utf8)) == "café 😀")
        #expect(JSONPositionIndex.decodeString(Array("Zoë".utf8)) == "Zoë")
    }
}
