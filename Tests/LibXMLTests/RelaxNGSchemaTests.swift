import Foundation
import LibXML
import Testing

@Suite("RelaxNGSchema")
struct RelaxNGSchemaTests {
    static func complaintsSchema() throws -> RelaxNGSchema {
        try RelaxNGSchema(contentsOf: Fixtures.url("schema/complaints.rng"))
    }

    @Test("a schema compiles and remembers its file")
    func compiles() throws {
        let schema = try Self.complaintsSchema()
        #expect(schema.file == Fixtures.url("schema/complaints.rng").path)
    }

    @Test("a valid document has no diagnostics")
    func valid() throws {
        let document = try XMLDocument.parse(contentsOf: Fixtures.url("complaints-valid.xml"))
        #expect(try Self.complaintsSchema().validate(document) == [])
    }

    @Test("a document with several violations gets a diagnostic for each, with its line and the document's name")
    func severalViolations() throws {
        let document = try XMLDocument.parse(
            contentsOf: Fixtures.url("complaints-invalid.xml"), displayName: "Evidence/complaints.xml")
        let diagnostics = try Self.complaintsSchema().validate(document)
        #expect(Set(diagnostics.map(\.line)) == [7, 11, 15])
        #expect(diagnostics.allSatisfy { $0.file == "Evidence/complaints.xml" })
        #expect(diagnostics.allSatisfy { $0.severity == .error && !$0.message.isEmpty })
        #expect(diagnostics.map(\.line) == diagnostics.map(\.line).sorted())
        #expect(diagnostics.contains { $0.line == 7 && $0.message.contains("2026-13-01") })
        #expect(diagnostics.contains { $0.line == 11 && $0.message.contains("status") })
        #expect(diagnostics.contains { $0.line == 15 && $0.message.contains("score") })
        #expect(diagnostics.first?.description.hasPrefix("Evidence/complaints.xml:7:3: error: ") == true)
    }

    @Test("structural violations are reported: a missing element, an unknown one, a wrong root")
    func structuralViolations() throws {
        let schema = try Self.complaintsSchema()
        let missingStatus = try XMLDocument.parse(
            "<complaints site='n'>\n<complaint id='C1' received='2026-01-01'/>\n</complaints>", file: "a.xml")
        #expect(schema.validate(missingStatus).map(\.line).contains(2))
        let unknown = try XMLDocument.parse("<complaints site='n'>\n\n<feedback/>\n</complaints>", file: "b.xml")
        #expect(schema.validate(unknown).contains { $0.line == 3 && $0.file == "b.xml" })
        let wrongRoot = try XMLDocument.parse("<survey/>", file: "c.xml")
        #expect(schema.validate(wrongRoot).contains { $0.line == 1 && $0.message.contains("survey") })
    }

    @Test("violations past line 65535 are reported on their own line")
    func bigLineNumbers() throws {
        var text = "<complaints site='north'>\n"
        for index in 2..<70_000 { text += "<complaint id='C\(index)' received='2026-01-01'><status>open</status></complaint>\n" }
        text += "<complaint id='late' received='2026-02-30'><status>open</status></complaint>\n"
        text += "<complaint id='bad' received='2026-01-01'><status>lost</status></complaint>\n"
        text += "<complaint id='empty' received='2026-01-01'/>\n\n\n</complaints>\n"
        let document = try XMLDocument.parse(text, file: "big.xml")
        let diagnostics = try Self.complaintsSchema().validate(document)
        #expect(Set(diagnostics.map(\.line)) == [70_000, 70_001, 70_002])
    }

