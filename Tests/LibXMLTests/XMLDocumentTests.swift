import Foundation
import LibXML
import Testing

@Suite("XMLDocument: safe parsing of untrusted files")
struct XMLDocumentTests {
    // MARK: Well-formed input

    @Test("a well-formed document parses and exposes its root element")
    func wellFormed() throws {
        let document = try XMLDocument.parse(
            #"<?xml version="1.0"?><complaints site="north"><complaint id="C1"/></complaints>"#, file: "log.xml")
        #expect(document.file == "log.xml")
        let root = try #require(document.root)
        #expect(root.localName == "complaints")
        #expect(root.attribute("site") == "north")
        #expect(root.childElements.map { $0.attribute("id") } == ["C1"])
    }

    @Test("a large document tells how far parsing has got, about every megabyte, before parse returns")
    func progress() throws {
        let records = (1...60_000).map { #"<record id="R-\#($0)"><note>a note of some length</note></record>"# }.joined(separator: "\n")
        let data = Data("<log>\n\(records)\n</log>\n".utf8)
        var reported: [Int] = []
        let document = try XMLDocument.parse(data: data, file: "log.xml", progress: { reported.append($0) })
        #expect(document.root?.childElements.count == 60_000)
        #expect(reported.count == data.count >> 20, "\(data.count) bytes")
        #expect(reported == reported.sorted() && reported.allSatisfy { $0 < data.count })
    }

    @Test("the five predefined entities and character references are decoded")
    func predefinedEntities() throws {
        let document = try XMLDocument.parse("<r>&lt;&gt;&amp;&apos;&quot; &#233;&#x263A;</r>")
        #expect(document.root?.stringValue == "<>&'\" é☺")
    }

    @Test("CDATA sections read as ordinary text")
    func cdata() throws {
        let document = try XMLDocument.parse("<r>a<![CDATA[<b>&x;</b>]]>c</r>")
        #expect(document.root?.stringValue == "a<b>&x;</b>c")
    }

    @Test("a document without a DOCTYPE may still use namespaces, comments and processing instructions")
    func ordinaryFeatures() throws {
        let document = try XMLDocument.parse(
            "<?xml version='1.0'?>\n<!-- register -->\n<?audit keep?>\n<r xmlns='urn:x'><c>1</c></r>")
        #expect(document.root?.namespaceURI == "urn:x")
    }

    // MARK: Hostile input

    @Test("a DOCTYPE is refused with its line")
    func doctypeRefusedWithLine() {
        let text = "<?xml version=\"1.0\"?>\n<!-- evidence -->\n\n<!DOCTYPE r>\n<r/>"
        #expect(throws: XMLError.doctypeRefused(file: "evidence.xml", line: 4)) {
            try XMLDocument.parse(text, file: "evidence.xml")
        }
    }

    @Test("an external entity (SYSTEM file:///etc/passwd) is refused before anything is read")
    func externalEntity() throws {
        let url = Fixtures.url("hostile/external-entity.xml")
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(contentsOf: url)
        }
        #expect(error == .doctypeRefused(file: url.path, line: 3))
        #expect(error.file == url.path)
        #expect(error.line == 3)
        let description = try #require(error.errorDescription)
        #expect(description.hasPrefix("\(url.path):3: error: DOCTYPE not allowed"))
        #expect(description.contains("Remove the DOCTYPE declaration"))
        #expect(!description.contains("root:"))
    }

