import AuditModel
public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place reports reach the disk: every file is written to a temporary
/// file in the same folder, flushed to the disk, and renamed over the target, so a
/// reader never sees a half-written report and a failed or interrupted run leaves
/// the old one intact.
public enum ArtifactWriter {
    /// Why an output could not be written.
    public enum WriteError: Error, LocalizedError, Sendable {
        case cannotWrite(path: String, reason: String)
        /// The process is stopping (SIGINT, SIGTERM): no new file is started.
        case interrupted(path: String)

        public var errorDescription: String? {
            switch self {
            case let .cannotWrite(path, reason):
                return "\(path): error: cannot write output: \(reason). Check that the folder exists and is writable, and that the disk has space."
            case let .interrupted(path):
                return "\(path): error: not written: cxaudit was interrupted. Run it again for a complete set of reports."
            }
        }
    }

    /// Held for the whole of each write, so that `stopWriting()` waits for a write in
    /// progress to finish (or never start) instead of leaving its temporary file behind.
    private static let gate = WriteGate()

    /// Writes `data` to `url` atomically.
    ///
    /// - Throws: `WriteError.cannotWrite` naming the file and the system's reason (no
    ///   space, not a folder, permission); `.interrupted` once `stopWriting()` was called.
    public static func write(_ data: Data, to url: URL) throws(WriteError) {
        try gate.whileOpen(path: url.path) { () throws(WriteError) in try writeAtomically(data, to: url) }
    }

    /// Stops all writing for the rest of the process: returns once a write in progress
    /// has finished, and every later `write` fails as `.interrupted`. Called when the
    /// process is told to stop, so that it exits without leaving partial files.
    public static func stopWriting() {
        gate.close()
    }

    private static func writeAtomically(_ data: Data, to url: URL) throws(WriteError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        var created = false
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw systemError() }
            created = true
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: data)
            // Flushed before the rename, so that after a power cut the name holds either
            // the old report or the whole new one, never a truncated file.
            try handle.synchronize()
            try handle.close()
            // rename(2) replaces the target atomically within one file system.
            guard rename(temporary.path, url.path) == 0 else { throw systemError() }
        } catch {
            if created { unlink(temporary.path) }
            throw .cannotWrite(path: url.path, reason: FileErrorReason.systemWords(error))
        }
    }

    private static func systemError() -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
    }
}

/// Lets one write through at a time until closed. A pthread mutex (`NSLock`) rather than
/// `Synchronization.Mutex`, whose futex ThreadSanitizer cannot see: it would report the
/// flag it guards as a race between a write and the signal handler.
private final class WriteGate: @unchecked Sendable {
    private let lock = NSLock()
    private var closed = false

    func whileOpen(path: String, _ body: () throws(ArtifactWriter.WriteError) -> Void) throws(ArtifactWriter.WriteError) {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { throw .interrupted(path: path) }
        try body()
    }

    func close() {
        lock.lock()
        closed = true
        lock.unlock()
    }
}
