import Foundation
import Testing

@testable import AuditReports

@Suite("Hand-built JSON values")
struct JSONValueTests {
    func encoded(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("object literals leave out nil members; keys are sorted when encoded")
    func objects() throws {
        let missing: JSONValue? = nil
        let value: JSONValue = ["title": "Report", "remarks": missing, "count": .integer(3), "score": .number(87.5), "done": .bool(true)]
        #expect(try encoded(value) == #"{"count":3,"done":true,"score":87.5,"title":"Report"}"#)
    }

    @Test("arrays and strings are written from literals and interpolation")
    func literals() throws {
        let id = "E-1"
        let value: JSONValue = ["rule \(id)", "plain"]
        #expect(try encoded(value) == #"["rule E-1","plain"]"#)
    }

    @Test("an empty list is left out entirely, since formats such as OSCAL forbid empty arrays")
    func nonEmpty() throws {
        #expect(JSONValue.nonEmpty([]) == nil)
        #expect(JSONValue.nonEmpty(["a"]) == .array([.string("a")]))
        let value: JSONValue = ["links": JSONValue.nonEmpty([]), "uuid": "u"]
        #expect(try encoded(value) == #"{"uuid":"u"}"#)
    }
}
