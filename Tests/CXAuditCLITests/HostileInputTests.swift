import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The hostile-input corpus (issue #10): every case puts one hostile or broken file in a fresh
/// evidence folder (next to a good file of the same format), or makes the register itself
/// hostile, and runs the real `cxaudit check` under a memory limit and a deadline. Each case
/// asserts the exit status, that the process was not killed by a signal, that the messages
/// name the file (and the line where the format has lines), and that the evidence folder is
/// byte for byte what it was. Fixtures that can be small live in `Fixtures/hostile/`; big,
/// deep and compressed ones are made here, at test time.
@Suite("cxaudit check on hostile input")
struct HostileInputTests {
    static let fixtures = CheckCommandTests.fixtures.appendingPathComponent("hostile")

    /// `cxaudit check` of `folder` with the corpus ruleset `rulesets/NAME.xml`, under the harness's limits.
    static func check(_ folder: URL, ruleset name: String, scratch: URL) throws -> LimitedRun.Outcome {
        let ruleset = fixtures.appendingPathComponent("rulesets/\(name).xml").path
        return try LimitedRun.run(["check", folder.path, "--ruleset", ruleset, "--as-of", "2026-11-30", "--no-config"], scratch: scratch)
    }

    @Test("hostile evidence and registers: clear errors, right status, no crash, bounded time and memory, evidence untouched", arguments: HostileCase.all)
    func hostileInput(_ hostile: HostileCase) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = try hostile.makeFolder(in: scratch)
        let before = try FolderSnapshot(folder)
        let outcome = try Self.check(folder, ruleset: hostile.format, scratch: scratch)

        #expect(!outcome.timedOut, "killed after \(LimitedRun.timeout) s: cxaudit hung or was too slow")
        #expect(!outcome.signalled, "cxaudit crashed (signal \(outcome.status)):\n\(outcome.stderr.suffix(2000))")
        #expect(outcome.status == hostile.status, "exit status \(outcome.status), expected \(hostile.status):\n\(outcome.output.prefix(3000))")
        for message in hostile.messages {
            #expect(outcome.output.contains(message), "missing \"\(message)\" in:\n\(outcome.output.prefix(3000))")
        }
        for text in hostile.absent + [HostileCase.outsideMarker] {
            #expect(!outcome.output.contains(text), "\"\(text)\" must not appear")
        }
        if hostile.register == nil {
            // The good file next to the hostile one is still read and evaluated.
            #expect(outcome.stdout.contains("✓ PASS  R-READ [GOOD]"), "the good item was not evaluated:\n\(outcome.stdout.prefix(3000))")
            if hostile.status == 2 {
                #expect(outcome.stdout.contains("! ERROR R-READ [HOSTILE]"))
            }
        } else {
            #expect(outcome.stdout.isEmpty, "a hostile register stops the run before any report")
            #expect(outcome.stderr.contains("Fix the evidence register (see docs/evidence.md); no evidence was evaluated."))
        }
        // Whatever the file did, no line of output is longer than a screenful: no message quotes
        // a huge value whole (the failing record's own text aside, which the ruleset prints).
        if hostile.status == 2 {
            let longest = outcome.output.split(separator: "\n").filter { $0.contains("error:") }.map(\.count).max() ?? 0
            #expect(longest < 600, "an error line of \(longest) characters")
        }
        #expect(try FolderSnapshot(folder) == before, "the evidence folder changed")
    }

    /// Workbooks whose type has a table contract read only by a records rule
    /// (`rulesets/xlsx-table.xml`): the lone sheet is parsed as it is inflated and each record
    /// checked as it is read. What a whole read refuses is refused here too, with no finding
    /// from the records read before.
    static let streamedSheets: [HostileCase] = {
        let rows = streamedRows
        let sheet = HostileFiles.worksheet(rows)
        func deflated(_ xml: Data, declaredSize: Int? = nil, crc: UInt32? = nil) -> HostileCase.Content {
            .generated {
                HostileFiles.xlsx(
                    sheet: "",
                    sheetBody: .deflated(
                        HostileFiles.deflatedAsIs(xml), declaredSize: UInt32(declaredSize ?? xml.count), crc: crc ?? HostileFiles.crc32(xml)))
            }
        }
        let crowded = (1...300).map { "a\($0)='x'" }.joined(separator: " ")
        let part = "xl/worksheets/sheet1.xml"
        return [
            HostileCase(
                "XLSX streamed: an external entity in the sheet", "xlsx", "data/xxe-sheet.xlsx",
                deflated(HostileFiles.worksheet(rows, prolog: #"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>"#)),
                ["data/xxe-sheet.xlsx!\(part):1: error: DOCTYPE not allowed"], absent: ["root:x:0:0"]),
            HostileCase(
                "XLSX streamed: a row with 300 attributes after 4,000 good ones", "xlsx", "data/crowded-sheet.xlsx",
                deflated(HostileFiles.worksheet(rows.replacingOccurrences(of: #"<row r="4002">"#, with: "<row r=\"4002\" \(crowded)>"))),
                ["data/crowded-sheet.xlsx!\(part):4002: error: an element has more than 256 attributes"]),
            HostileCase(
                "XLSX streamed: a sheet not well-formed after 4,000 good rows", "xlsx", "data/broken-sheet.xlsx",
                deflated(HostileFiles.worksheet(rows.replacingOccurrences(of: #"</row>\#n<row r="4002">"#, with: "</rows>\n<row r=\"4002\">"))),
                ["data/broken-sheet.xlsx!\(part):4001:"]),
            HostileCase(
                "XLSX streamed: a sheet whose CRC-32 is wrong", "xlsx", "data/damaged-sheet.xlsx", deflated(sheet, crc: 0x1234_5678),
                ["data/damaged-sheet.xlsx: error: entry '\(part)' fails its CRC-32 check; the file is damaged"]),
            HostileCase(
                "XLSX streamed: a sheet larger than it declares", "xlsx", "data/lying-sheet.xlsx", deflated(sheet, declaredSize: 1000),
                ["data/lying-sheet.xlsx: error: entry '\(part)' expands beyond the 1000 bytes it declares; refused as a possible ZIP bomb"]),
        ]
    }()

    /// 5,000 records of which the one on row 10 fails R-RECORDS: a read that reported the
    /// records before a refusal would show it.
    static let streamedRows = HostileFiles.manyGoodRows(5000).replacingOccurrences(
        of: HostileFiles.cell("C10", "ok"), with: HostileFiles.cell("C10", "late"))

    @Test("the streamed sheets' rows, intact, give the one finding the refused ones must not")
    func streamedSheetIntact() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let sheet = HostileFiles.worksheet(Self.streamedRows)
        let intact = HostileCase(
            "intact", "xlsx", "data/intact.xlsx",
            .generated {
                HostileFiles.xlsx(sheet: "", sheetBody: .deflated(HostileFiles.deflatedAsIs(sheet), declaredSize: UInt32(sheet.count), crc: HostileFiles.crc32(sheet)))
            }, [])
        let folder = try intact.makeFolder(in: scratch)
        let outcome = try Self.check(folder, ruleset: "xlsx-table", scratch: scratch)
        #expect(outcome.stdout.contains("Findings: 0 major, 1 minor, 0 ofi"), "\(outcome.output.prefix(3000))")
        #expect(outcome.stdout.contains("Record G-10 is 'fine'."), "\(outcome.stdout.prefix(3000))")
    }

    @Test("a lone sheet checked record by record as it is inflated is refused as a whole read refuses it, with no findings", arguments: streamedSheets)
    func streamedSheet(_ hostile: HostileCase) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let folder = try hostile.makeFolder(in: scratch)
        let before = try FolderSnapshot(folder)
        let outcome = try Self.check(folder, ruleset: "xlsx-table", scratch: scratch)
        #expect(!outcome.timedOut && !outcome.signalled, "\(outcome.stderr.suffix(2000))")
        #expect(outcome.status == 2, "exit status \(outcome.status):\n\(outcome.output.prefix(3000))")
        for message in hostile.messages {
            #expect(outcome.output.contains(message), "missing \"\(message)\" in:\n\(outcome.output.prefix(3000))")
        }
        for text in hostile.absent { #expect(!outcome.output.contains(text)) }
        #expect(outcome.stdout.contains("✓ PASS  R-RECORDS [GOOD]"), "\(outcome.stdout.prefix(3000))")
        #expect(outcome.stdout.contains("! ERROR R-RECORDS [HOSTILE]"), "\(outcome.stdout.prefix(3000))")
        #expect(outcome.stdout.contains("Findings: 0 major, 0 minor, 0 ofi"), "\(outcome.stdout.prefix(3000))")
        #expect(try FolderSnapshot(folder) == before, "the evidence folder changed")
    }

    @Test("the memory limit and the deadline leave a normal run alone")
    func limitsLeaveNormalRunsAlone() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let limited = try LimitedRun.run(["check", "--as-of", "2026-11-30", "--no-config"], scratch: scratch)
        let unlimited = try LimitedRun.run(["check", "--as-of", "2026-11-30", "--no-config"], scratch: scratch, memoryLimitKiB: 64 << 20)
        #expect(limited.status == 1 && !limited.signalled && !limited.timedOut)
        #expect(limited.stdout == unlimited.stdout)
        #expect(limited.stdout.contains("Findings: 1 major, 15 minor, 4 ofi"))
        // And every format's good file alone passes under the limit.
        for format in HostileCase.formats {
            let folder = try HostileCase(name: "good \(format)", format: format, placed: [], status: 0, messages: []).makeFolder(
                in: scratch.appendingPathComponent(format), withHostileItem: false)
            let outcome = try Self.check(folder, ruleset: format, scratch: scratch)
            #expect(outcome.status == 0, "\(format): \(outcome.output)")
            #expect(outcome.stdout.contains("✓ PASS  R-RECORDS [GOOD]: The 1 record"), "\(format): \(outcome.stdout)")
        }
    }

    @Test("a CSV whose view would take more than half of what the ulimit allows is refused, naming the ulimit", .disabled(if: LimitedRun.underSanitizer))
    func memoryBudgetFollowsTheUlimit() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // 3,000,003 fields of 5 bytes, as dense as real exports: over the 2,982,616 that 1 GiB holds at 360 bytes each.
        let dense = HostileCase(
            "CSV of 3 million fields", "csv", "data/many-fields.csv",
            .generated { Data(("id,name,check\n" + String(repeating: "1234,5678,9012\n", count: 1_000_000)).utf8) }, [])
        let folder = try dense.makeFolder(in: scratch)
        let outcome = try Self.check(folder, ruleset: "csv", scratch: scratch)
        #expect(outcome.status == 2 && !outcome.signalled && !outcome.timedOut, "\(outcome.output.prefix(2000))")
        #expect(
            outcome.output.contains(
                "data/many-fields.csv:994206: error: the file holds more than 2982616 fields: its XML view would take more than 1.1 GB (about 360 bytes for each), half of the 2.1 GB its ulimit allows; this is refused as a memory guard."
            ), "\(outcome.output.prefix(2000))")
        #expect(outcome.stdout.contains("✓ PASS  R-READ [GOOD]"))
    }

    @Test("the harness sees what it must fail on: a hang is killed at the deadline, a crash is a signal, the memory limit holds")
    func harnessDetectsHangsCrashesAndMemory() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let shell = URL(fileURLWithPath: "/bin/sh")
        let hang = try LimitedRun.run(["-c", "exec sleep 30"], scratch: scratch, timeout: 0.5, executable: shell)
        #expect(hang.timedOut && hang.signalled && hang.seconds < 10)
        let crash = try LimitedRun.run(["-c", "kill -SEGV $$"], scratch: scratch, executable: shell)
        #expect(crash.signalled && !crash.timedOut && crash.status == SIGSEGV)
        // 64 MiB is too little for cxaudit to start: under the limit it must fail, never pass.
        guard !LimitedRun.underSanitizer else { return }
        let starved = try LimitedRun.run(["check", "--as-of", "2026-11-30", "--no-config"], scratch: scratch, memoryLimitKiB: 65_536)
        #expect(starved.status != 0 && starved.status != 1)
        #expect(!starved.stdout.contains("Findings:"))
    }
}

/// One hostile input: what to put in the evidence folder, and what the user must see.
struct HostileCase: Sendable, CustomTestStringConvertible {
    enum Content: Sendable {
        case text(String)
        case data(Data)
        /// A file of the repository, given relative to its root (the unit tests' hostile fixtures are reused).
        case fixture(String)
        /// Made when the case runs, so big files are never committed.
        case generated(@Sendable () -> Data)
        /// A relative symbolic link.
        case symlink(String)
        /// A named pipe: reading it would wait for a writer for ever.
        case fifo
        case directory
    }

    struct Placed: Sendable {
        let path: String
        let content: Content
    }

    static let formats = ["xml", "csv", "json", "xlsx", "docx", "ods", "odt"]
    /// Text of a file outside the evidence folder that links and `..` point at; it must never be read.
    static let outsideMarker = "OUTSIDE-THE-FOLDER-SECRET"

    let name: String
    /// The item's format, and the ruleset (`Fixtures/hostile/rulesets/FORMAT.xml`) that reads it.
    let format: String
    /// What the register gives as the hostile item's file; the first placed file by default.
    var itemFile: String?
    /// Files placed in the evidence folder.
    var placed: [Placed]
    /// The register itself, when it is the hostile input (no good item then).
    var register: Content?
    let status: Int32
    let messages: [String]
    var absent: [String] = []

    var testDescription: String { name }

    init(
        name: String, format: String, itemFile: String? = nil, placed: [Placed], register: Content? = nil, status: Int32, messages: [String],
        absent: [String] = []
    ) {
        self.name = name
        self.format = format
        self.itemFile = itemFile
        self.placed = placed
        self.register = register
        self.status = status
        self.messages = messages
        self.absent = absent
    }

    /// One hostile file at `path`.
    init(_ name: String, _ format: String, _ path: String, _ content: Content, status: Int32 = 2, _ messages: [String], absent: [String] = []) {
        self.init(name: name, format: format, placed: [Placed(path: path, content: content)], status: status, messages: messages, absent: absent)
    }

    /// A hostile register.
    static func hostileRegister(_ name: String, _ content: Content, _ messages: [String]) -> HostileCase {
        HostileCase(name: name, format: "xml", placed: [], register: content, status: 2, messages: messages)
    }

    // MARK: - The evidence folder

    /// Makes `scratch/evidence` (returned) with the register, the placed files and a good
    /// file of the case's format, and `scratch/outside` with a file links may point at.
    func makeFolder(in scratch: URL, withHostileItem: Bool = true) throws -> URL {
        let manager = FileManager.default
        let folder = scratch.appendingPathComponent("evidence")
        let outside = scratch.appendingPathComponent("outside")
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        try manager.createDirectory(at: outside.appendingPathComponent("data"), withIntermediateDirectories: true)
        let secret = #"<records><record id="S-1" name="\#(Self.outsideMarker)" check="no"/></records>"#
        try Data(secret.utf8).write(to: outside.appendingPathComponent("secret.xml"))
        try Data(secret.utf8).write(to: outside.appendingPathComponent("data/secret.xml"))
        for file in placed {
            try write(file.content, at: folder.appendingPathComponent(file.path))
        }
        if let register {
            try write(register, at: folder.appendingPathComponent("evidence-register.xml"))
            return folder
        }
        try write(.data(Self.goodFile(format)), at: folder.appendingPathComponent("good.\(format)"))
        let hostileItem = withHostileItem
            ? #"  <item id="HOSTILE" type="\#(format)-evidence" file="\#(Self.escaped(itemFile ?? placed.first?.path ?? ""))" format="\#(format)"/>"# + "\n"
            : ""
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <evidence-register version="1">
              <organization name="Hostile Input Ltd"/>
            \(hostileItem)  <item id="GOOD" type="\(format)-evidence" file="good.\(format)" format="\(format)"/>
            </evidence-register>

            """
        try Data(text.utf8).write(to: folder.appendingPathComponent("evidence-register.xml"))
        return folder
    }

    private func write(_ content: Content, at url: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        switch content {
        case let .text(text): try Data(text.utf8).write(to: url)
        case let .data(data): try data.write(to: url)
        case let .fixture(path): try manager.copyItem(at: CheckCommandTests.repository.appendingPathComponent(path), to: url)
        case let .generated(make): try make().write(to: url)
        case let .symlink(destination): try manager.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
        case .fifo: #expect(mkfifo(url.path, 0o644) == 0, "mkfifo \(url.path)")
        case .directory: try manager.createDirectory(at: url, withIntermediateDirectories: true)
        }
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// A file of `format` whose one record passes both rules of the corpus rulesets.
    static func goodFile(_ format: String) -> Data {
        switch format {
        case "xml": return Data(#"<records><record id="G-1" name="fine" check="ok"/></records>"#.utf8)
        case "csv": return Data("id,name,check\nG-1,fine,ok\n".utf8)
        case "json": return Data(#"{"records": [{"id": "G-1", "name": "fine", "check": "ok"}]}"#.utf8)
        case "xlsx": return HostileFiles.xlsx(sheet: HostileFiles.goodRows)
        case "docx": return HostileFiles.docx(body: HostileFiles.goodDocxBody)
        case "ods": return HostileFiles.ods(rows: HostileFiles.goodODSRows)
        default: return HostileFiles.odt(body: HostileFiles.goodODTBody)
        }
    }

    // MARK: - The corpus

    static let all: [HostileCase] = xml + csv + json + office + paths + registers

    private static let unitFixtures = "Tests/LibXMLTests/Fixtures/hostile"
    private static let officeFixtures = "Tests/AuditEngineTests/Fixtures/office"
    private static let doctype = "error: DOCTYPE not allowed: cxaudit refuses DTDs and entity declarations"

    static let xml: [HostileCase] = [
        HostileCase(
            "XML external entity (file)", "xml", "data/external-entity.xml", .fixture("\(unitFixtures)/external-entity.xml"),
            ["data/external-entity.xml:3: \(doctype)"], absent: ["root:x:0:0"]),
        HostileCase(
            "XML external entity (network)", "xml", "data/external-entity-network.xml", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/xml/external-entity-network.xml"),
            ["data/external-entity-network.xml:2: \(doctype)"]),
        HostileCase("XML external DTD", "xml", "data/external-dtd.xml", .fixture("\(unitFixtures)/external-dtd.xml"), ["data/external-dtd.xml:2: \(doctype)"]),
        HostileCase(
            "XML parameter entity fetching a remote DTD", "xml", "data/parameter-entity.xml", .fixture("\(unitFixtures)/parameter-entity.xml"),
            ["data/parameter-entity.xml:2: \(doctype)"]),
        HostileCase("XML billion laughs", "xml", "data/billion-laughs.xml", .fixture("\(unitFixtures)/billion-laughs.xml"), ["data/billion-laughs.xml:2: \(doctype)"]),
        HostileCase(
            "XML quadratic blow-up (50 KB entity referenced 20,000 times)", "xml", "data/quadratic.xml",
            .generated {
                let entity = String(repeating: "A", count: 50_000)
                let references = String(repeating: "&a;", count: 20_000)
                return Data(#"<?xml version="1.0"?>\#n<!DOCTYPE records [<!ENTITY a "\#(entity)">]>\#n<records><record id="\#(references)"/></records>\#n"#.utf8)
            }, ["data/quadratic.xml:2: \(doctype)"]),
        HostileCase(
            "XML nested 100,000 deep", "xml", "data/deep.xml",
            .generated { Data((String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)).utf8) },
            ["data/deep.xml:1: error: elements nested deeper than 256 levels; this is refused as a denial-of-service guard"]),
        HostileCase(
            "XML attribute of 12 MB", "xml", "data/huge-attribute.xml",
            .generated { Data(#"<records>\#n<record id="X-1" name="\#(String(repeating: "x", count: 12_000_000))" check="ok"/>\#n</records>\#n"#.utf8) },
            ["data/huge-attribute.xml:2:", "error: an attribute value is longer than 10,000,000 bytes, the XML parser's limit"]),
        HostileCase(
            "XML text node of 20 MB (read, bounded)", "xml", "data/huge-text.xml",
            .generated { Data(#"<records>\#n<record id="X-1" name="big" check="ok">\#(String(repeating: "x", count: 20_000_000))</record>\#n</records>\#n"#.utf8) },
            status: 0, ["✓ PASS  R-RECORDS [HOSTILE]: The 1 record in data/huge-text.xml conforms."]),
        HostileCase(
            "XML element with 200,000 attributes (quadratic in libxml2)", "xml", "data/many-attributes.xml",
            .generated {
                let attributes = (0..<200_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
                return Data("<records>\n<record id=\"X-1\" \(attributes) check=\"ok\"/>\n</records>\n".utf8)
            }, ["data/many-attributes.xml:2: error: an element has more than 256 attributes; this is refused as a denial-of-service guard"]),
        HostileCase(
            "XML in UTF-16 with 100,000 attributes on one element", "xml", "data/many-attributes-utf16.xml",
            .generated {
                let attributes = (0..<100_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
                var data = Data([0xFF, 0xFE])
                data.append(contentsOf: Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<records>\n<record \(attributes)/>\n</records>\n".utf16).flatMap {
                    [UInt8($0 & 0xFF), UInt8($0 >> 8)]
                })
                return data
            }, ["data/many-attributes-utf16.xml:3: error: an element has more than 256 attributes"]),
        HostileCase(
            "XML with 256 attributes and '=' in comments, CDATA, instructions and values (read)", "xml", "data/crowded-but-fine.xml",
            .generated {
                let equals = String(repeating: "=", count: 1000)
                let attributes = (0..<254).map { "a\($0)=\"\(equals)\"" }.joined(separator: " ")
                return Data(
                    """
                    <?xml version="1.0"?>
                    <!-- \(equals) -->
                    <?note \(equals)?>
                    <records note='\(equals)'>
                    <![CDATA[\(equals)]]>
                    <record id="X-1" check="ok" \(attributes)/>
                    </records>

                    """.utf8)
            }, status: 0, ["✓ PASS  R-RECORDS [HOSTILE]: The 1 record in data/crowded-but-fine.xml conforms."]),
        HostileCase(
            "XML with 100,000 namespace declarations on one element", "xml", "data/many-namespaces.xml",
            .generated {
                let declarations = (0..<100_000).map { "xmlns:p\($0)=\"urn:p\($0)\"" }.joined(separator: " ")
                return Data("<records \(declarations)>\n<record id=\"X-1\" check=\"ok\"/>\n</records>\n".utf8)
            }, ["data/many-namespaces.xml:1: error: an element has more than 256 attributes"]),
        HostileCase(
            "XML invalid UTF-8", "xml", "data/invalid-utf8.xml", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/xml/invalid-utf8.xml"),
            ["data/invalid-utf8.xml:3:", "error: the text is not valid UTF-8 (bytes 0xC3 0x28", "declare the file's real encoding"]),
        HostileCase(
            "XML Latin-1 bytes in a file declared UTF-8", "xml", "data/latin1-undeclared.xml",
            .fixture("Tests/CXAuditCLITests/Fixtures/hostile/xml/latin1-undeclared.xml"),
            ["data/latin1-undeclared.xml:3:", "error: the text is not valid UTF-8 (bytes 0xEB"], absent: ["\nBytes:"]),
        HostileCase(
            "XML declared ISO-8859-1 (read correctly)", "xml", "data/latin1-declared.xml", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/xml/latin1-declared.xml"),
            status: 1, ["data/latin1-declared.xml:3 [X-1] Record X-1 is 'Zoë'."]),
        HostileCase(
            "XML UTF-16LE with BOM (read correctly)", "xml", "data/utf16le-bom.xml", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/xml/utf16le-bom.xml"),
            status: 1, ["data/utf16le-bom.xml:3 [X-1] Record X-1 is 'Zoë'."]),
        HostileCase(
            "XML UTF-16BE with BOM (read correctly)", "xml", "data/utf16be-bom.xml", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/xml/utf16be-bom.xml"),
            status: 1, ["data/utf16be-bom.xml:3 [X-1] Record X-1 is 'Zoë'."]),
        HostileCase("XML empty file", "xml", "data/empty.xml", .data(Data()), ["data/empty.xml:1:1: error: file is empty; an XML document needs a root element"]),
        HostileCase("XML binary file", "xml", "data/image.xml", .generated { HostileFiles.binary() }, ["data/image.xml:1:1: error: Start tag expected"]),
        HostileCase(
            "XML truncated", "xml", "data/truncated.xml", .fixture("\(unitFixtures)/truncated.xml"),
            ["data/truncated.xml:4:16: error: Premature end of data in tag status line 4"]),
    ]

    static let csv: [HostileCase] = [
        HostileCase(
            "CSV unbalanced quote", "csv", "data/unbalanced-quote.csv", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/csv/unbalanced-quote.csv"),
            ["data/unbalanced-quote.csv:3: error: a quoted field opened on this line is never closed"]),
        HostileCase(
            "CSV ragged rows (warnings, the run completes)", "csv", "data/ragged-rows.csv", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/csv/ragged-rows.csv"),
            status: 0,
            [
                "data/ragged-rows.csv:2: warning: record 1 has 3 fields, the header has 4",
                "data/ragged-rows.csv:3: warning: record 2 has 5 fields, the header has 4",
                "✓ PASS  R-RECORDS [HOSTILE]: All 3 records in data/ragged-rows.csv conform.",
            ]),
        HostileCase("CSV empty file", "csv", "data/empty.csv", .data(Data()), ["data/empty.csv:1: error: the CSV file is empty; it needs a header row"]),
        HostileCase(
            "CSV binary file", "csv", "data/image.csv", .generated { HostileFiles.binary() },
            ["data/image.csv:1: error: the file is not valid UTF-8 text (it is binary, or in another encoding such as Latin-1)"]),
        HostileCase(
            "CSV invalid UTF-8", "csv", "data/invalid-utf8.csv", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/csv/invalid-utf8.csv"),
            ["data/invalid-utf8.csv:3: error: the file is not valid UTF-8 text"]),
        HostileCase(
            "CSV Latin-1 export", "csv", "data/latin1.csv", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/csv/latin1.csv"),
            ["data/latin1.csv:2: error: the file is not valid UTF-8 text", #"re-export it as UTF-8 ("CSV UTF-8" in spreadsheet programs)"#]),
        HostileCase(
            "CSV UTF-8 with Latin-1 bytes further down", "csv", "data/mixed.csv", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/csv/mixed-utf8-latin1.csv"),
            ["data/mixed.csv:3: error: the file is not valid UTF-8 text"]),
        HostileCase(
            "CSV UTF-16LE with BOM (read correctly)", "csv", "data/utf16le-bom.csv", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/csv/utf16le-bom.csv"),
            status: 1, ["data/utf16le-bom.csv:2 [C-1] Record C-1 is 'Zoë'."]),
        HostileCase(
            "CSV UTF-16BE with BOM (read correctly)", "csv", "data/utf16be-bom.csv", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/csv/utf16be-bom.csv"),
            status: 1, ["data/utf16be-bom.csv:2 [C-1] Record C-1 is 'Zoë'."]),
        HostileCase(
            "CSV UTF-16 without BOM", "csv", "data/utf16-no-bom.csv", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/csv/utf16le-no-bom.csv"),
            ["data/utf16-no-bom.csv:1: error: the file contains a NUL character", "UTF-16 text without a byte-order mark; re-export it as UTF-8"]),
        HostileCase(
            "CSV UTF-16 cut short (odd number of bytes)", "csv", "data/utf16-odd.csv", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/csv/utf16-odd-length.csv"),
            ["data/utf16-odd.csv:3: error: the file starts with a UTF-16 byte-order mark but ends in half a character"]),
        HostileCase(
            "CSV of 2.1 million empty fields (memory amplification)", "csv", "data/empty-fields.csv",
            .generated { Data(("id,name,check\n" + String(repeating: ",,\n", count: 700_000)).utf8) },
            [
                "data/empty-fields.csv:666667: error: the file holds more than 2000000 fields in only 2.1 MB (more than one in every 4 bytes, far denser than real exports)",
                "this is refused as a memory guard. Check that the file is the export it should be, or split it (e.g. by period)",
            ]),
        HostileCase(
            "CSV field of 8 MB (read, bounded)", "csv", "data/huge-field.csv",
            .generated { Data("id,name,check\nC-1,\(String(repeating: "x", count: 8_000_000)),ok\n".utf8) },
            status: 0, ["✓ PASS  R-RECORDS [HOSTILE]: The 1 record in data/huge-field.csv conforms."]),
    ]

    static let json: [HostileCase] = [
        HostileCase(
            "JSON 100,000 levels of [", "json", "data/deep.json", .generated { Data(String(repeating: "[", count: 100_000).utf8) },
            ["data/deep.json:1: error: JSON nested deeper than 200 levels is refused"]),
        HostileCase(
            "JSON 100,000 nested objects, closed", "json", "data/deep-objects.json",
            .generated { Data((String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)).utf8) },
            ["data/deep-objects.json:1: error: JSON nested deeper than 200 levels is refused"]),
        HostileCase(
            "JSON truncated", "json", "data/truncated.json", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/json/truncated.json"),
            ["data/truncated.json:4: error: not valid JSON: Unexpected end of file"]),
        HostileCase(
            "JSON syntax error mid-file", "json", "data/syntax-error.json", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/json/syntax-error.json"),
            ["data/syntax-error.json:4: error: not valid JSON: Invalid value around character"]),
        HostileCase(
            "JSON string with an escaped NUL", "json", "data/nul.json", .text("[\n  {\"id\": \"C-1\", \"status\": \"open\\u0000closed\"}\n]\n"),
            ["data/nul.json:2: error: a string holds \\u0000, a NUL character"]),
        HostileCase(
            "JSON empty file", "json", "data/empty.json", .data(Data()), ["data/empty.json:1: error: the JSON file is empty; it needs a value"]),
        HostileCase(
            "JSON white space only", "json", "data/blank.json", .text("\u{FEFF}  \n\n  \n"), ["data/blank.json:1: error: the JSON file is empty; it needs a value"]),
        HostileCase(
            "JSON binary file", "json", "data/image.json", .generated { HostileFiles.binary() },
            ["data/image.json:1: error: the file is not valid UTF-8 text (it is binary, or in another encoding such as Latin-1); re-export it as UTF-8"],
            absent: [#""CSV UTF-8""#]),
        HostileCase(
            "JSON invalid UTF-8", "json", "data/invalid-utf8.json", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/json/invalid-utf8.json"),
            ["data/invalid-utf8.json:3: error: the file is not valid UTF-8 text"]),
        HostileCase(
            "JSON Latin-1", "json", "data/latin1.json", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/json/latin1.json"),
            ["data/latin1.json:3: error: the file is not valid UTF-8 text"]),
        HostileCase(
            "JSON UTF-16LE with BOM (read correctly)", "json", "data/utf16le-bom.json", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/json/utf16le-bom.json"),
            status: 1, ["data/utf16le-bom.json:3 [J-1] Record J-1 is 'Zoë'."]),
        HostileCase(
            "JSON UTF-16BE with BOM (read correctly)", "json", "data/utf16be-bom.json", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/json/utf16be-bom.json"),
            status: 1, ["data/utf16be-bom.json:3 [J-1] Record J-1 is 'Zoë'."]),
        HostileCase(
            "JSON UTF-16 without BOM", "json", "data/utf16-no-bom.json", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/json/utf16le-no-bom.json"),
            ["data/utf16-no-bom.json:1: error: the file contains a NUL character"]),
        HostileCase(
            "JSON of a million zeros (memory amplification)", "json", "data/zeros.json",
            .generated { Data(("{\"records\": [\n" + String(repeating: "0,", count: 1_000_000) + "0]}\n").utf8) },
            ["data/zeros.json:2: error: the file holds more than 1000000 JSON values in only 2.0 MB (more than one in every 4 bytes, far denser than real exports)"]),
        HostileCase(
            "JSON number of a million digits", "json", "data/huge-number.json",
            .generated { Data("{\"records\": [{\"id\": \(String(repeating: "9", count: 1_000_000))}]}".utf8) },
            ["data/huge-number.json: error: not valid JSON: Number 9999", "…"]),
    ]

    static let office: [HostileCase] = {
        let huge = 1 + 258 * 1_219_275  // 300 MiB of zeros
        let bomb = HostileFiles.deflatedZeros(count: huge)
        var cases = [
            HostileCase(
                "XLSX ZIP bomb (declared 1000:1)", "xlsx", "data/bomb.xlsx", .fixture("\(officeFixtures)/bomb.xlsx"),
                ["data/bomb.xlsx: error: entry 'xl/workbook.xml' is compressed more than 200:1; refused as a possible ZIP bomb"]),
            HostileCase(
                "XLSX ZIP bomb under the ratio limit, declaring its 300 MiB", "xlsx", "data/bomb-declared.xlsx",
                .generated {
                    HostileFiles.xlsx(
                        sheet: HostileFiles.goodRows,
                        firstEntry: .init(name: "xl/sharedStrings.xml", body: .deflated(bomb, declaredSize: UInt32(huge), crc: 0)))
                }, ["data/bomb-declared.xlsx: error: entry 'xl/sharedStrings.xml' expands to \(huge) bytes, over the 268435456-byte limit"]),
            HostileCase(
                "XLSX ZIP bomb lying about its size", "xlsx", "data/bomb-lying.xlsx",
                .generated {
                    HostileFiles.xlsx(
                        sheet: HostileFiles.goodRows, firstEntry: .init(name: "_rels/a.rels", body: .deflated(bomb, declaredSize: 1000, crc: 0)))
                }, ["data/bomb-lying.xlsx: error: entry '_rels/a.rels' expands beyond the 1000 bytes it declares; refused as a possible ZIP bomb"]),
            HostileCase(
                "XLSX zip-slip entry", "xlsx", "data/slip.xlsx",
                .generated { HostileFiles.xlsx(sheet: HostileFiles.goodRows, extra: [.init(name: "../../../etc/cron.d/evil", body: .stored(Data("x".utf8)))]) },
                ["data/slip.xlsx: error: entry '../../../etc/cron.d/evil' has an unsafe name"]),
            HostileCase(
                "XLSX absolute entry name", "xlsx", "data/absolute.xlsx",
                .generated { HostileFiles.xlsx(sheet: HostileFiles.goodRows, extra: [.init(name: "/etc/passwd", body: .stored(Data("x".utf8)))]) },
                ["data/absolute.xlsx: error: entry '/etc/passwd' has an unsafe name"]),
            HostileCase(
                "XLSX symbolic-link entry", "xlsx", "data/symlink.xlsx",
                .generated {
                    HostileFiles.xlsx(sheet: HostileFiles.goodRows, extra: [.init(name: "xl/media/link", body: .stored(Data("/etc/passwd".utf8)), isSymlink: true)])
                }, ["data/symlink.xlsx: error: entry 'xl/media/link' is a symbolic link; refused"]),
            HostileCase(
                "XLSX one header cell in column XFD over 3,000 rows (view amplification)", "xlsx", "data/wide.xlsx",
                .generated {
                    let header = #"<row r="1">\#(HostileFiles.cell("A1", "id"))\#(HostileFiles.cell("XFD1", "last"))</row>"#
                    let rows = (2...3001).map { #"<row r="\#($0)">\#(HostileFiles.cell("A\($0)", "x"))</row>"# }.joined()
                    return HostileFiles.xlsx(sheet: header + rows)
                },
                [
                    // How many cells depends on the memory: 858,993 under the harness's ulimit, 2,000,000 without it.
                    "data/wide.xlsx: error: sheet 'Log' would become more than ", " cells (3000 rows, each as wide as the header row's 16384 columns)",
                    "Delete unused columns and rows",
                ]),
            HostileCase(
                "XLSX cell reference past any column (overflow)", "xlsx", "data/column.xlsx",
                .generated { HostileFiles.xlsx(sheet: #"<row r="1">\#(HostileFiles.cell(String(repeating: "Z", count: 30) + "1", "id"))</row>"#) },
                ["data/column.xlsx: error: sheet 'Log' has a cell 'ZZZZZZZZZZ", "beyond column XFD, outside the grid"]),
            HostileCase(
                "XLSX row numbered Int.max (overflow)", "xlsx", "data/row.xlsx",
                .generated { HostileFiles.xlsx(sheet: #"<row r="9223372036854775807">\#(HostileFiles.cell("A1", "id"))</row><row/>"#) },
                ["data/row.xlsx: error: sheet 'Log' has a row numbered 9223372036854775807, outside the grid"]),
            HostileCase(
                "XLSX part with an external entity", "xlsx", "data/xxe.xlsx",
                .generated {
                    let sheet = #"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><workbook>&x;</workbook>"#
                    return HostileFiles.zip([.init(name: "xl/workbook.xml", body: .stored(Data(sheet.utf8)))])
                }, ["data/xxe.xlsx!xl/workbook.xml:1: \(doctype)"], absent: ["root:x:0:0"]),
            HostileCase("XLSX binary file", "xlsx", "data/image.xlsx", .generated { HostileFiles.binary() }, ["data/image.xlsx: error: not a ZIP archive"]),
            HostileCase(
                "XLSX that is a Word document", "xlsx", "data/minutes.xlsx", .fixture("\(officeFixtures)/minutes.docx"),
                ["data/minutes.xlsx: error: not an Excel workbook (no xl/workbook.xml)"]),
            HostileCase(
                "DOCX zip-slip entry", "docx", "data/zip-slip.docx", .fixture("\(officeFixtures)/zip-slip.docx"),
                ["data/zip-slip.docx: error: entry '../../evil.xml' has an unsafe name"]),
            HostileCase(
                "DOCX remote template", "docx", "data/template.docx", .fixture("\(officeFixtures)/external-template.docx"),
                ["data/template.docx: error: part word/_rels/document.xml.rels links to an external attachedTemplate"]),
            HostileCase(
                "DOCX ZIP bomb lying about its size", "docx", "data/bomb.docx",
                .generated {
                    HostileFiles.zip([
                        .init(name: "word/document.xml", body: .deflated(bomb, declaredSize: 1000, crc: 0))
                    ])
                }, ["data/bomb.docx: error: entry 'word/document.xml' expands beyond the 1000 bytes it declares"]),
            HostileCase(
                "DOCX document with a DOCTYPE", "docx", "data/doctype.docx",
                .generated {
                    HostileFiles.docx(
                        body: HostileFiles.goodDocxBody, prolog: "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n")
                }, ["data/doctype.docx!word/document.xml:2: \(doctype)"]),
            HostileCase(
                "DOCX element with 100,000 attributes", "docx", "data/crowded.docx",
                .generated {
                    HostileFiles.docx(body: "<w:p " + (0..<100_000).map { "w:a\($0)=\"1\"" }.joined(separator: " ") + "/>")
                }, ["data/crowded.docx!word/document.xml:1: error: an element has more than 256 attributes"]),
            HostileCase(
                "ODS non-empty cell repeated past column XFD", "ods", "data/columns.ods",
                .generated {
                    let cell = #"<table:table-cell office:value-type="string" table:number-columns-repeated="1000000000"><text:p>x</text:p></table:table-cell>"#
                    return HostileFiles.ods(rows: HostileFiles.odfRow(["id"]) + "<table:table-row>\(cell)</table:table-row>")
                }, ["data/columns.ods: error: sheet 'Log' has cells beyond column XFD (row 2), outside the grid"]),
            HostileCase(
                "ODS repetitions summing past Int.max (overflow)", "ods", "data/overflow.ods",
                .generated {
                    let empty = #"<table:table-cell table:number-columns-repeated="9223372036854775807"/>"#
                    return HostileFiles.ods(
                        rows: HostileFiles.odfRow(["id"])
                            + "<table:table-row>\(empty)\(empty)<table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>")
                }, ["data/overflow.ods: error: sheet 'Log' has cells beyond column XFD"]),
            HostileCase(
                "ODS row repeated Int.max times", "ods", "data/rows.ods",
                .generated { HostileFiles.ods(rows: HostileFiles.odfRow(["id"]) + HostileFiles.odfRow(["x"], repeated: "9223372036854775807")) },
                ["data/rows.ods: error: sheet 'Log' has rows beyond row 1048576, outside the grid"]),
            HostileCase(
                "ODS wide header over 3,000 rows (view amplification)", "ods", "data/wide.ods",
                .generated {
                    let header = "<table:table-row>"
                        + #"<table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="string"><text:p>last</text:p></table:table-cell>"#
                        + "</table:table-row>"
                    return HostileFiles.ods(rows: header + HostileFiles.odfRow(["x"], repeated: "3000"))
                }, ["data/wide.ods: error: sheet 'Log' would become more than ", " cells (3000 rows, each as wide as the header row's 16002 columns)"]),
            HostileCase(
                "ODT that is a spreadsheet", "odt", "data/sheet.odt", .generated { HostileFiles.ods(rows: HostileFiles.goodODSRows) },
                ["data/sheet.odt: error: the OpenDocument file is not a text document"]),
        ]
        for format in ["xlsx", "docx", "ods", "odt"] {
            cases.append(
                HostileCase(
                    "\(format.uppercased()) empty file", format, "data/empty.\(format)", .data(Data()),
                    ["data/empty.\(format): error: the file is empty (0 bytes); office files are ZIP archives"]))
        }
        return cases
    }()

    static let paths: [HostileCase] = {
        let outside = "is outside the evidence folder (absolute path, '..' or a symlink leading out). Copy the file into the evidence folder and give a relative path."
        func path(_ name: String, file: String, placed: [Placed] = [], _ message: String) -> HostileCase {
            HostileCase(name: name, format: "xml", itemFile: file, placed: placed, status: 2, messages: ["evidence-register.xml:4:3: error: item HOSTILE: file '\(file)' \(message)"])
        }
        return [
            path("path with ..", file: "../outside/secret.xml", outside),
            path("path with .. inside a folder", file: "data/../../outside/secret.xml", placed: [Placed(path: "data", content: .directory)], outside),
            path("absolute path", file: "/etc/passwd", outside),
            path("home-relative path", file: "~/secret.xml", outside),
            path("backslash path", file: #"..\outside\secret.xml"#, outside),
            path("symlink to a file outside", file: "data/link.xml", placed: [Placed(path: "data/link.xml", content: .symlink("../../outside/secret.xml"))], outside),
            path("symlink to a folder outside", file: "linked/secret.xml", placed: [Placed(path: "linked", content: .symlink("../outside/data"))], outside),
            path("symlink to /etc", file: "etc/passwd", placed: [Placed(path: "etc", content: .symlink("/etc"))], outside),
            path(
                "named pipe (reading it would block for ever)", file: "data/pipe.xml", placed: [Placed(path: "data/pipe.xml", content: .fifo)],
                "does not exist or is not a regular file. Correct the path in the register or add the file."),
            path(
                "folder instead of a file", file: "data", placed: [Placed(path: "data", content: .directory)],
                "does not exist or is not a regular file."),
            path("missing file", file: "data/missing.xml", "does not exist or is not a regular file."),
        ]
    }()

    static let registers: [HostileCase] = [
        .hostileRegister(
            "register with an external entity", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/register/external-entity.xml"),
            ["evidence-register.xml:2: \(doctype)"]),
        .hostileRegister("register as billion laughs", .fixture("\(unitFixtures)/billion-laughs.xml"), ["evidence-register.xml:2: \(doctype)"]),
        .hostileRegister("register binary", .generated { HostileFiles.binary() }, ["evidence-register.xml:1:1: error: Start tag expected"]),
        .hostileRegister("register empty", .data(Data()), ["evidence-register.xml:1:1: error: file is empty; an XML document needs a root element"]),
        .hostileRegister(
            "register nested 100,000 deep",
            .generated { Data((#"<evidence-register version="1">"# + String(repeating: "<a>", count: 100_000)).utf8) },
            ["evidence-register.xml:1: error: elements nested deeper than 256 levels"]),
        .hostileRegister(
            "register with 100,000 attributes on one item",
            .generated {
                let attributes = (0..<100_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
                return Data(
                    "<evidence-register version=\"1\">\n<organization name=\"x\"/>\n<item id=\"A\" \(attributes)/>\n</evidence-register>\n".utf8)
            }, ["evidence-register.xml:3: error: an element has more than 256 attributes"]),
        .hostileRegister(
            "register in Latin-1 declared UTF-8", .fixture("Tests/CXAuditCLITests/Fixtures/hostile/register/latin1.xml"),
            ["evidence-register.xml:3:", "error: the text is not valid UTF-8 (bytes 0xEB"]),
        .hostileRegister("register is a named pipe", .fifo, ["evidence-register.xml: error: the register is not a regular file"]),
        .hostileRegister("register is a folder", .directory, ["evidence-register.xml: error: the register is not a regular file"]),
        .hostileRegister(
            "register is a symlink out of the folder", .symlink("../outside/secret.xml"),
            ["evidence-register.xml: error: the register is a symlink leading out of the evidence folder"]),
    ]
}
