import CalendarDates
import Foundation
import LibXML

/// Test fixtures, found from this file's path rather than the working directory.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }
}

extension XMLDocument {
    /// Parses XML text written in a test.
    static func parse(_ text: String, file: String = "test.xml") throws(XMLError) -> XMLDocument {
        try parse(data: Data(text.utf8), file: file)
    }
}

extension XPathEnvironment {
    /// The audit date the tests count from: 2026-03-31.
    static let auditDay = XPathEnvironment(asOf: CalendarDate(daysSinceEpoch: 20_543))
}

/// A directory of its own under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init(named name: String = "cxaudit-tests") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A small deterministic generator, so "random" garbage is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
