import Foundation
import LibXML
import Testing

@Suite("XMLRecordStream")
struct XMLRecordStreamTests {
    /// Streams `xml` and returns each record's name and string value with its path, the
    /// stream's paths named once the stream ended.
    static func stream(_ xml: String, at path: [String], concurrently: Bool = false) throws -> [(value: String, path: String, line: Int)] {
        var seen: [(value: String, place: XMLRecordPlace, line: Int)] = []
        let paths = try XMLRecordStream.forEachRecord(in: Data(xml.utf8), file: "log.xml", at: path, concurrently: concurrently) { record, place in
            seen.append((record.stringValue, place, record.line))
        }
        return seen.map { ($0.value, paths.path(of: $0.place), $0.line) }
    }

    /// The same as `stream`, with the document given in chunks of `size` bytes.
    static func streamInChunks(_ xml: String, size: Int, at path: [String], concurrently: Bool = false) throws -> [(value: String, path: String, line: Int)] {
        var seen: [(value: String, place: XMLRecordPlace, line: Int)] = []
        var rest = Data(xml.utf8)[...]
        let paths = try XMLRecordStream.forEachRecord(
            chunks: {
                guard !rest.isEmpty else { return nil }
                defer { rest = rest.dropFirst(size) }
                return Data(rest.prefix(size))
            },
            file: "log.xml", at: path, concurrently: concurrently
        ) { record, place in
            seen.append((record.stringValue, place, record.line))
        }
        return seen.map { ($0.value, paths.path(of: $0.place), $0.line) }
    }

    /// The error a parse of `xml` given in chunks of `size` bytes throws, if any.
    static func errorInChunks(_ xml: Data, size: Int) -> XMLError? {
        var rest = xml[...]
        do throws(XMLError) {
            _ = try XMLRecordStream.forEachRecord(
                chunks: {
                    guard !rest.isEmpty else { return nil }
                    defer { rest = rest.dropFirst(size) }
                    return Data(rest.prefix(size))
                },
                file: "log.xml", at: ["log", "c"]
            ) { _, _ in }
            return nil
        } catch {
            return error
        }
    }

    /// The same records' values and paths from a whole-document parse.
    static func whole(_ xml: String, select: String) throws -> [(value: String, path: String, line: Int)] {
        let document = try XMLDocument.parse(xml)
        return try XPathContext(document: document, environment: .auditDay).evaluate(select).nodes.map { ($0.stringValue, $0.path, $0.line) }
    }

    static let nested = """
        <log>
          <meta>exported</meta>
          <batch><c>1</c><other>x</other><c>2</c></batch>
          <!-- a comment between records -->
          <batch><c>3</c></batch>
          <x:batch xmlns:x="urn:x"><c>not a record</c></x:batch>
          <batch>
            <c>4</c>
            <c><c>nested, not a record</c>5</c>
          </batch>
        </log>
        """

    @Test("gives every record, in document order, with the line and path a whole-document parse gives, on this thread or a second one", arguments: [false, true])
    func sameAsWholeDocument(concurrently: Bool) throws {
        let streamed = try Self.stream(Self.nested, at: ["log", "batch", "c"], concurrently: concurrently)
        let whole = try Self.whole(Self.nested, select: "/log/batch/c")
        #expect(streamed.map(\.value) == ["1", "2", "3", "4", "nested, not a record5"])
        #expect(streamed.map(\.path) == whole.map(\.path))
        #expect(streamed.map(\.line) == whole.map(\.line))
        #expect(streamed.map(\.path) == ["/log/batch[1]/c[1]", "/log/batch[1]/c[2]", "/log/batch[2]/c", "/log/batch[3]/c[1]", "/log/batch[3]/c[2]"])
    }

