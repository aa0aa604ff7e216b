import AuditModel
import Foundation
import Testing

@Suite("Result statuses")
struct ResultStatusTests {
    @Test("statuses carry XCCDF's names, as the results schema lists them")
    func schemaValues() throws {
        #expect(ResultStatus.allCases.map(\.rawValue) == ["pass", "fail", "error", "notapplicable", "notchecked", "waived"])
        #expect(ResultStatus.allCases.map(\.rawValue) == (try ResultsSchema.enumeration("status")))
    }

    @Test("a status is written and read as its name")
    func coding() throws {
        #expect(String(decoding: try JSONEncoder().encode([ResultStatus.notapplicable]), as: UTF8.self) == "[\"notapplicable\"]")
        #expect(try JSONDecoder().decode([ResultStatus].self, from: Data("[\"waived\"]".utf8)) == [.waived])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ResultStatus].self, from: Data("[\"not-applicable\"]".utf8)) }
    }
}
