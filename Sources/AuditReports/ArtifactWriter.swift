public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place reports reach the disk: every file is written to a temporary
/// file in the same folder and renamed over the target, so a reader never sees
/// a half-written report and an interrupted run leaves the old one intact.
public enum ArtifactWriter {
    /// Why an output could not be written.
    public enum WriteError: Error, LocalizedError, Sendable {
        case cannotWrite(path: String, reason: String)

        public var errorDescription: String? {
            switch self {
            case let .cannotWrite(path, reason):
                return "\(path): error: cannot write output: \(reason). Check that the folder exists and is writable, and that the disk has space."
            }
        }
    }

    /// Writes `data` to `url` atomically.
    public static func write(_ data: Data, to url: URL) throws(WriteError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary, options: [.withoutOverwriting])
            // rename(2) replaces the target atomically within one file system.
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            var reason = (error as NSError).localizedDescription
            while reason.hasSuffix(".") { reason.removeLast() }
            throw .cannotWrite(path: url.path, reason: reason)
        }
    }
}
