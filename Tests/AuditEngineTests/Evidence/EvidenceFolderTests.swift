import AuditEngine
import AuditEvidence
import AuditModel
import Foundation
import Testing

@Suite("Evidence folder boundaries")
struct EvidenceFolderTests {
    static func item(_ path: String) -> EvidenceItem {
        EvidenceItem(
            id: "X", type: "t", file: path, format: .xml, date: nil, periodStart: nil, periodEnd: nil, owner: nil, process: nil,
            site: nil, title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml", line: 7))
    }

    @Test("absolute paths, '..' escapes and symlinks leading out are refused with the register line", arguments: [
        "/etc/passwd", "../outside.xml", "sub/../../outside.xml", "link-out/outside.xml", "link-out/missing.xml",
    ])
    func escapesRefused(path: String) throws {
        let workspace = try TemporaryFolder()
        try workspace.write("outside.xml", "<secret/>")
        try workspace.write("evidence/sub/inner.xml", "<ok/>")
        try FileManager.default.createSymbolicLink(
            at: workspace.url.appendingPathComponent("evidence/link-out"), withDestinationURL: workspace.url)
        let folder = EvidenceFolder(root: workspace.url.appendingPathComponent("evidence"))
        let error = try #require(throws: EvidenceError.self) { try folder.read(Self.item(path)) }
        guard case let .pathOutsideFolder(_, _, location) = error else {
            Issue.record("expected pathOutsideFolder, got \(error)")
            return
        }
        #expect(location.line == 7)
        #expect(error.errorDescription?.contains("outside the evidence folder") == true)
    }

    @Test("a file inside the folder, also through a symlink that stays inside, is read unchanged")
    func insideIsRead() throws {
        let workspace = try TemporaryFolder()
        try workspace.write("evidence/sub/inner.xml", "<ok/>")
        try FileManager.default.createSymbolicLink(
            at: workspace.url.appendingPathComponent("evidence/alias.xml"),
            withDestinationURL: workspace.url.appendingPathComponent("evidence/sub/inner.xml"))
        let folder = EvidenceFolder(root: workspace.url.appendingPathComponent("evidence"))
        #expect(try folder.read(Self.item("sub/inner.xml")) == Data("<ok/>".utf8))
        #expect(try folder.read(Self.item("alias.xml")) == Data("<ok/>".utf8))
    }

    @Test("a missing file and an oversized file are clear errors")
    func missingAndOversized() throws {
        let workspace = try TemporaryFolder()
        try workspace.write("evidence/big.xml", String(repeating: "x", count: 100))
        var folder = EvidenceFolder(root: workspace.url.appendingPathComponent("evidence"))
        #expect(throws: EvidenceError.fileMissing(item: "X", path: "nope.xml", declaredAt: Self.item("").location)) {
            try folder.read(Self.item("nope.xml"))
        }
        folder.maxFileBytes = 10
        #expect(throws: EvidenceError.tooLarge(item: "X", path: "big.xml", bytes: 100, limit: 10)) {
            try folder.read(Self.item("big.xml"))
        }
    }
}
