import AuditPacks
import Foundation
import Testing

@Suite("bag-info.txt: labels and values, one per line")
struct BagInfoTests {
    @Test("fields are written one per line, single-line, and read back; continuation lines join")
    func roundTrip() {
        let info = BagInfo(fields: [("Source-Organization", "Northwind\nHome Goods"), ("CXAudit-Ruleset", "a 1"), ("CXAudit-Ruleset", "b 2")])
        #expect(String(decoding: info.data, as: UTF8.self) == "Source-Organization: Northwind Home Goods\nCXAudit-Ruleset: a 1\nCXAudit-Ruleset: b 2\n")
        #expect(BagInfo(parsing: info.data) == info)
        #expect(info["CXAudit-Ruleset"] == "a 1")
        #expect(BagInfo(parsing: Data("External-Description: one\n  two\n".utf8))["External-Description"] == "one two")
        #expect(BagInfo.oxum(bytes: 1_024, files: 3) == "1024.3")
    }
}
