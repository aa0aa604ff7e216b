import AuditReports
import Foundation
import Testing

@Suite("Atomic output")
struct ArtifactWriterTests {
    @Test("writes, replaces and leaves no temporary file")
    func writesAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nested/report.json")
        try ArtifactWriter.write(Data("one".utf8), to: file)
        try ArtifactWriter.write(Data("two".utf8), to: file)
        #expect(try Data(contentsOf: file) == Data("two".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["report.json"])
    }

    @Test("an unwritable destination is a clear error and the old file survives")
    func unwritable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let error = try #require(throws: ArtifactWriter.WriteError.self) {
            try ArtifactWriter.write(Data("y".utf8), to: blocker.appendingPathComponent("report.json"))
        }
        #expect(error.errorDescription?.contains("cannot write output") == true)
        #expect(try Data(contentsOf: blocker) == Data("x".utf8))
    }
}
