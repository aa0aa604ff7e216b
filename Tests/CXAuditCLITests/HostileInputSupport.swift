import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Running the real `cxaudit` binary the way the hostile-input corpus needs it: under a
/// memory limit, killed after a deadline, with its output in files outside the evidence folder.
enum LimitedRun {
    /// Virtual memory the child may use, in KiB (`ulimit -v`).
    static let memoryLimitKiB = 2_097_152
    /// Seconds after which the child is killed and the case fails.
    static let timeout: Double = 10
    /// Set by Scripts/sanitizers.sh. A sanitizer's runtime reserves terabytes of address
    /// space for its shadow memory, so `ulimit -v` would stop every run: the memory
    /// bound is checked by the normal run, and the sanitized run allows ten times longer.
    static let underSanitizer = ProcessInfo.processInfo.environment["CXAUDIT_SANITIZER"] != nil

    struct Outcome {
        let status: Int32
        /// Terminated by a signal (a crash, or the kill after the deadline).
        let signalled: Bool
        let timedOut: Bool
        let seconds: Double
        let stdout: String
        let stderr: String
        var output: String { stdout + stderr }
    }

    /// The binary the tests were built with: next to the test bundle, in whatever build
    /// folder (`--scratch-path`) it was built; never a stale `.build/debug/cxaudit`.
    static let binary: URL? = {
        var candidates: [URL] = []
        for path in [CommandLine.arguments.first, Bundle.main.executablePath].compactMap({ $0 }) {
            var folder = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
            // On macOS the runner sits inside the .xctest bundle (Contents/MacOS); look a few folders up.
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("cxaudit"))
                folder.deleteLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `cxaudit ARGUMENTS` (or another executable) through `/bin/sh -c 'ulimit -v …; exec "$0" "$@"'`,
    /// writing its output to files in `scratch`, and kills it (SIGKILL) at the deadline.
    static func run(
        _ arguments: [String], scratch: URL, memoryLimitKiB: Int = memoryLimitKiB, timeout: Double = timeout, executable: URL? = nil
    ) throws -> Outcome {
        let binary = try #require(executable ?? binary, "cxaudit is not built next to the test bundle")
        let outURL = scratch.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = scratch.appendingPathComponent("stderr-\(UUID().uuidString)")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let limit = underSanitizer ? "" : "ulimit -v \(memoryLimitKiB) || exit 97; "
        process.arguments = ["-c", limit + "exec \"$0\" \"$@\"", binary.path] + arguments
        process.currentDirectoryURL = CheckCommandTests.repository
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let start = Date()
        try process.run()
        var timedOut = false
        if finished.wait(timeout: .now() + timeout * (underSanitizer ? 10 : 1)) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        let seconds = Date().timeIntervalSince(start)
        // Foundation keeps a finished Process (and its file handles) until its run-loop
        // source is serviced; waitUntilExit does that, and the handler goes with it.
        process.waitUntilExit()
        process.terminationHandler = nil
        return Outcome(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
            seconds: seconds, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// Everything in a folder, without following symbolic links: each file's bytes, size,
/// permissions and modification time, each link's destination, each folder, pipe or
/// other node by kind. Two snapshots are equal when nothing was written, created,
/// deleted, renamed or touched.
struct FolderSnapshot: Equatable {
    enum Entry: Equatable {
        case file(bytes: Data, permissions: Int, modified: Date)
        case directory(permissions: Int)
        case symlink(destination: String)
        case other(type: String)
    }

    let entries: [String: Entry]

    init(_ folder: URL) throws {
        var entries: [String: Entry] = [:]
        let manager = FileManager.default
        func walk(_ relative: String) throws {
            let path = relative.isEmpty ? folder.path : folder.appendingPathComponent(relative).path
            for name in try manager.contentsOfDirectory(atPath: path) {
                let child = relative.isEmpty ? name : relative + "/" + name
                let childPath = folder.appendingPathComponent(child).path
                let attributes = try manager.attributesOfItem(atPath: childPath)
                let type = attributes[.type] as? FileAttributeType
                let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
                switch type {
                case .typeRegular?:
                    let modified = attributes[.modificationDate] as? Date ?? .distantPast
                    entries[child] = .file(bytes: try Data(contentsOf: URL(fileURLWithPath: childPath)), permissions: permissions, modified: modified)
                case .typeDirectory?:
                    entries[child] = .directory(permissions: permissions)
                    try walk(child)
                case .typeSymbolicLink?:
                    entries[child] = .symlink(destination: try manager.destinationOfSymbolicLink(atPath: childPath))
                default:
                    entries[child] = .other(type: type?.rawValue ?? "unknown")
                }
            }
        }
        try walk("")
        self.entries = entries
    }
}

/// Files the corpus makes at test time: office files, ZIP bombs and big or deep texts.
enum HostileFiles {
    /// Deterministic bytes that are no text format: a PNG signature, then noise.
    static func binary(count: Int = 4096) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var state: UInt32 = 2_463_534_242
        while bytes.count < count {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            bytes.append(UInt8(truncatingIfNeeded: state))
        }
        return Data(bytes)
    }

    // MARK: - ZIP

    struct ZipEntry {
        enum Body {
            /// Stored as is (method 0).
            case stored(Data)
            /// Raw DEFLATE data (method 8) with the sizes and CRC the headers should declare.
            case deflated(Data, declaredSize: UInt32, crc: UInt32)
        }

        var name: String
        var body: Body
        /// A symbolic link (Unix mode 0120777 in the external attributes).
        var isSymlink = false
    }

    /// A ZIP archive with the given entries, written by hand so that headers can lie.
    static func zip(_ entries: [ZipEntry]) -> Data {
        var archive = Data()
        var central = Data()
        for entry in entries {
            let name = Data(entry.name.utf8)
            let (method, data, size, crc): (UInt16, Data, UInt32, UInt32)
            switch entry.body {
            case let .stored(bytes): (method, data, size, crc) = (0, bytes, UInt32(bytes.count), crc32(bytes))
            case let .deflated(bytes, declaredSize, declaredCRC): (method, data, size, crc) = (8, bytes, declaredSize, declaredCRC)
            }
            let offset = UInt32(archive.count)
            archive.append(le32: 0x0403_4B50)
            archive.append(le16: 20)
            archive.append(le16: 0)
            archive.append(le16: method)
            archive.append(le16: 0)
            archive.append(le16: 0x21)  // 1980-01-01
            archive.append(le32: crc)
            archive.append(le32: UInt32(data.count))
            archive.append(le32: size)
            archive.append(le16: UInt16(name.count))
            archive.append(le16: 0)
            archive.append(name)
            archive.append(data)

            central.append(le32: 0x0201_4B50)
            central.append(le16: 0x031E)  // made by Unix, so the external attributes hold a mode
            central.append(le16: 20)
            central.append(le16: 0)
            central.append(le16: method)
            central.append(le16: 0)
            central.append(le16: 0x21)
            central.append(le32: crc)
            central.append(le32: UInt32(data.count))
            central.append(le32: size)
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le32: (entry.isSymlink ? 0o120777 : 0o100644) << 16)
            central.append(le32: offset)
            central.append(name)
        }
        let centralOffset = UInt32(archive.count)
        archive.append(central)
        archive.append(le32: 0x0605_4B50)
        archive.append(le16: 0)
        archive.append(le16: 0)
        archive.append(le16: UInt16(entries.count))
        archive.append(le16: UInt16(entries.count))
        archive.append(le32: UInt32(central.count))
        archive.append(le32: centralOffset)
        archive.append(le16: 0)
        return archive
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Raw DEFLATE data expanding to `count` zero bytes (`count` - 1 a multiple of 258):
    /// one fixed-Huffman block, a literal 0, then copies of 258 bytes at distance 1 —
    /// 13 bits per 258 bytes, about 160:1, under a 200:1 ratio check.
    static func deflatedZeros(count: Int) -> Data {
        var output = Data()
        output.reserveCapacity(count / 150)
        var bits: UInt64 = 0
        var filled = 0
        func put(_ value: UInt64, _ width: Int) {
            bits |= value << filled
            filled += width
            while filled >= 8 {
                output.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
                filled -= 8
            }
        }
        /// Huffman codes go most significant bit first.
        func code(_ value: UInt64, _ width: Int) -> UInt64 {
            var reversed: UInt64 = 0
            for index in 0..<width where value & (1 << index) != 0 { reversed |= 1 << (width - 1 - index) }
            return reversed
        }
        put(0b011, 3)  // BFINAL = 1, BTYPE = 01 (fixed Huffman)
        put(code(0x30, 8), 8)  // literal 0
        let copy = code(0b1100_0101, 8) | code(0, 5) << 8  // length 258 (code 285), distance 1 (code 0)
        for _ in 0..<(count - 1) / 258 { put(copy, 13) }
        put(code(0, 7), 7)  // end of block
        if filled > 0 { put(0, 8 - filled) }
        return output
    }

    // MARK: - Office files

    /// `data` as raw DEFLATE of uncompressed blocks (at most 65,535 bytes each): a deflated
    /// entry that is inflated, chunk by chunk, like any other, without a compressor here.
    static func deflatedAsIs(_ data: Data) -> Data {
        var output = Data()
        var start = data.startIndex
        repeat {
            let length = min(data.endIndex - start, 65_535)
            let final: UInt8 = start + length == data.endIndex ? 1 : 0
            output += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            output += data[start..<start + length]
            start += length
        } while start < data.endIndex
        return output
    }

    /// The worksheet part of `xlsx(sheet:)` holding `rows`, one per line.
    static func worksheet(_ rows: String, prolog: String = #"<?xml version="1.0"?>"#) -> Data {
        Data(#"\#(prolog)<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\#(rows)</sheetData></worksheet>"#.utf8)
    }

    /// `count` records that pass the corpus rulesets, after the header row, one per line.
    static func manyGoodRows(_ count: Int) -> String {
        var rows = #"<row r="1">\#(cell("A1", "id"))\#(cell("B1", "name"))\#(cell("C1", "check"))</row>"# + "\n"
        for number in 2...(count + 1) {
            rows += #"<row r="\#(number)">\#(cell("A\(number)", "G-\(number)"))\#(cell("B\(number)", "fine"))\#(cell("C\(number)", "ok"))</row>"# + "\n"
        }
        return rows
    }

    static func xlsx(sheet rows: String, extra: [ZipEntry] = [], firstEntry: ZipEntry? = nil, sheetBody: ZipEntry.Body? = nil) -> Data {
        let package = "http://schemas.openxmlformats.org/package/2006/relationships"
        let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var entries = [
            ZipEntry(name: "[Content_Types].xml", body: .stored(Data(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8))),
            ZipEntry(
                name: "_rels/.rels",
                body: .stored(Data(#"<?xml version="1.0"?><Relationships xmlns="\#(package)"><Relationship Id="rId1" Type="\#(officeDocument)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8))),
            ZipEntry(
                name: "xl/workbook.xml",
                body: .stored(Data(#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="\#(officeDocument)"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8))),
            ZipEntry(
                name: "xl/_rels/workbook.xml.rels",
                body: .stored(Data(#"<?xml version="1.0"?><Relationships xmlns="\#(package)"><Relationship Id="rId1" Type="\#(officeDocument)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8))),
            ZipEntry(name: "xl/worksheets/sheet1.xml", body: sheetBody ?? .stored(worksheet(rows))),
        ]
        if let firstEntry { entries.insert(firstEntry, at: 0) }
        return zip(entries + extra)
    }

    /// An inline-string cell.
    static func cell(_ reference: String, _ text: String) -> String {
        #"<c r="\#(reference)" t="inlineStr"><is><t>\#(text)</t></is></c>"#
    }

    /// A header row and one record that passes the corpus rulesets.
    static let goodRows = #"<row r="1">\#(cell("A1", "id"))\#(cell("B1", "name"))\#(cell("C1", "check"))</row><row r="2">\#(cell("A2", "G-1"))\#(cell("B2", "fine"))\#(cell("C2", "ok"))</row>"#

    static func docx(body: String, prolog: String = #"<?xml version="1.0"?>"#) -> Data {
        zip([
            ZipEntry(name: "[Content_Types].xml", body: .stored(Data(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8))),
            ZipEntry(
                name: "word/document.xml",
                body: .stored(Data(#"\#(prolog)<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\#(body)</w:body></w:document>"#.utf8))),
        ])
    }

    /// A Word table of one header row and one record.
    static let goodDocxBody: String = {
        func row(_ cells: [String]) -> String {
            "<w:tr>" + cells.map { "<w:tc><w:p><w:r><w:t>\($0)</w:t></w:r></w:p></w:tc>" }.joined() + "</w:tr>"
        }
        return "<w:p><w:r><w:t>Minutes</w:t></w:r></w:p><w:tbl>" + row(["id", "name", "check"]) + row(["G-1", "fine", "ok"]) + "</w:tbl>"
    }()

    static func openDocument(mimetype: String, body: String) -> Data {
        let namespaces = #"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0""#
        return zip([
            ZipEntry(name: "mimetype", body: .stored(Data(mimetype.utf8))),
            ZipEntry(
                name: "content.xml",
                body: .stored(Data(#"<?xml version="1.0"?><office:document-content \#(namespaces)><office:body>\#(body)</office:body></office:document-content>"#.utf8))),
        ])
    }

    static func odfRow(_ cells: [String], repeated: String? = nil) -> String {
        let repetition = repeated.map { #" table:number-rows-repeated="\#($0)""# } ?? ""
        return "<table:table-row\(repetition)>" + cells.map { #"<table:table-cell office:value-type="string"><text:p>\#($0)</text:p></table:table-cell>"# }.joined()
            + "</table:table-row>"
    }

    static func ods(rows: String) -> Data {
        openDocument(
            mimetype: "application/vnd.oasis.opendocument.spreadsheet",
            body: #"<office:spreadsheet><table:table table:name="Log">\#(rows)</table:table></office:spreadsheet>"#)
    }

    static let goodODSRows = odfRow(["id", "name", "check"]) + odfRow(["G-1", "fine", "ok"])

    static func odt(body: String) -> Data {
        openDocument(mimetype: "application/vnd.oasis.opendocument.text", body: "<office:text>\(body)</office:text>")
    }

    static let goodODTBody = "<text:p>Minutes</text:p><table:table>" + odfRow(["id", "name", "check"]) + odfRow(["G-1", "fine", "ok"]) + "</table:table>"
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
    }

    fileprivate mutating func append(le32 value: UInt32) {
        append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) })
    }
}
