import Foundation
import LibXML
import Testing

@Suite("XMLNode")
struct XMLNodeTests {
    static let text = """
        <?xml version="1.0"?>
        <log xmlns:q="urn:quality" site="north" q:owner="QA">
          <!-- first quarter -->
          <complaint id="C1" received="2026-01-05">
            <status>closed</status>
            <note>late &amp; <b>angry</b></note>
          </complaint>
          <?audit sampled?>
          <complaint id="C2"><status>open</status></complaint>
          <q:review q:by="Ann">ok</q:review>
        </log>
        """

    static func document() throws -> XMLDocument {
        try XMLDocument.parse(text, file: "log.xml")
    }

    static func nodes(_ expression: String, in document: XMLDocument) throws -> [XMLNode] {
        let context = XPathContext(document: document, environment: XPathEnvironment(
            asOf: XPathEnvironment.auditDay.asOf, namespaces: ["q": "urn:quality"]))
        return try context.evaluate(expression).nodes
    }

    @Test("each node reports its kind")
    func kinds() throws {
        let document = try Self.document()
        let expectations: [(String, XMLNode.Kind)] = [
            ("/log", .element), ("/log/@site", .attribute), ("//status/text()", .text), ("//comment()", .comment),
            ("//processing-instruction()", .processingInstruction), ("/", .document),
        ]
        for (expression, kind) in expectations {
            let found = try Self.nodes(expression, in: document)
            #expect(!found.isEmpty, "\(expression) selects nothing")
            #expect(found.allSatisfy { $0.kind == kind }, "\(expression)")
        }
    }

    @Test("local names leave out the prefix; text and document nodes have none")
    func localNames() throws {
        let document = try Self.document()
        #expect(try Self.nodes("//q:review", in: document).map(\.localName) == ["review"])
        #expect(try Self.nodes("//q:review/@q:by", in: document).map(\.localName) == ["by"])
        #expect(try Self.nodes("//processing-instruction()", in: document).map(\.localName) == ["audit"])
        #expect(try Self.nodes("//status/text()", in: document).map(\.localName) == ["", ""])
        #expect(try Self.nodes("/", in: document).map(\.localName) == [""])
    }

    @Test("namespace URIs belong to qualified elements and attributes only")
    func namespaces() throws {
        let document = try Self.document()
        #expect(try Self.nodes("//q:review", in: document).first?.namespaceURI == "urn:quality")
        #expect(try Self.nodes("/log/@q:owner", in: document).first?.namespaceURI == "urn:quality")
        #expect(document.root?.namespaceURI == nil)
        #expect(try Self.nodes("/log/@site", in: document).first?.namespaceURI == nil)
        let defaulted = try XMLDocument.parse("<r xmlns='urn:default'><c/></r>")
        #expect(defaulted.root?.childElements.first?.namespaceURI == "urn:default")
    }

    @Test("the string value of an element is all its descendant text, decoded")
    func stringValue() throws {
        let document = try Self.document()
        #expect(try Self.nodes("//note", in: document).first?.stringValue == "late & angry")
        #expect(try Self.nodes("//complaint[@id='C2']", in: document).first?.stringValue == "open")
        #expect(try Self.nodes("/log/@site", in: document).first?.stringValue == "north")
        #expect(try Self.nodes("//comment()", in: document).first?.stringValue == " first quarter ")
    }

    @Test("attributes are read by local name when they have no namespace")
    func attributeLookup() throws {
        let document = try Self.document()
        let root = try #require(document.root)
        #expect(root.attribute("site") == "north")
        #expect(root.attribute("missing") == nil)
        #expect(root.attribute("owner") == nil)
        let text = try #require(try Self.nodes("//status/text()", in: document).first)
        #expect(text.attribute("site") == nil)
    }

    @Test("an element lists its attributes in document order, namespaced ones by local name")
    func attributeList() throws {
        let document = try Self.document()
        let complaint = try #require(try Self.nodes("//complaint[1]", in: document).first)
        #expect(complaint.attributes.map(\.name) == ["id", "received"])
        #expect(complaint.attributes.map(\.value) == ["C1", "2026-01-05"])
        #expect(document.root?.attributes.map(\.name) == ["site", "owner"])
        let text = try #require(try Self.nodes("//status/text()", in: document).first)
        #expect(text.attributes.isEmpty)
    }

    @Test("child elements skip text, comments and processing instructions")
    func childElements() throws {
        let document = try Self.document()
        let root = try #require(document.root)
        #expect(root.childElements.map(\.localName) == ["complaint", "complaint", "review"])
        #expect(root.childElements[0].childElements.map(\.localName) == ["status", "note"])
        #expect(root.childElements[1].childElements[0].childElements.isEmpty)
    }

    @Test("the parent of an attribute is its element, of the root the document")
    func parents() throws {
        let document = try Self.document()
        let attribute = try #require(try Self.nodes("//complaint[1]/@id", in: document).first)
        #expect(attribute.parent?.localName == "complaint")
        #expect(attribute.parent?.attribute("id") == "C1")
        #expect(document.root?.parent?.kind == .document)
        #expect(document.root?.parent?.parent == nil)
    }

    @Test("nodes report the line they are on, attributes the line of their element")
    func lines() throws {
        let document = try Self.document()
        #expect(document.root?.line == 2)
        #expect(try Self.nodes("//complaint", in: document).map(\.line) == [4, 9])
        #expect(try Self.nodes("//complaint/@id", in: document).map(\.line) == [4, 9])
        #expect(try Self.nodes("//status", in: document).map(\.line) == [5, 9])
        #expect(try Self.nodes("//comment()", in: document).map(\.line) == [3])
        #expect(try Self.nodes("/", in: document).map(\.line) == [0])
    }

    @Test("paths locate nodes with positions among same-named siblings")
    func paths() throws {
        let document = try Self.document()
        #expect(try Self.nodes("//status", in: document).map(\.path) == [
            "/log/complaint[1]/status", "/log/complaint[2]/status",
        ])
        #expect(try Self.nodes("//complaint[2]/@id", in: document).map(\.path) == ["/log/complaint[2]/@id"])
        #expect(document.root?.path == "/log")
    }

    @Test("a node keeps its document alive after every other reference is gone")
    func keepsDocumentAlive() throws {
        func firstStatus() throws -> XMLNode {
            try #require(try Self.nodes("//status", in: try Self.document()).first)
        }
        let status = try firstStatus()
        #expect(status.stringValue == "closed")
        #expect(status.document.file == "log.xml")
        #expect(status.parent?.attribute("id") == "C1")
    }
}

@Suite("XMLNode positions")
struct XMLNodePositionTests {
    @Test("an element's line and column are where its start tag begins, even when the tag spans lines")
    func startTagPosition() throws {
        let document = try XMLDocument.parse(data: Data("<root>\n  <a\n     x='1'\n  /><b/>\n</root>".utf8), file: "p.xml")
        let children = try #require(document.root).childElements
        #expect(children.map(\.line) == [2, 4])
        #expect(children.map(\.column) == [3, 5])
    }
}
