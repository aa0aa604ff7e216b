import AuditModel
import Foundation
import Testing

@testable import AuditPacks

@Suite("Redacting personal data in evidence copies")
struct EvidenceRedactorTests {
    let customer = EvidenceContract.Field(name: "customer", type: .text, aliases: ["Customer name", "Client"], isPersonal: true)
    let comment = EvidenceContract.Field(name: "comment", type: .text, isPersonal: true)

    func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }
    func lines(_ text: String) -> Int { text.split(separator: "\n", omittingEmptySubsequences: false).count }

    @Test("a CSV copy keeps the header, keys, dates, measured values and every line; personal cells read [redacted]")
    func csv() throws {
        let original = """
            \u{FEFF}Complaint ID,Received,Customer,Days,Description
            C-1,2026-01-02,George Wright,4,short
            C-2,2026-01-03,"Ahmed, Tomasz",12,"two
            lines"
            C-3,2026-01-04,,7,x

            """
        let redacted = try EvidenceRedactor(fields: [customer]).redact(Data(original.utf8), format: .csv)
        let copy = text(redacted.data)
        #expect(copy == """
            \u{FEFF}Complaint ID,Received,Customer,Days,Description
            C-1,2026-01-02,[redacted],4,short
            C-2,2026-01-03,"[redacted]",12,"two
            lines"
            C-3,2026-01-04,,7,x

            """)
        #expect(lines(copy) == lines(original))
        #expect(redacted.values.contains("George Wright"))
        #expect(redacted.values.contains("Ahmed, Tomasz"))
    }

    @Test("a multi-line personal cell keeps its line breaks, so later records keep their line numbers")
    func multiLineCell() throws {
        let original = "ID,Comment\r\nS-1,\"Great\r\nservice, \"\"Ann\"\"\"\r\nS-2,ok\r\n"
        let redacted = try EvidenceRedactor(fields: [comment]).redact(Data(original.utf8), format: .csv)
        #expect(text(redacted.data) == "ID,Comment\r\nS-1,\"[redacted]\r\n\"\r\nS-2,[redacted]\r\n")
        #expect(redacted.values.contains("Great\r\nservice, \"Ann\""))
    }

    @Test("a CSV whose personal field is in no recognisable column is refused, not copied")
    func csvFieldNotFound() {
        #expect(throws: EvidenceRedactor.Refusal.fieldNotFound("customer")) {
            try EvidenceRedactor(fields: [customer]).redact(Data("ID,Buyer\nC-1,Ann Lee\n".utf8), format: .csv)
        }
    }

    @Test("a CSV with another delimiter is redacted with the register's delimiter")
    func delimiter() throws {
        let redacted = try EvidenceRedactor(fields: [customer]).redact(Data("ID;Client\nC-1;Ann Lee\n".utf8), format: .csv, delimiter: ";")
        #expect(text(redacted.data) == "ID;Client\nC-1;[redacted]\n")
    }

    @Test("a JSON copy redacts personal string members only, keeping keys, numbers and lines")
    func json() throws {
        let original = """
            [
              {"id": "C-1", "received": "2026-01-02", "customer": "Zoë \\"Z\\" Ng", "days": 4},
              {"id": "C-2", "received": "2026-01-03", "Customer name": "", "days": 12}
            ]
            """
        let redacted = try EvidenceRedactor(fields: [customer]).redact(Data(original.utf8), format: .json)
        #expect(text(redacted.data) == """
            [
              {"id": "C-1", "received": "2026-01-02", "customer": "[redacted]", "days": 4},
              {"id": "C-2", "received": "2026-01-03", "Customer name": "", "days": 12}
            ]
            """)
        #expect(redacted.values.contains("Zoë \"Z\" Ng"))
        #expect(try JSONSerialization.jsonObject(with: redacted.data) is [Any])
    }

    @Test("an XML copy redacts personal elements and attributes, keeping ids, dates, ratings and lines")
    func xml() throws {
        let original = """
            <?xml version="1.0" encoding="UTF-8"?>
            <survey id="W1">
              <response id="R-1" date="2026-02-17" shopper="Ann Lee">
                <csat>5</csat>
                <comment>Friendly driver, &amp; quick.</comment>
              </response>
              <response id="R-2" date="2026-02-18" shopper=''>
                <csat>2</csat><comment>Late
            again</comment><comment/>
              </response>
            </survey>
            """
        let shopper = EvidenceContract.Field(name: "shopper", type: .text, isAttribute: true, isPersonal: true)
        let redacted = try EvidenceRedactor(fields: [comment, shopper]).redact(Data(original.utf8), format: .xml)
        #expect(text(redacted.data) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <survey id="W1">
              <response id="R-1" date="2026-02-17" shopper="[redacted]">
                <csat>5</csat>
                <comment>[redacted]</comment>
              </response>
              <response id="R-2" date="2026-02-18" shopper=''>
                <csat>2</csat><comment>[redacted]
            </comment><comment/>
              </response>
            </survey>
            """)
        #expect(redacted.values.isSuperset(of: ["Ann Lee", "Friendly driver, & quick.", "Late again"]))
    }

    @Test("an XML personal element holding markup is refused")
    func xmlMarkup() {
        #expect(throws: EvidenceRedactor.Refusal.structuredValue("comment")) {
            try EvidenceRedactor(fields: [comment]).redact(Data("<r><comment><b>Ann</b></comment></r>".utf8), format: .xml)
        }
    }

    @Test("office files with personal fields are refused", arguments: [EvidenceFormat.xlsx, .ods, .docx, .odt])
    func office(format: EvidenceFormat) {
        #expect(throws: EvidenceRedactor.Refusal.unsupportedFormat(format)) {
            try EvidenceRedactor(fields: [customer]).redact(Data("PK".utf8), format: format)
        }
    }

    @Test("reports lose the values, as written, HTML-escaped and JSON-escaped; short values are kept")
    func reports() {
        let redactor = ReportRedactor(values: ["O'Brien & Co", "Al"])
        let report = Data(#"<p>O&#39;Brien &amp; Co</p> "O'Brien & Co" Al"#.utf8)
        #expect(String(decoding: redactor.redact(report), as: UTF8.self) == #"<p>[redacted]</p> "[redacted]" Al"#)
    }

    @Test("a value inside a longer word is left alone in reports")
    func wholeWords() {
        let redactor = ReportRedactor(values: ["Good"])
        #expect(String(decoding: redactor.redact(Data("Northwind Home Goods: Good.".utf8)), as: UTF8.self) == "Northwind Home Goods: [redacted].")
    }
}
