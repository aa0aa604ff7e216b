import AuditModel
import Foundation
import LibXML
import SafeZip
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

    static func archive(_ parts: [(String, Data)]) throws -> Data {
        var archive = ReproducibleArchive()
        for (path, data) in parts { try archive.add(path, data) }
        return try archive.data()
    }

    static func package(_ parts: [(String, Data)]) throws -> OfficePackage {
        try OfficePackage(data: archive(parts), item: item("o.xlsx"))
    }

    @Test("a word is found in a part as it is inflated, also where two chunks meet; the part is not counted as parsed")
    func partContains() throws {
        // "mergeCell" cut by the end of the inflater's first 64 KB chunk.
        let cut = Data(repeating: 0x20, count: (64 << 10) - 4) + Data("<mergeCell ref='A1:B1'/>".utf8)
        var package = try Self.package([("cut.xml", cut), ("plain.xml", Data(repeating: 0x20, count: 200_000))])
        #expect(try package.part("cut.xml", contains: "mergeCell"))
        #expect(try !package.part("plain.xml", contains: "mergeCell"))
        #expect(package.bytesParsed == 0)
        #expect(throws: EvidenceError.self) { try package.part("nope.xml", contains: "mergeCell") }
    }

    @Test("elements of a part read as it is inflated are those of the part read whole; the part counts once, at its size")
    func streamedElements() throws {
        let rows = (1...5000).map { "<row r='\($0)'><c><v>\($0)</v></c></row>" }.joined()
        let sheet = Data("<worksheet xmlns='\(OfficeNamespace.spreadsheet)'><sheetData>\(rows)</sheetData></worksheet>".utf8)
        var package = try Self.package([("sheet.xml", sheet)])
        let item = Self.item("o.xlsx")
        let whole = try package.xml("sheet.xml").root?.child("sheetData", in: OfficeNamespace.spreadsheet)?
            .children("row", in: OfficeNamespace.spreadsheet).map(\.stringValue)
        var streamed: [String] = []
        try OfficePackage.forEachElement(
            of: try package.stream("sheet.xml"), part: "sheet.xml", in: item, at: ["worksheet", "sheetData", "row"], namespace: OfficeNamespace.spreadsheet
        ) { streamed.append($0.stringValue) }
        #expect(streamed == whole)
        #expect(streamed.count == 5000)
        #expect(package.bytesParsed == sheet.count, "read whole, then streamed: counted once")
        _ = try package.stream("sheet.xml")
        #expect(package.bytesParsed == sheet.count)
    }

    @Test("a part that fails its checks while it is inflated is refused as such, not as XML cut short")
    func streamedDamage() throws {
        var data = try Self.archive([("sheet.xml", Data("<worksheet>\(String(repeating: "<row/>", count: 20_000))</worksheet>".utf8))])
        // Flip the CRC-32 in the local header (offset 14) and the central directory (offset 16).
        let directory = try #require(data.range(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
        for offset in [14, directory + 16] { data[offset] ^= 0xFF }
        var package = try OfficePackage(data: data, item: Self.item("o.xlsx"))
        let part = try package.stream("sheet.xml")
        let error = try #require(throws: EvidenceError.self) {
            try OfficePackage.forEachElement(of: part, part: "sheet.xml", in: Self.item("o.xlsx"), at: ["worksheet", "row"], namespace: "") { _ in }
        }
        #expect(message(error) == "entry 'sheet.xml' fails its CRC-32 check; the file is damaged")
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
