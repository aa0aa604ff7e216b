import AuditModel
import Foundation
import Testing

@Suite("Why a file could not be read, in plain words")
struct FileErrorReasonTests {
    private static func failure(reading url: URL) throws -> any Error {
        do {
            _ = try Data(contentsOf: url)
        } catch {
            return error
        }
        Issue.record("\(url.path) was read")
        return CocoaError(.fileReadUnknown)
    }

    @Test("a missing file is 'no such file', not Foundation's sentence with its own full stop")
    func missing() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-\(UUID().uuidString).json")
        #expect(FileErrorReason.describe(try Self.failure(reading: url), reading: url) == "no such file")
    }

    @Test("a folder where a file was expected says so")
    func folder() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(FileErrorReason.describe(try Self.failure(reading: url), reading: url) == "it is a folder, not a file")
    }

    @Test("another error keeps the system's words without the generic prefix or a trailing full stop")
    func systemWords() throws {
        let url = URL(fileURLWithPath: "/dev/null")
        let error = NSError(domain: NSPOSIXErrorDomain, code: Int(EIO))
        #expect(FileErrorReason.describe(error, reading: url) == String(cString: strerror(EIO)))
        let generic = CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "The operation could not be completed. Disk on fire."])
        #expect(FileErrorReason.describe(generic, reading: url) == "Disk on fire")
    }
}