    @Test("a lone record has no position in its path, as in libxml2", arguments: [
        ("<log><c>1</c></log>", ["log", "c"], ["/log/c"]),
        ("<log><c>1</c><c>2</c></log>", ["log", "c"], ["/log/c[1]", "/log/c[2]"]),
        ("<log/>", ["log", "c"], []),
        ("<other><c>1</c></other>", ["log", "c"], []),
        ("<log>1</log>", ["log"], ["/log"]),
    ])
    func positions(xml: String, path: [String], expected: [String]) throws {
        #expect(try Self.stream(xml, at: path).map(\.path) == expected)
        #expect(try Self.stream(xml, at: path, concurrently: true).map(\.path) == expected)
        #expect(try Self.whole(xml, select: "/" + path.joined(separator: "/")).map(\.path) == expected)
    }

    @Test("names in a namespace match whatever prefix the file gives it, and only in that namespace")
    func namespaced() throws {
        let sheet = """
            <x:worksheet xmlns:x="urn:sheet"><x:sheetData><x:row>1</x:row><row>no namespace</row>\
            <y:row xmlns:y="urn:other">other namespace</y:row><row xmlns="urn:sheet">2</row></x:sheetData></x:worksheet>
            """
        var rows: [String] = []
        _ = try XMLRecordStream.forEachRecord(in: Data(sheet.utf8), file: "sheet.xml", at: ["worksheet", "sheetData", "row"], namespace: "urn:sheet") {
            record, _ in rows.append(record.stringValue)
        }
        #expect(rows == ["1", "2"])
        #expect(try Self.stream(sheet, at: ["worksheet", "sheetData", "row"]).isEmpty)
    }

    @Test("a record is whole when it is handed over: its attributes, children and text")
    func wholeRecord() throws {
        var seen: [String] = []
        _ = try XMLRecordStream.forEachRecord(
            in: Data(#"<log><c id="C-1"><status>open</status><note>a &amp; b</note></c></log>"#.utf8), file: "log.xml", at: ["log", "c"]
        ) { record, _ in
            let context = XPathContext(document: record.document, environment: .auditDay)
            seen.append((try? context.evaluate("concat(@id, '|', status, '|', note, '|', count(*))", at: record).string) ?? "error")
        }
        #expect(seen == ["C-1|open|a & b|2"])
    }

    @Test("a document given in chunks, however it is cut, gives the records, lines and paths of one given whole", arguments: [1, 3, 64, 1 << 20])
    func inChunks(size: Int) throws {
        let whole = try Self.stream(Self.nested, at: ["log", "batch", "c"])
        for concurrently in [false, true] {
            let chunked = try Self.streamInChunks(Self.nested, size: size, at: ["log", "batch", "c"], concurrently: concurrently)
            #expect(chunked.map(\.value) == whole.map(\.value))
            #expect(chunked.map(\.path) == whole.map(\.path))
            #expect(chunked.map(\.line) == whole.map(\.line))
        }
    }

    @Test("in chunks, a document is refused as it is whole: not well-formed, a DOCTYPE, a crowded start tag, empty", arguments: [1, 5, 4096])
    func refusedInChunks(size: Int) throws {
        let whole: (String) -> XMLError? = { xml in
            do throws(XMLError) {
                _ = try XMLRecordStream.forEachRecord(in: Data(xml.utf8), file: "log.xml", at: ["log", "c"]) { _, _ in }
                return nil
            } catch {
                return error
            }
        }
        let attributes = (1...(XMLParseLimits.maxAttributes + 1)).map { "a\($0)='x'" }.joined(separator: " ")
        for xml in [
            "<log>\n<c>1</c>\n<c>2</c>\n<c>3</d>\n</log>",
            #"<?xml version="1.0"?><!DOCTYPE log [<!ENTITY e "x">]><log><c>&e;</c></log>"#,
            "<log>\n<c/>\n<c \(attributes)/>\n</log>",
            "<log><c>cut short",
            "",
        ] {
            let expected = try #require(whole(xml))
            let chunked = try #require(Self.errorInChunks(Data(xml.utf8), size: size))
            if case let .malformed(_, diagnostics) = expected, case let .malformed(_, chunkedDiagnostics) = chunked {
                // The push parser words some errors its own way; the place is the same.
                #expect(chunkedDiagnostics.first?.line == diagnostics.first?.line, "\(xml)")
            } else {
                #expect(chunked == expected, "\(xml)")
            }
        }
    }

    @Test("a UTF-16 document given in chunks is read whole and gives the same records")
    func utf16InChunks() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><log><c>é</c><c>2</c></log>"
        let bytes = Data([0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        var rest = bytes[...]
        var values: [String] = []
        _ = try XMLRecordStream.forEachRecord(
            chunks: {
                guard !rest.isEmpty else { return nil }
                defer { rest = rest.dropFirst(3) }
                return Data(rest.prefix(3))
            },
            file: "log.xml", at: ["log", "c"]
        ) { record, _ in values.append(record.stringValue) }
        #expect(values == ["é", "2"])
    }

    @Test("a file that is not well-formed after some records is an error for the whole file, naming its line", arguments: [false, true])
    func malformedLater(concurrently: Bool) throws {
        var count = 0
        #expect {
            _ = try XMLRecordStream.forEachRecord(
                in: Data("<log>\n<c>1</c>\n<c>2</c>\n<c>3</d>\n</log>".utf8), file: "log.xml", at: ["log", "c"], concurrently: concurrently
            ) { _, _ in
                count += 1
            }
        } throws: { error in
            guard case let .malformed(file, diagnostics) = error as? XMLError else { return false }
            return file == "log.xml" && diagnostics.first?.line == 4
        }
        #expect(count == 2)
    }

    @Test("a DOCTYPE is refused before any record is read, as in a whole-document parse")
    func doctypeRefused() throws {
        let xml = #"<?xml version="1.0"?><!DOCTYPE log [<!ENTITY e "x">]><log><c>&e;</c></log>"#
        var count = 0
        #expect(throws: XMLError.doctypeRefused(file: "log.xml", line: 1)) {
            _ = try XMLRecordStream.forEachRecord(in: Data(xml.utf8), file: "log.xml", at: ["log", "c"]) { _, _ in count += 1 }
        }
        #expect(count == 0)
    }

