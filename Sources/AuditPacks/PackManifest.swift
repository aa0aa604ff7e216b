import Crypto
public import Foundation
import SafeZip

/// The pack's `MANIFEST`: what every entry must hash to.
///
/// The format is chosen so an auditor can check a pack with standard tools (see
/// docs/evidence-packs.md): UTF-8 text, one line per entry, `sha256␣␣size␣␣path` —
/// lower-case hex SHA-256 of the entry's bytes, two spaces, its size in bytes in
/// decimal, two spaces, its path in the pack — each line ending in a line feed,
/// sorted by the path's UTF-8 bytes, no header, no blank line. `MANIFEST` and
/// `MANIFEST.sig` are not listed: the signature covers `MANIFEST` itself.
public struct PackManifest: Sendable, Hashable {
    /// The manifest's entry name.
    public static let fileName = "MANIFEST"

    /// One entry: its digest, size and path.
    public struct Line: Sendable, Hashable {
        public let sha256: String
        public let size: Int
        public let path: String

        /// The line for `data` stored at `path`.
        public init(path: String, data: Data) {
            self.sha256 = Self.hex(SHA256.hash(data: data))
            self.size = data.count
            self.path = path
        }

        init(sha256: String, size: Int, path: String) {
            self.sha256 = sha256
            self.size = size
            self.path = path
        }

        /// Lower-case hex of a digest.
        static func hex(_ digest: some Sequence<UInt8>) -> String {
            digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// Why a manifest could not be read; the line says where.
    public struct FormatError: Error, LocalizedError, Sendable, Hashable {
        /// 1-based line, or nil for the file as a whole.
        public let line: Int?
        public let reason: String

        public var errorDescription: String? {
            "\(PackManifest.fileName)\(line.map { ":\($0)" } ?? ""): \(reason)"
        }
    }

    /// The entries, sorted by path.
    public let lines: [Line]

    /// The manifest of the given entries.
    public init(entries: [String: Data]) {
        lines = ReproducibleArchive.sorted(Array(entries.keys)).map { Line(path: $0, data: entries[$0] ?? Data()) }
    }

    /// Reads a manifest strictly: anything but the documented format is an error,
    /// since a pack's own manifest is always written that way.
    ///
    /// - Throws: `FormatError` naming the first line that does not follow the format,
    ///   is out of order, repeats a path, or names an unsafe path or the manifest itself.
    public init(parsing data: Data) throws(FormatError) {
        guard data.isEmpty || data.last == UInt8(ascii: "\n") else {
            throw FormatError(line: nil, reason: "does not end with a line feed")
        }
        var lines: [Line] = []
        // Split on line-feed bytes, not Characters: "\r\n" is one Character in Swift.
        for (offset, bytes) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().enumerated() {
            let number = offset + 1
            guard let line = Self.parse(Array(bytes)) else {
                throw FormatError(line: number, reason: "is not 'sha256  size  path' (64 lower-case hex digits, two spaces, a size in bytes, two spaces, a UTF-8 path)")
            }
            guard SafeArchive.isSafe(line.path), line.path != Self.fileName, line.path != PackSignature.fileName else {
                throw FormatError(line: number, reason: "lists '\(line.path)', which cannot be an entry of a pack")
            }
            if let previous = lines.last {
                guard previous.path.utf8.lexicographicallyPrecedes(line.path.utf8) else {
                    throw FormatError(line: number, reason: "lists '\(line.path)' out of order or twice; lines are sorted by path")
                }
            }
            lines.append(line)
        }
        self.lines = lines
    }

    /// One line's fields, byte by byte; nil when it does not follow the format.
    private static func parse(_ bytes: [UInt8]) -> Line? {
        let space = UInt8(ascii: " ")
        let isHex = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard bytes.count > 64 + 2, bytes[..<64].allSatisfy(isHex), bytes[64] == space, bytes[65] == space else { return nil }
        let sizeDigits = bytes[66...].prefix(while: isDigit)
        let pathStart = 66 + sizeDigits.count + 2
        guard !sizeDigits.isEmpty, sizeDigits.count <= 18, bytes.count > pathStart, bytes[pathStart - 2] == space, bytes[pathStart - 1] == space,
            let size = Int(String(decoding: sizeDigits, as: UTF8.self)),
            let path = String(bytes: bytes[pathStart...], encoding: .utf8)
        else { return nil }
        return Line(sha256: String(decoding: bytes[..<64], as: UTF8.self), size: size, path: path)
    }

    /// The manifest as the pack stores it.
    public var text: String {
        lines.map { "\($0.sha256)  \($0.size)  \($0.path)\n" }.joined()
    }

    /// `text` as UTF-8: the bytes the signature covers.
    public var data: Data { Data(text.utf8) }
}
