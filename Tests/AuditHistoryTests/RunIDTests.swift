import AuditHistory
import Foundation
import Testing

@Suite("Run ids")
struct RunIDTests {
    @Test("run ids order as they were recorded and read as their number")
    func orderAndText() {
        #expect(RunID(rawValue: 2) < RunID(rawValue: 10))
        #expect([RunID(rawValue: 3), RunID(rawValue: 1), RunID(rawValue: 2)].sorted().map(\.rawValue) == [1, 2, 3])
        #expect(RunID(rawValue: 12).description == "12")
    }

    @Test("a run id is written in JSON as its bare number")
    func coding() throws {
        #expect(String(decoding: try JSONEncoder().encode([RunID(rawValue: 12)]), as: UTF8.self) == "[12]")
        #expect(try JSONDecoder().decode([RunID].self, from: Data("[7]".utf8)) == [RunID(rawValue: 7)])
    }
}
