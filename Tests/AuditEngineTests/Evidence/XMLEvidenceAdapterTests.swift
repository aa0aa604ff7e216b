import AuditModel
import Foundation
import Testing

import AuditEngine
@testable import AuditEvidence

@Suite("XML evidence and hostile input")
struct XMLEvidenceAdapterTests {
    static let ruleset = rulesetXML(
        ruleXML("R", #"<records evidence="survey" select="/survey/response"><assert test="score &gt;= 1">Bad score.</assert></records>"#))

    static let hostile: [(name: String, content: String, expected: String)] = [
        ("xxe.xml", #"<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><survey>&x;</survey>"#, "DOCTYPE not allowed"),
        ("network.xml", #"<?xml version="1.0"?><!DOCTYPE s SYSTEM "http://example.invalid/s.dtd"><survey/>"#, "DOCTYPE not allowed"),
        (
            "laughs.xml",
            #"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><survey>&c;</survey>"#,
            "DOCTYPE not allowed"
        ),
        ("deep.xml", String(repeating: "<a>", count: 400) + String(repeating: "</a>", count: 400), "nested deeper than 256"),
        ("truncated.xml", "<survey>\n<response><score>4</score>\n", "Premature end of data"),
        ("binary.xml", "\u{0}\u{1}\u{2}PK\u{3}\u{4}garbage", "error"),
    ]

    @Test("each hostile file is refused with its name and line while readable items are still evaluated")
    func hostileFilesAreContained() async throws {
        var files = ["good.xml": "<survey><response><score>4</score></response></survey>"]
        var items = [TestItem(id: "GOOD", type: "survey", file: "good.xml", format: "xml", date: "2026-01-01")]
        for (index, entry) in Self.hostile.enumerated() {
            files[entry.name] = entry.content
            items.append(TestItem(id: "H\(index)", type: "survey", file: entry.name, format: "xml", date: "2026-01-01"))
        }
        let run = try await audit(ruleset: Self.ruleset, files: files, items: items)
        #expect(run.results.first { $0.itemId == "GOOD" }?.status == .pass)
        for (index, entry) in Self.hostile.enumerated() {
            let result = try #require(run.results.first { $0.itemId == "H\(index)" })
            #expect(result.status == .error, "\(entry.name)")
            let diagnostic = try #require(run.diagnostics.first { $0.location.file == entry.name }, "\(entry.name)")
            #expect(diagnostic.description.contains(entry.expected), "\(entry.name): \(diagnostic)")
            #expect(diagnostic.location.line != nil || entry.name == "binary.xml", "\(entry.name)")
        }
        #expect(run.isIncomplete)
    }

    @Test("invalid UTF-8 in XML is refused with its line")
    func invalidUTF8() throws {
        var data = Data("<survey>\n<c>".utf8)
        data.append(contentsOf: [0xFF, 0xFE, 0x41])
        data.append(Data("</c></survey>".utf8))
        let item = EvidenceItem(
            id: "X", type: "survey", file: "bad.xml", format: .xml, date: nil, periodStart: nil, periodEnd: nil, owner: nil,
            process: nil, site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml"))
        let error = try #require(throws: EvidenceError.self) { try XMLEvidenceAdapter().document(from: data, item: item, contract: nil) }
        #expect(error.diagnostics.first?.location.file == "bad.xml")
        #expect(error.diagnostics.first?.location.line == 2)
    }
}
