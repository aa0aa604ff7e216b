import Crypto
import Foundation

/// The pack's `MANIFEST`: one line per entry, `sha256  size  path`, sorted by path,
/// so anyone can check a pack with standard tools. `MANIFEST` and `MANIFEST.sig`
/// themselves are not listed.
struct PackManifest: Equatable {
    struct Line: Equatable {
        let sha256: String
        let size: Int
        let path: String
    }

    static let fileName = "MANIFEST"
    static let signatureName = "MANIFEST.sig"

    let lines: [Line]

    init(entries: [(path: String, data: Data)]) {
        lines = entries.map { Line(sha256: Self.hex(SHA256.hash(data: $0.data)), size: $0.data.count, path: $0.path) }
            .sorted { $0.path < $1.path }
    }

    /// Parses a manifest; nil when a line is malformed.
    init?(text: String) {
        var lines: [Line] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            // `sha256␣␣size␣␣path`; the path may itself contain spaces.
            let fields = line.components(separatedBy: "  ")
            guard fields.count >= 3, fields[0].count == 64, let size = Int(fields[1]) else { return nil }
            lines.append(Line(sha256: fields[0], size: size, path: fields[2...].joined(separator: "  ")))
        }
        self.lines = lines
    }

    var text: String {
        lines.map { "\($0.sha256)  \($0.size)  \($0.path)\n" }.joined()
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
