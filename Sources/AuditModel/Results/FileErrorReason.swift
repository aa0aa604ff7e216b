public import Foundation

/// Why a local file could not be read or written, in plain words ("no such file", "permission
/// denied") rather than Foundation's "The operation could not be completed. The file
/// doesn't exist.", which ends in a full stop of its own and names no cause a person
/// can act on. Every reader of a file the user named (baseline, evidence, pack, key,
/// configuration) words its error with it, so one cause reads the same everywhere.
public enum FileErrorReason {
    /// The reason `error` was thrown reading `url`, without a trailing full stop.
    public static func describe(_ error: any Error, reading url: URL) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return "no such file" }
        if isFolder.boolValue { return "it is a folder, not a file" }
        if !FileManager.default.isReadableFile(atPath: url.path) { return "permission denied" }
        return systemWords(error)
    }

    /// The system's own words for `error` ("No space left on device", "File too large"),
    /// rather than Foundation's generic "The operation could not be completed", without a
    /// trailing full stop: for any file operation, reading or writing.
    public static func systemWords(_ error: any Error) -> String {
        let cocoa = error as NSError
        let posix = cocoa.domain == NSPOSIXErrorDomain ? cocoa : cocoa.userInfo[NSUnderlyingErrorKey] as? NSError
        var reason = posix.map { String(cString: strerror(Int32($0.code))) } ?? cocoa.localizedDescription
        let generic = "The operation could not be completed. "
        if reason.hasPrefix(generic) { reason.removeFirst(generic.count) }
        while reason.hasSuffix(".") { reason.removeLast() }
        return reason
    }
}