    @Test("a built document, which has no lines, is validated too")
    func builtDocument() throws {
        let builder = XMLDocumentBuilder(file: "complaints.csv")
        builder.startElement("complaints", attributes: [(name: "site", value: "not a name")])
        builder.endElement()
        let diagnostics = try Self.complaintsSchema().validate(builder.finish())
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.file == "complaints.csv" })
    }

    @Test("one schema validates many documents, each time from scratch")
    func reusable() throws {
        let schema = try Self.complaintsSchema()
        let valid = try XMLDocument.parse(contentsOf: Fixtures.url("complaints-valid.xml"))
        let invalid = try XMLDocument.parse(contentsOf: Fixtures.url("complaints-invalid.xml"))
        for _ in 0..<3 {
            #expect(schema.validate(valid).isEmpty)
            #expect(!schema.validate(invalid).isEmpty)
        }
    }

    @Test("a relative include resolves next to the schema, not in the working directory")
    func relativeInclude() throws {
        let schema = try RelaxNGSchema(contentsOf: Fixtures.url("schema/with-relative-include.rng"))
        #expect(schema.validate(try XMLDocument.parse("<status>open</status>")) == [])
        #expect(schema.validate(try XMLDocument.parse("<status>lost</status>")).count >= 1)
    }

    @Test("a relative include resolves in a folder whose name has spaces and non-ASCII letters")
    func relativeIncludeInAwkwardFolder() throws {
        let temporary = try TemporaryDirectory(named: "cxaudit schémas")
        defer { temporary.remove() }
        let folder = temporary.url.appendingPathComponent("rule sets #1", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["with-relative-include.rng", "status-values.rng"] {
            try FileManager.default.copyItem(
                at: Fixtures.url("schema/\(name)"), to: folder.appendingPathComponent(name))
        }
        let schema = try RelaxNGSchema(contentsOf: folder.appendingPathComponent("with-relative-include.rng"))
        #expect(schema.validate(try XMLDocument.parse("<status>closed</status>")) == [])
    }

    @Test("a schema including an http:// URL fails fast without network access")
    func networkInclude() throws {
        let url = Fixtures.url("schema/network-include.rng")
        let clock = ContinuousClock()
        var thrown: SchemaError?
        let elapsed = clock.measure {
            thrown = #expect(throws: SchemaError.self) { try RelaxNGSchema(contentsOf: url) }
        }
        #expect(elapsed < .seconds(2))
        let error = try #require(thrown)
        guard case let .unusableSchema(file, diagnostics) = error else { return }
        #expect(file == url.path)
        #expect(diagnostics.contains { $0.line == 4 && $0.message.contains("http://example.invalid/x.rng") })
        #expect(diagnostics.allSatisfy { $0.file == url.path })
        let description = try #require(error.errorDescription)
        #expect(description.hasPrefix("\(url.path): error: the schema cannot be compiled"))
        #expect(description.contains("\(url.path):4: error: "))
    }

    @Test("a grammar referring to an undefined pattern does not compile, with the line of the reference")
    func undefinedReference() throws {
        let url = Fixtures.url("schema/not-a-grammar.rng")
        let error = try #require(throws: SchemaError.self) { try RelaxNGSchema(contentsOf: url) }
        guard case let .unusableSchema(_, diagnostics) = error else { return }
        #expect(diagnostics.contains { $0.line == 5 && $0.message.contains("undefined-pattern") })
    }

    @Test("a schema file that is missing, malformed or has a DOCTYPE is unusable, with the reason")
    func unusableFiles() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let malformed = temporary.url.appendingPathComponent("malformed.rng")
        try Data("<grammar xmlns='http://relaxng.org/ns/structure/1.0'>\n<start>".utf8).write(to: malformed)
        let doctype = temporary.url.appendingPathComponent("doctype.rng")
        try Data("<?xml version='1.0'?>\n<!DOCTYPE grammar [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n<grammar/>".utf8)
            .write(to: doctype)
        let notRelaxNG = temporary.url.appendingPathComponent("plain.rng")
        try Data("<schema/>".utf8).write(to: notRelaxNG)
        let missing = temporary.url.appendingPathComponent("missing.rng")

        for (url, line, fragment) in [
            (malformed, 2, "Premature end of data"), (doctype, 2, "DOCTYPE not allowed"), (missing, 0, "cannot read file"),
            (notRelaxNG, 0, ""),
        ] {
            let error = try #require(throws: SchemaError.self) { try RelaxNGSchema(contentsOf: url) }
            guard case let .unusableSchema(file, diagnostics) = error else { continue }
            #expect(file == url.path)
            if !fragment.isEmpty {
                #expect(diagnostics.contains { $0.line == line && $0.message.contains(fragment) }, "\(url.lastPathComponent): \(diagnostics)")
            }
            #expect(error.errorDescription?.contains("the schema cannot be compiled") == true)
        }
    }
}
