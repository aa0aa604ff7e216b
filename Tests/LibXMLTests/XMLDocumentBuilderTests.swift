import Foundation
import LibXML
import Testing

@Suite("XMLDocumentBuilder")
struct XMLDocumentBuilderTests {
    /// The XML view a CSV adapter would build from a small survey export.
    static func survey() -> XMLDocument {
        let builder = XMLDocumentBuilder(file: "Evidence/survey.csv")
        builder.startElement("rows", attributes: [(name: "source", value: "survey.csv")])
        let rows = [("2026-01-10", "9", "Great"), ("2026-02-03", "4", "Slow"), ("2026-03-15", "n/a", "")]
        for (index, row) in rows.enumerated() {
            builder.startElement("row", attributes: [(name: "line", value: String(index + 2))])
            builder.element("date", text: row.0)
            builder.element("score", text: row.1)
            builder.element("comment", text: row.2)
            builder.endElement()
        }
        builder.endElement()
        return builder.finish()
    }

    @Test("a built document can be queried with XPath and the cx: functions")
    func queryable() throws {
        let document = Self.survey()
        #expect(document.file == "Evidence/survey.csv")
        let context = XPathContext(document: document, environment: .auditDay)
        #expect(try context.evaluate("count(/rows/row)").number == 3)
        #expect(try context.evaluate("string(/rows/@source)").string == "survey.csv")
        #expect(try context.evaluate("/rows/row[score > 5]/@line").string == "2")
        #expect(try context.evaluate("cx:avg(//score)").number == 6.5)
        #expect(try context.evaluate("count(//row[cx:within(date, 'P30D')])").number == 1)
        #expect(try context.evaluate("//row[3]/comment").nodes.first?.stringValue == "")
    }

    @Test("elements nest in the order they are opened and closed")
    func nesting() throws {
        let builder = XMLDocumentBuilder(file: "nest.json")
        #expect(builder.depth == 0)
        builder.startElement("a")
        builder.startElement("b")
        #expect(builder.depth == 2)
        builder.element("c", text: "1")
        builder.endElement()
        builder.startElement("d")
        builder.endElement()
        builder.endElement()
        #expect(builder.depth == 0)
        let root = try #require(builder.finish().root)
        #expect(root.localName == "a")
        #expect(root.childElements.map(\.localName) == ["b", "d"])
        #expect(root.childElements[0].childElements.map(\.path) == ["/a/b/c"])
    }

    @Test("text is stored as given, never parsed as markup or entities")
    func textIsLiteral() throws {
        let builder = XMLDocumentBuilder(file: "literal.csv")
        let hostile = "<b>&amp; &xxe; <!DOCTYPE x> ]]>"
        builder.startElement("r", attributes: [(name: "v", value: "\"<&>'")])
        builder.text(hostile)
        builder.endElement()
        let root = try #require(builder.finish().root)
        #expect(root.stringValue == hostile)
        #expect(root.childElements.isEmpty)
        #expect(root.attribute("v") == "\"<&>'")
    }

    @Test("consecutive text runs join, and empty text adds nothing")
    func textRuns() throws {
        let builder = XMLDocumentBuilder(file: "runs.csv")
        builder.startElement("r")
        builder.text("Zür")
        builder.text("")
        builder.text("ich ☺")
        builder.endElement()
        let document = builder.finish()
        #expect(document.root?.stringValue == "Zürich ☺")
        let context = XPathContext(document: document, environment: .auditDay)
        #expect(try context.evaluate("count(/r/text())").number == 1)
    }

    @Test("text outside any element and closing more than was opened are ignored")
    func unbalancedCalls() throws {
        let builder = XMLDocumentBuilder(file: "odd.csv")
        builder.text("before the root")
        builder.endElement()
        builder.element("r", text: "x")
        builder.endElement()
        #expect(builder.depth == 0)
        let root = try #require(builder.finish().root)
        #expect(root.stringValue == "x")
    }

    @Test("an empty builder finishes with a document that has no root")
    func emptyDocument() {
        #expect(XMLDocumentBuilder(file: "empty.csv").finish().root == nil)
    }

    @Test("a builder that is never finished releases its document")
    func abandoned() {
        for _ in 0..<100 {
            let builder = XMLDocumentBuilder(file: "abandoned.csv")
            builder.element("r", text: "x")
        }
    }

    @Test("built nodes have no source line")
    func noLines() throws {
        let document = Self.survey()
        let context = XPathContext(document: document, environment: .auditDay)
        #expect(try context.evaluate("//score | //@line").nodes.allSatisfy { $0.line == 0 })
    }

    @Test("a finished document can be shared with other tasks")
    func sendable() async throws {
        let document = Self.survey()
        let counts = await withTaskGroup(of: Double.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let context = XPathContext(document: document, environment: .auditDay)
                    return (try? context.evaluate("count(//row)").number) ?? -1
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == [3, 3, 3, 3])
    }

    @Test("names made by XMLName.sanitized can be built and selected")
    func sanitizedNames() throws {
        let labels = ["Date received", "NPS (0-10)", "2nd", "xml", "Zürich site", "%"]
        let builder = XMLDocumentBuilder(file: "labels.csv")
        builder.startElement("row")
        for label in labels { builder.element(XMLName.sanitized(label), text: label) }
        builder.endElement()
        let context = XPathContext(document: builder.finish(), environment: .auditDay)
        for label in labels {
            #expect(try context.evaluate("string(/row/\(XMLName.sanitized(label)))").string == label)
        }
    }

    @Test("a record handed over is whole, then freed with what came before it, so the view holds one record at a time")
    func releaseLastChild() throws {
        let builder = XMLDocumentBuilder(file: "log.csv")
        builder.startElement("table")
        var seen: [String] = []
        var largestTable = 0
        for number in 1...3 {
            builder.startElement("record", attributes: [(name: "number", value: String(number))])
            builder.element("id", text: "C-\(number)")
            builder.endElement()
            builder.releaseLastChild { record in
                let context = XPathContext(document: record.document, environment: .auditDay)
                seen.append((try? context.evaluate("concat(@number, ':', id)", at: record).string) ?? "error")
                largestTable = max(largestTable, Int((try? context.evaluate("count(/table/*)").number) ?? .infinity))
            }
        }
        builder.endElement()
        #expect(seen == ["1:C-1", "2:C-2", "3:C-3"])
        #expect(largestTable == 1)
        let context = XPathContext(document: builder.finish(), environment: .auditDay)
        #expect(try context.evaluate("count(/table/record)").number == 0)
    }
}