    @Test("an external DTD is refused")
    func externalDTD() {
        #expect(throws: XMLError.doctypeRefused(file: "dtd.xml", line: 2)) {
            try XMLDocument.parse(contentsOf: Fixtures.url("hostile/external-dtd.xml"), displayName: "dtd.xml")
        }
    }

    @Test("a parameter entity fetching a remote DTD is refused")
    func parameterEntity() {
        #expect(throws: XMLError.doctypeRefused(file: "pe.xml", line: 2)) {
            try XMLDocument.parse(contentsOf: Fixtures.url("hostile/parameter-entity.xml"), displayName: "pe.xml")
        }
    }

    @Test("billion laughs is refused at its DOCTYPE")
    func billionLaughs() {
        #expect(throws: XMLError.doctypeRefused(file: "lol.xml", line: 2)) {
            try XMLDocument.parse(contentsOf: Fixtures.url("hostile/billion-laughs.xml"), displayName: "lol.xml")
        }
    }

    @Test("a quadratic blow-up (one 50 KB entity referenced 20,000 times) is refused at once")
    func quadraticBlowUp() {
        let entity = String(repeating: "a", count: 50_000)
        let references = String(repeating: "&big;", count: 20_000)
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY big \"\(entity)\">]>\n<r>\(references)</r>"
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(throws: XMLError.doctypeRefused(file: "quadratic.xml", line: 2)) {
                try XMLDocument.parse(text, file: "quadratic.xml")
            }
        }
        #expect(elapsed < .seconds(2))
    }

    @Test("an entity reference without a DOCTYPE is a well-formedness error")
    func undefinedEntity() throws {
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse("<r>\n&nbsp;</r>", file: "nbsp.xml")
        }
        guard case let .malformed(file, diagnostics) = error else {
            Issue.record("expected .malformed, got \(error)")
            return
        }
        #expect(file == "nbsp.xml")
        #expect(diagnostics.first?.line == 2)
        #expect(diagnostics.first?.message.contains("nbsp") == true)
    }

    @Test("elements nested deeper than the limit are refused as too deep, with the line that went too deep")
    func tooDeep() throws {
        let depth = 300
        let text = String(repeating: "<a>\n", count: depth) + String(repeating: "</a>", count: depth)
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(text, file: "deep.xml")
        }
        #expect(error == .tooDeep(file: "deep.xml", line: 258, limit: XMLParseLimits.maxDepth))
        #expect(XMLParseLimits.maxDepth == 256)
        let description = try #require(error.errorDescription)
        #expect(description.hasPrefix("deep.xml:258: error: elements nested deeper than 256 levels"))
        #expect(description.contains("Flatten the document"))
    }

    @Test("nesting up to the limit is accepted")
    func deepButAllowed() throws {
        let depth = XMLParseLimits.maxDepth
        let text = String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
        let document = try XMLDocument.parse(text)
        #expect(document.root?.stringValue == "x")
    }

    @Test("invalid UTF-8 is refused with the file and line of the bad bytes")
    func invalidUTF8() throws {
        var data = Data("<r>\n<a>ok</a>\n<a>".utf8)
        data.append(contentsOf: [0xC3, 0x28, 0xFF])
        data.append(Data("</a>\n</r>".utf8))
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(data: data, file: "survey.xml")
        }
        guard case let .malformed(file, diagnostics) = error else {
            Issue.record("expected .malformed, got \(error)")
            return
        }
        #expect(file == "survey.xml")
        let first = try #require(diagnostics.first)
        #expect(first.file == "survey.xml")
        #expect(first.line == 3)
        #expect(first.message.contains("UTF-8"))
        #expect(error.line == 3)
        #expect(error.errorDescription?.hasPrefix("survey.xml:3:") == true)
        #expect(error.errorDescription?.contains("Fix the XML so it is well-formed") == true)
    }

    @Test("a truncated file is refused with the line where it stops")
    func truncated() throws {
        let url = Fixtures.url("hostile/truncated.xml")
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(contentsOf: url, displayName: "Evidence/truncated.xml")
        }
        guard case let .malformed(file, diagnostics) = error else {
            Issue.record("expected .malformed, got \(error)")
            return
        }
        #expect(file == "Evidence/truncated.xml")
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.file == "Evidence/truncated.xml" && $0.severity == .error })
        #expect(diagnostics.first?.line == 4)
        #expect(diagnostics.contains { $0.message.contains("Premature end of data") })
    }

    @Test("an empty file is refused with line 1 and what an XML document needs")
    func emptyFile() throws {
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(data: Data(), file: "empty.xml")
        }
        #expect(error.file == "empty.xml")
        #expect(error.line == 1)
        let description = try #require(error.errorDescription)
        #expect(description.hasPrefix("empty.xml:1:1: error: file is empty"))
        #expect(description.contains("root element"))
    }

    @Test("a file of white space only is refused")
    func whiteSpaceOnly() throws {
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(" \n\t\n", file: "blank.xml")
        }
        guard case .malformed(file: "blank.xml", diagnostics: let diagnostics) = error else {
            Issue.record("expected .malformed for blank.xml, got \(error)")
            return
        }
        #expect(!diagnostics.isEmpty)
    }

    @Test("binary garbage is refused as malformed, not crashed on")
    func binaryGarbage() throws {
        var generator = SplitMix64(seed: 42)
        for length in [1, 2, 16, 512, 65_536] {
            let data = Data((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            let error = try #require(throws: XMLError.self) {
                try XMLDocument.parse(data: data, file: "photo.jpg")
            }
            guard case let .malformed(file, diagnostics) = error else {
                Issue.record("expected .malformed, got \(error)")
                continue
            }
            #expect(file == "photo.jpg")
            #expect(!diagnostics.isEmpty)
            #expect(diagnostics.allSatisfy { $0.file == "photo.jpg" })
        }
    }

    @Test("a NUL byte inside the document is refused")
    func nulByte() throws {
        var data = Data("<r>\nab".utf8)
        data.append(0)
        data.append(Data("c</r>".utf8))
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(data: data, file: "nul.xml")
        }
        #expect(error.line == 2)
    }

    @Test("a file over the size limit is refused before it is parsed, with advice")
    func tooLarge() throws {
        let data = Data("<r>0123456789</r>".utf8)
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(data: data, file: "big.xml", limits: XMLParseLimits(maxBytes: 10))
        }
        #expect(error == .tooLarge(file: "big.xml", bytes: data.count, limit: 10))
        #expect(error.line == nil)
        #expect(error.errorDescription?.contains("Split the file or raise the limit") == true)
        #expect(XMLParseLimits.default.maxBytes == 1 << 30)
    }

    @Test("every well-formedness problem is reported, with the file in each diagnostic")
    func severalProblems() throws {
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse("<r>\n<a x='1' x='2'>\n</b>\n</r>", file: "multi.xml")
        }
        guard case let .malformed(_, diagnostics) = error else {
            Issue.record("expected .malformed, got \(error)")
            return
        }
        #expect(diagnostics.count >= 2)
        #expect(diagnostics.map(\.line).first == 2)
        #expect(diagnostics.allSatisfy { $0.file == "multi.xml" && $0.line > 0 })
        let description = try #require(error.errorDescription)
        #expect(description.split(separator: "\n").count == diagnostics.count + 1)
    }

    // MARK: Lines and encodings

    @Test("line numbers above 65535 are exact for elements, attributes, text and errors")
    func bigLineNumbers() throws {
        var text = "<r>\n"
        for index in 2..<70_000 { text += "<x n=\"\(index)\">v</x>\n" }
        text += "<empty id=\"last\"/>\n<filled>t</filled>\n</r>\n"
        let document = try XMLDocument.parse(text, file: "big-lines.xml")
        let context = XPathContext(document: document, environment: .auditDay)
        #expect(try context.evaluate("/r/x[@n='100']").nodes.map(\.line) == [100])
        #expect(try context.evaluate("/r/x[@n='65534']").nodes.map(\.line) == [65_534])
        #expect(try context.evaluate("/r/x[@n='65535']").nodes.map(\.line) == [65_535])
        #expect(try context.evaluate("/r/x[@n='65536']").nodes.map(\.line) == [65_536])
        #expect(try context.evaluate("/r/x[@n='69999']").nodes.map(\.line) == [69_999])
        #expect(try context.evaluate("/r/x[@n='69999']/@n").nodes.map(\.line) == [69_999])
        #expect(try context.evaluate("/r/x[@n='69999']/text()").nodes.map(\.line) == [69_999])
        #expect(try context.evaluate("/r/empty").nodes.map(\.line) == [70_000])
        #expect(try context.evaluate("/r/empty/@id").nodes.map(\.line) == [70_000])
        #expect(try context.evaluate("/r/filled").nodes.map(\.line) == [70_001])

        let broken = text.replacingOccurrences(of: "<filled>t</filled>", with: "<filled>t</filed>")
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(broken, file: "big-lines.xml")
        }
        #expect(error.line == 70_001)
        #expect(error.errorDescription?.hasPrefix("big-lines.xml:70001:") == true)
    }

    @Test("UTF-16 with a byte-order mark parses, little- and big-endian")
    func utf16() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<site name=\"Zürich\">Ærøskøbing ☺ 𝄞</site>"
        for littleEndian in [true, false] {
            var data = Data(littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF])
            for unit in text.utf16 {
                let bytes = littleEndian ? unit.littleEndian : unit.bigEndian
                withUnsafeBytes(of: bytes) { data.append(contentsOf: $0) }
            }
            let document = try XMLDocument.parse(data: data, file: "utf16.xml")
            let root = try #require(document.root)
            #expect(root.attribute("name") == "Zürich")
            #expect(root.stringValue == "Ærøskøbing ☺ 𝄞")
            #expect(root.line == 2)
        }
    }

    @Test("UTF-16 with a BOM but no XML declaration parses")
    func utf16WithoutDeclaration() throws {
        var data = Data([0xFF, 0xFE])
        for unit in "<r>é</r>".utf16 { withUnsafeBytes(of: unit.littleEndian) { data.append(contentsOf: $0) } }
        #expect(try XMLDocument.parse(data: data, file: "bare16.xml").root?.stringValue == "é")
    }

    @Test("a UTF-8 byte-order mark is accepted")
    func utf8BOM() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("<r>ok</r>".utf8)
        #expect(try XMLDocument.parse(data: data, file: "bom.xml").root?.stringValue == "ok")
    }

    @Test("a declared ISO-8859-1 encoding is honoured")
    func latin1() throws {
        let data = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>Z".utf8) + Data([0xFC]) + Data("rich</r>".utf8)
        #expect(try XMLDocument.parse(data: data, file: "latin1.xml").root?.stringValue == "Zürich")
    }

    // MARK: Files

    @Test("parse(contentsOf:) names the file's path, or the display name, in errors")
    func namesFileInErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("broken.xml")
        try Data("<r>\n<a>\n</r>".utf8).write(to: url)
        let byPath = try #require(throws: XMLError.self) { try XMLDocument.parse(contentsOf: url) }
        #expect(byPath.file == url.path)
        #expect(byPath.line == 3)
        let byName = try #require(throws: XMLError.self) {
            try XMLDocument.parse(contentsOf: url, displayName: "Evidence/broken.xml")
        }
        #expect(byName.file == "Evidence/broken.xml")
        #expect(byName.errorDescription?.hasPrefix("Evidence/broken.xml:3:") == true)
    }

    @Test("a file that parses keeps the display name for later diagnostics")
    func displayName() throws {
        let document = try XMLDocument.parse(
            contentsOf: Fixtures.url("complaints-valid.xml"), displayName: "Evidence/complaints.xml")
        #expect(document.file == "Evidence/complaints.xml")
        #expect(document.root?.childElements.count == 2)
    }

    @Test("a missing file is unreadable, with advice to check the path")
    func missingFile() throws {
        let url = Fixtures.url("does-not-exist.xml")
        let error = try #require(throws: XMLError.self) { try XMLDocument.parse(contentsOf: url) }
        guard case let .unreadable(file, reason) = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
        #expect(file == url.path)
        #expect(!reason.isEmpty)
        #expect(error.line == nil)
        #expect(error.errorDescription?.contains("Check the path and the file's permissions") == true)
    }

    @Test("a directory is unreadable as a file")
    func directoryIsUnreadable() throws {
        let error = try #require(throws: XMLError.self) { try XMLDocument.parse(contentsOf: Fixtures.directory) }
        guard case .unreadable = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
    }

    @Test("a network URL is not fetched")
    func networkURL() throws {
        let url = try #require(URL(string: "http://example.invalid/evidence.xml"))
        let error = try #require(throws: XMLError.self) { try XMLDocument.parse(contentsOf: url) }
        guard case .unreadable = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
    }

    // MARK: Diagnostics

    @Test("a diagnostic prints as file:line:col: severity: message, leaving out what is unknown")
    func diagnosticDescription() {
        #expect(
            XMLDiagnostic(file: "a.xml", line: 3, column: 8, message: "bad").description == "a.xml:3:8: error: bad")
        #expect(XMLDiagnostic(file: "a.xml", line: 3, column: 0, message: "bad").description == "a.xml:3: error: bad")
        #expect(
            XMLDiagnostic(file: "a.xml", line: 0, column: 5, severity: .warning, message: "odd").description
                == "a.xml: warning: odd")
    }
}

@Suite("XMLDocument namespaces")
struct XMLDocumentNamespaceTests {
    @Test("an undeclared namespace prefix makes the document malformed, with its line")
    func undeclaredPrefix() throws {
        let error = try #require(throws: XMLError.self) {
            try XMLDocument.parse(data: Data("<r>\n<a:b/>\n</r>".utf8), file: "ns.xml")
        }
        guard case let .malformed(file, diagnostics) = error else {
            Issue.record("expected .malformed, got \(error)")
            return
        }
        #expect(file == "ns.xml")
        #expect(diagnostics.first?.line == 2)
        #expect(diagnostics.first?.message.contains("Namespace prefix a") == true)
    }
}