    @Test("records already handed over are freed, with the text and elements between them: the tree holds one record at a time")
    func memoryFollowsTheRecord() throws {
        var xml = "<log>\n<meta>exported</meta>\n"
        for number in 1...5_000 {
            xml += "<c id=\"C-\(number)\"><status>open</status><note>text \(number)</note></c>\n<!-- between -->\n<other/>\n"
        }
        xml += "</log>\n"
        var largestTree = 0
        var records = 0
        _ = try XMLRecordStream.forEachRecord(in: Data(xml.utf8), file: "big.xml", at: ["log", "c"]) { record, _ in
            records += 1
            let context = XPathContext(document: record.document, environment: .auditDay)
            largestTree = max(largestTree, Int((try? context.evaluate("count(//node())").number) ?? .infinity))
        }
        #expect(records == 5_000)
        // The root, at most the text, comment and element before the record, and the record's 7 nodes.
        #expect(largestTree <= 12)
    }

    @Test("records checked on a second thread come whole and in order, thousands of them, with namespaces declared above them")
    func concurrentlyInOrder() throws {
        var xml = "<log xmlns:x=\"urn:x\">\n"
        for batch in 1...3 {
            xml += "<batch xmlns:y=\"urn:y\">\n"
            for number in 1...2_000 { xml += "<c id=\"\(batch)-\(number)\"><x:status>open</x:status><y:note>\(number)</y:note></c>\n" }
            xml += "</batch>\n"
        }
        xml += "</log>\n"
        var seen: [String] = []
        _ = try XMLRecordStream.forEachRecord(in: Data(xml.utf8), file: "big.xml", at: ["log", "batch", "c"], concurrently: true) { record, _ in
            let environment = XPathEnvironment(asOf: XPathEnvironment.auditDay.asOf, namespaces: ["x": "urn:x", "y": "urn:y"])
            let context = XPathContext(document: record.document, environment: environment)
            seen.append((try? context.evaluate("concat(@id, ':', x:status, ':', y:note)", at: record).string) ?? "error")
        }
        #expect(seen.count == 6_000)
        #expect(seen.first == "1-1:open:1")
        #expect(seen.last == "3-2000:open:2000")
        #expect(seen == (1...3).flatMap { batch in (1...2_000).map { "\(batch)-\($0):open:\($0)" } })
    }
}
