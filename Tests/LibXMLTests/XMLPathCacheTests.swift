import Foundation
import LibXML
import Testing

@Suite("XMLPathCache")
struct XMLPathCacheTests {
    static func paths(_ document: XMLDocument) throws -> (cached: [String], libxml2: [String]) {
        let nodes = try XPathContext(document: document, environment: .auditDay).evaluate("//node()").nodes
        let cache = XMLPathCache()
        return (nodes.map { cache.path(of: $0) }, nodes.map(\.path))
    }

    @Test("gives exactly libxml2's node paths, with and without sibling indexes")
    func samePaths() throws {
        let document = try XMLDocument.parse(
            data: Data("<log><meta/><e><v/></e><e><v/><v/></e><x:n xmlns:x='urn:x'/></log>".utf8), file: "p.xml")
        let paths = try Self.paths(document)
        #expect(paths.cached == paths.libxml2)
        #expect(paths.cached.contains("/log/e[2]/v[1]"))
        #expect(paths.cached.contains("/log/meta"))
    }

    @Test("siblings in a namespace do not count for a namespace-less element of the same name, as in libxml2")
    func namespacedSiblings() throws {
        let document = try XMLDocument.parse(
            data: Data("<r xmlns:x='urn:x'><x:a/><a/><b/><x:b/><b>t</b><c xmlns='urn:d'/><c/><!--n--><?p?></r>".utf8), file: "n.xml")
        let paths = try Self.paths(document)
        #expect(paths.cached == paths.libxml2)
        #expect(paths.cached.contains("/r/a"))
        #expect(paths.cached.contains("/r/b[2]"))
    }

    @Test("built documents, whose element names are separate copies, get the same paths")
    func builtDocument() throws {
        let builder = XMLDocumentBuilder(file: "log.csv")
        builder.startElement("table")
        for number in 1...3 {
            builder.startElement("record", attributes: [(name: "number", value: String(number))])
            builder.element("id", text: "C-\(number)")
            builder.endElement()
        }
        builder.element("summary", text: "3")
        builder.endElement()
        let paths = try Self.paths(builder.finish())
        #expect(paths.cached == paths.libxml2)
        #expect(paths.cached.contains("/table/record[3]/id"))
        #expect(paths.cached.contains("/table/summary"))
    }
}

@Suite("XMLPathCache order")
struct XMLPathCacheOrderTests {
    @Test("paths asked out of document order, or twice, are the same as in order")
    func outOfOrder() throws {
        let document = try XMLDocument.parse(
            data: Data("<log>\((1...40).map { "<e n='\($0)'/><f/>" }.joined())<g/></log>".utf8), file: "o.xml")
        let nodes = try XPathContext(document: document, environment: .auditDay).evaluate("/log/*").nodes
        let cache = XMLPathCache()
        let order = [5, 2, 79, 0, 0, 80, 41, 40, 3]
        #expect(order.map { cache.path(of: nodes[$0]) } == order.map { nodes[$0].path })
        #expect(cache.path(of: nodes[80]) == "/log/g")
        #expect(cache.path(of: nodes[2]) == "/log/e[2]")
    }

    @Test("a built document with a thousand same-named records gets libxml2's paths")
    func manyBuiltSiblings() throws {
        let builder = XMLDocumentBuilder(file: "big.csv")
        builder.startElement("table")
        for number in 1...1000 {
            builder.startElement("record")
            builder.element("id", text: "C-\(number)")
            builder.endElement()
        }
        builder.endElement()
        let paths = try XMLPathCacheTests.paths(builder.finish())
        #expect(paths.cached == paths.libxml2)
    }
}
