import AuditModel
import Foundation
import LibXML
import Testing

@testable import AuditEvidence

@Suite("Office packages")
struct OfficePackageTests {
    static func item(_ file: String) -> EvidenceItem {
        EvidenceItem(
            id: "DOC", type: "t", file: file, format: .docx, date: nil, periodStart: nil, periodEnd: nil, owner: nil, process: nil, site: nil,
            title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: 5))
    }

    static func package(_ fixture: String) throws -> OfficePackage {
        try OfficePackage(data: Data(contentsOf: fixturesFolder.appendingPathComponent("office/\(fixture)")), item: item(fixture))
    }

    func message(_ error: EvidenceError) -> String {
        error.diagnostics.first?.message ?? ""
    }

    @Test("an empty file, or one that is not a ZIP archive, says office files are ZIP archives")
    func notAnArchive() throws {
        let empty = try #require(throws: EvidenceError.self) { try OfficePackage(data: Data(), item: Self.item("o.docx")) }
        #expect(message(empty) == "the file is empty (0 bytes); office files are ZIP archives: save it again from its application")
        let text = try #require(throws: EvidenceError.self) { try OfficePackage(data: Data("a,b\n1,2\n".utf8), item: Self.item("o.docx")) }
        #expect(message(text).hasSuffix("; office files are ZIP archives: re-save the file"))
        #expect(text.diagnostics.first?.location.file == "o.docx")
    }

    @Test("parts are parsed as XML and named in messages as file!part")
    func parts() throws {
        var package = try Self.package("minutes.docx")
        #expect(package.contains("word/document.xml"))
        #expect(!package.contains("xl/workbook.xml"))
        let document = try package.xml("word/document.xml")
        #expect(document.file == "minutes.docx!word/document.xml")
        #expect(document.root?.localName == "document")
        #expect(throws: EvidenceError.self) { try package.xml("xl/workbook.xml") }
    }

    @Test("a relationship to something outside the file is refused, naming the part and target; a self-contained file passes")
    func externalRelationships() throws {
        var external = try Self.package("external-template.docx")
        let error = try #require(throws: EvidenceError.self) { try external.refuseExternalRelationships() }
        #expect(message(error).contains("links to an external attachedTemplate"))
        #expect(message(error).contains("external relationships are refused"))
        var contained = try Self.package("minutes.docx")
        #expect(throws: Never.self) { try contained.refuseExternalRelationships() }
    }
}
