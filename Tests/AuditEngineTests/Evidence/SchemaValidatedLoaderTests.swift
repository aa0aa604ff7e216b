import AuditEngine
import AuditEvidence
import AuditModel
import Foundation
import LibXML
import Testing

@Suite("Schema-validated XML inputs")
struct SchemaValidatedLoaderTests {
    static let valid = """
        <waivers xmlns="urn:cxaudit:waivers:1">
          <waiver id="W1" rule="ACK" approver="A" expires="2026-12-31"><justification>x</justification></waiver>
        </waivers>
        """

    static func loader() throws -> SchemaValidatedLoader {
        try SchemaValidatedLoader(schema: resources.waiverSchema, reportingAs: { $0 })
    }

    @Test("a valid file gives its document's root element and the bytes read")
    func valid() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("waivers.xml", Self.valid)
        let file = try Self.loader().load(url, displayName: "waivers.xml", reportingAs: { $0 })
        #expect(file.name == "waivers.xml")
        #expect(file.root.localName == "waivers")
        #expect(file.data == Data(Self.valid.utf8))
    }

    @Test("each stage stops the load with its own problems, named by the file", arguments: [
        ("<waivers xmlns=\"urn:cxaudit:waivers:1\">", XMLInputError.Stage.parsing, 1),
        ("<waivers xmlns=\"urn:cxaudit:waivers:1\">\n  <waiver id=\"W1\"/>\n</waivers>", .validating, 2),
    ])
    func stages(xml: String, stage: XMLInputError.Stage, line: Int) throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("waivers.xml", xml)
        let error = try #require(throws: XMLInputError.self) { try Self.loader().load(url, displayName: "waivers.xml", reportingAs: { $0 }) }
        #expect(error.stage == stage)
        #expect(error.file == "waivers.xml")
        #expect(error.diagnostics.first?.location.line == line, "\(error.diagnostics)")
    }

    @Test("a file that cannot be read is named as its reader names it, or in the parser's words")
    func unreadable() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/waivers.xml")
        let named = try #require(throws: XMLInputError.self) {
            try Self.loader().load(missing, displayName: "waivers.xml", kind: "waiver file", reportingAs: { $0 })
        }
        #expect(named.stage == .reading)
        #expect(named.diagnostics.first?.description.hasPrefix("waivers.xml: error: cannot read waiver file: ") == true, "\(named)")
        let plain = try #require(throws: XMLInputError.self) { try Self.loader().read(missing, displayName: "waivers.xml") }
        #expect(plain.diagnostics.first?.description.hasPrefix("waivers.xml: error: cannot read file: ") == true, "\(plain)")
    }

    @Test("a web address is refused, not fetched")
    func remote() throws {
        let remote = try #require(URL(string: "https://example.com/waivers.xml"))
        let error = try #require(throws: XMLInputError.self) {
            try Self.loader().read(remote, displayName: "waivers.xml", kind: "waiver file")
        }
        #expect(error.stage == .reading)
        #expect(error.diagnostics.first?.message == "cannot read waiver file: only local files are read, not https URLs")
    }

    @Test("read goes on past schema problems, which violations lists")
    func readDespiteSchemaProblems() throws {
        let folder = try TemporaryFolder()
        let url = try folder.write("waivers.xml", "<waivers xmlns=\"urn:cxaudit:waivers:1\">\n  <waiver id=\"W1\"/>\n</waivers>")
        let loader = try Self.loader()
        let file = try loader.read(url, displayName: "waivers.xml")
        let violations = loader.violations(of: file)
        #expect(!violations.isEmpty)
        #expect(violations.allSatisfy { $0.location.line == 2 }, "\(violations)")
    }

    @Test("a schema that cannot be compiled stops the reader before any file is read")
    func unusableSchema() throws {
        let error = try #require(throws: XMLInputError.self) {
            try SchemaValidatedLoader(schema: URL(fileURLWithPath: "/nonexistent/waivers-1.rng"), reportingAs: { $0 })
        }
        #expect(error.stage == .schema)
        #expect(error.file == "/nonexistent/waivers-1.rng")
    }
}
