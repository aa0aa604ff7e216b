public import Foundation
import SafeZip

/// One of a pack's BagIt manifests (RFC 8493 §2.1.3, §2.2.1): `manifest-ALG.txt`, which
/// lists every payload file under `data/`, or `tagmanifest-ALG.txt`, which lists the tag
/// files at the bag's root (`bagit.txt`, `bag-info.txt`, `README.txt`, the payload
/// manifests, the signed verdict and its timestamp).
///
/// Written so that `bagit.py --validate` and `sha256sum --check` both read it: UTF-8, one
/// line per file, `DIGEST␣␣PATH` — the lower-case hex digest, two spaces, the path from
/// the bag's root with `%` written `%25` (RFC 8493 §2.1.3; a pack's paths hold no control
/// characters) — each line ending in a line feed, sorted by the path's UTF-8 bytes, no
/// header, no blank line. `cxaudit verify` reads it strictly: a pack's own manifests are
/// always written this way, so anything else was altered.
public struct BagManifest: Sendable, Hashable {
    /// Payload manifest or tag manifest.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case payload = "manifest"
        case tag = "tagmanifest"
    }

    /// One listed file.
    public struct Line: Sendable, Hashable {
        public let digest: String
        /// Path from the bag's root, decoded.
        public let path: String
    }

    /// Why a manifest could not be read; the line says where.
    public struct FormatError: Error, LocalizedError, Sendable, Hashable {
        /// The manifest's file name.
        public let file: String
        /// 1-based line, or nil for the file as a whole.
        public let line: Int?
        public let reason: String

        public var errorDescription: String? {
            "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
        }
    }

    public let kind: Kind
    public let algorithm: BagDigest
    /// The listed files, sorted by path.
    public let lines: [Line]

    /// The manifest's file name in the bag: `manifest-sha256.txt`, `tagmanifest-sha512.txt`…
    public static func fileName(_ kind: Kind, _ algorithm: BagDigest) -> String {
        "\(kind.rawValue)-\(algorithm.rawValue).txt"
    }

    /// Every manifest file name a pack has.
    public static let allFileNames: [String] = Kind.allCases.flatMap { kind in BagDigest.allCases.map { fileName(kind, $0) } }

    public var fileName: String { Self.fileName(kind, algorithm) }

    /// The manifest of `entries`, keyed by path from the bag's root.
    public init(_ kind: Kind, _ algorithm: BagDigest, entries: [String: Data]) {
        self.kind = kind
        self.algorithm = algorithm
        lines = ReproducibleArchive.sorted(Array(entries.keys)).map { Line(digest: algorithm.hex(of: entries[$0] ?? Data()), path: $0) }
    }

    /// Reads a manifest strictly.
    ///
    /// - Throws: `FormatError` naming the first line that does not follow the format, is out
    ///   of order, repeats a path, names an unsafe path, or a path this kind of manifest
    ///   cannot list (a payload manifest lists only `data/…`, a tag manifest only other files
    ///   and never a tag manifest).
    public init(parsing data: Data, kind: Kind, algorithm: BagDigest) throws(FormatError) {
        self.kind = kind
        self.algorithm = algorithm
        let name = Self.fileName(kind, algorithm)
        guard data.isEmpty || data.last == UInt8(ascii: "\n") else {
            throw FormatError(file: name, line: nil, reason: "does not end with a line feed")
        }
        var lines: [Line] = []
        // Split on line-feed bytes, not Characters: "\r\n" is one Character in Swift.
        for (offset, bytes) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().enumerated() {
            let number = offset + 1
            guard let line = Self.parse(Array(bytes), digestLength: algorithm.hexLength) else {
                throw FormatError(
                    file: name, line: number,
                    reason: "is not 'digest  path' (\(algorithm.hexLength) lower-case hex digits of \(algorithm.displayName), two spaces, a UTF-8 path)")
            }
            guard SafeArchive.isSafe(line.path), Self.mayList(line.path, kind: kind) else {
                throw FormatError(file: name, line: number, reason: "lists '\(line.path)', which this manifest cannot list")
            }
            if let previous = lines.last {
                guard previous.path.utf8.lexicographicallyPrecedes(line.path.utf8) else {
                    throw FormatError(file: name, line: number, reason: "lists '\(line.path)' out of order or twice; lines are sorted by path")
                }
            }
            lines.append(line)
        }
        self.lines = lines
    }

    /// Whether a manifest of `kind` may list `path`.
    static func mayList(_ path: String, kind: Kind) -> Bool {
        let isPayload = path.hasPrefix(PackLayout.payloadFolder + "/")
        switch kind {
        case .payload: return isPayload
        case .tag: return !isPayload && !path.hasPrefix(Kind.tag.rawValue + "-")
        }
    }

    private static func parse(_ bytes: [UInt8], digestLength: Int) -> Line? {
        let space = UInt8(ascii: " ")
        let isHex = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) }
        guard bytes.count > digestLength + 2, bytes[..<digestLength].allSatisfy(isHex), bytes[digestLength] == space,
            bytes[digestLength + 1] == space, bytes[digestLength + 2] != space,
            let encoded = String(bytes: bytes[(digestLength + 2)...], encoding: .utf8), let path = decode(encoded)
        else { return nil }
        return Line(digest: String(decoding: bytes[..<digestLength], as: UTF8.self), path: path)
    }

    /// A path as manifests write it: `%` as `%25`, line breaks as `%0D`/`%0A` (RFC 8493 §2.1.3).
    static func encode(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// The inverse of `encode`; nil when a `%` starts none of the three escapes.
    static func decode(_ encoded: String) -> String? {
        var path = ""
        var rest = Substring(encoded)
        while let percent = rest.firstIndex(of: "%") {
            path += rest[..<percent]
            let escape = rest[percent...].prefix(3)
            switch escape.uppercased() {
            case "%25": path += "%"
            case "%0D": path += "\r"
            case "%0A": path += "\n"
            default: return nil
            }
            rest = rest[percent...].dropFirst(3)
        }
        return path + rest
    }

    /// The manifest as the bag stores it.
    public var text: String {
        lines.map { "\($0.digest)  \(Self.encode($0.path))\n" }.joined()
    }

    /// `text` as UTF-8.
    public var data: Data { Data(text.utf8) }
}
