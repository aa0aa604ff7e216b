import AuditModel
import Testing

@Suite("Source locations")
struct SourceLocationTests {
    @Test("written file:line:col, leaving out what is unknown")
    func description() {
        #expect(SourceLocation(file: "log.csv", line: 12, column: 3).description == "log.csv:12:3")
        #expect(SourceLocation(file: "log.csv", line: 12).description == "log.csv:12")
        #expect(SourceLocation(file: "log.csv").description == "log.csv")
        #expect(SourceLocation(file: "log.csv", column: 3).description == "log.csv", "a column without its line says nothing")
    }

    @Test("lines and columns are 1-based: zero or less means unknown")
    func oneBased() {
        let location = SourceLocation(file: "r.xml", line: 0, column: -1)
        #expect(location.line == nil)
        #expect(location.column == nil)
        #expect(SourceLocation(file: "r.xml", line: 1, column: 1) == SourceLocation(file: "r.xml", line: 1, column: 1))
        #expect(SourceLocation(file: "r.xml", line: -5) == SourceLocation(file: "r.xml"))
    }

    @Test("an unknown line and column are left out of the JSON")
    func coding() throws {
        let object = try jsonObject(SourceLocation(file: "r.xml"))
        #expect(Set(object.keys) == ["file"])
        #expect(try roundTrip(SourceLocation(file: "r.xml", line: 7, column: 9)) == SourceLocation(file: "r.xml", line: 7, column: 9))
    }
}
