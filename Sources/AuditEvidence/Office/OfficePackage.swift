import AuditModel
import Foundation
import LibXML
import SafeZip

/// An Office Open XML or OpenDocument file opened for reading: its archive, and its
/// XML parts parsed through the same safe parser as any evidence.
struct OfficePackage {
    private var archive: SafeArchive
    let item: EvidenceItem
    /// Bytes of the XML parts parsed so far, expanded, each part once however often it is
    /// read: the input a view is built from, against which its size is weighed (`ViewMemoryBudget`).
    private(set) var bytesParsed = 0
    private var partsParsed: Set<String> = []

    /// Relationship types that only name a destination (a web link) and are never fetched.
    private static let harmlessExternalTypes: Set<String> = [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/hyperlink",
    ]

    init(data: Data, item: EvidenceItem) throws(EvidenceError) {
        self.item = item
        guard !data.isEmpty else {
            throw TextDecoding.invalid(item, "the file is empty (0 bytes); office files are ZIP archives: save it again from its application")
        }
        do {
            archive = try SafeArchive(data: data)
        } catch {
            let advice = error.reason == .notAnArchive ? "; office files are ZIP archives: re-save the file" : ""
            throw TextDecoding.invalid(item, error.message + advice)
        }
    }

    func contains(_ path: String) -> Bool {
        archive.contains(path)
    }

    /// The bytes of one part, counted as parsed; a missing part is an error naming it.
    mutating func bytes(_ path: String) throws(EvidenceError) -> Data {
        let data = try reading { archive throws(SafeArchive.Refusal) in try archive.read(path) }
        if partsParsed.insert(path).inserted { bytesParsed += data.count }
        return data
    }

    /// One part's bytes as they are inflated, counted as parsed at the size the part
    /// declares (which it cannot outgrow); a missing part is an error naming it.
    mutating func stream(_ path: String) throws(EvidenceError) -> SafeArchive.EntryStream {
        let stream = try reading { archive throws(SafeArchive.Refusal) in try archive.stream(path) }
        if partsParsed.insert(path).inserted { bytesParsed += stream.declaredSize }
        return stream
    }

    /// Whether part `path` holds the ASCII `word` (does a sheet merge cells?), read as it is
    /// inflated and not kept: a question about a large part that needs no parse. Not
    /// counted as parsed; a missing part is an error naming it.
    mutating func part(_ path: String, contains word: String) throws(EvidenceError) -> Bool {
        try reading { archive throws(SafeArchive.Refusal) in
            var search = WordSearch(word)
            let stream = try archive.stream(path)
            while !search.found, let chunk = try stream.next() { search.scan(chunk) }
            return search.found
        }
    }

    /// Runs `body` on the archive; a part it refuses is an error about the item, in the archive's words.
    private mutating func reading<Result>(_ body: (inout SafeArchive) throws(SafeArchive.Refusal) -> Result) throws(EvidenceError) -> Result {
        do {
            return try body(&archive)
        } catch {
            throw Self.invalid(item, error)
        }
    }

    private static func invalid(_ item: EvidenceItem, _ refusal: SafeArchive.Refusal) -> EvidenceError {
        TextDecoding.invalid(item, refusal.message)
    }

    /// Looks for an ASCII word in bytes that come in chunks, where the word may be cut in two.
    struct WordSearch {
        private let word: [UInt8]
        /// The end of the last chunk, searched again with the next.
        private var carried = Data()
        private(set) var found = false

        init(_ word: String) {
            self.word = Array(word.utf8)
        }

        mutating func scan(_ chunk: Data) {
            guard !found else { return }
            let window = carried + chunk
            found = Self.bytes(window, contain: word)
            carried = window.suffix(word.count - 1)
        }

        /// Whether `data` holds `word`. Read through a `Span`: 47 MB of sheet in about half
        /// the time `Data.range(of:)` takes.
        private static func bytes(_ data: Data, contain word: [UInt8]) -> Bool {
            let bytes = data.span
            var start = 0
            while start + word.count <= bytes.count {
                if bytes[start] == word[0] {
                    var matched = 1
                    while matched < word.count, bytes[start + matched] == word[matched] { matched += 1 }
                    if matched == word.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    /// Parses one XML part; a missing part is an error naming it.
    mutating func xml(_ path: String) throws(EvidenceError) -> XMLDocument {
        let data = try bytes(path)
        do {
            return try XMLDocument.parse(data: data, file: "\(item.file)!\(path)")
        } catch {
            throw .malformed(item: item.id, path: item.file, diagnostics: Diagnostic.from(error))
        }
    }

    /// Calls `body` with each element at `elements` (names in `namespace`, from the root
    /// down) of the XML part `path` as `part` inflates it, one at a time, through the same
    /// safe parse as `xml(_:)`: a large sheet's rows without the sheet's tree, and without
    /// its XML ever whole in memory. It needs no package, so it can run on a thread of its
    /// own. A part that fails its checks while it is inflated is refused as `bytes(_:)`
    /// refuses it, whatever the parse made of it.
    ///
    /// - Parameter eachChunk: Shown every chunk of the part before it is parsed (a search
    ///   for what follows the elements, such as a sheet's merged cells).
    static func forEachElement(
        of part: SafeArchive.EntryStream, part path: String, in item: EvidenceItem, at elements: [String], namespace: String,
        eachChunk: ((Data) -> Void)? = nil, _ body: (XMLNode) -> Void
    ) throws(EvidenceError) {
        var refusal: SafeArchive.Refusal?
        func next() -> Data? {
            do throws(SafeArchive.Refusal) {
                let chunk = try part.next()
                if let chunk { eachChunk?(chunk) }
                return chunk
            } catch {
                refusal = error
                return nil
            }
        }
        var parseError: XMLError?
        do throws(XMLError) {
            _ = try XMLRecordStream.forEachRecord(chunks: next, file: "\(item.file)!\(path)", at: elements, namespace: namespace) { node, _ in
                body(node)
            }
        } catch {
            parseError = error
        }
        if let refusal { throw invalid(item, refusal) }
        if let parseError { throw .malformed(item: item.id, path: item.file, diagnostics: Diagnostic.from(parseError)) }
    }

    /// Refuses Office Open XML relationships that point outside the file (external
    /// workbooks, remote templates, linked images): cxaudit never follows them, and a
    /// document that depends on them is not self-contained evidence. Hyperlinks are fine.
    mutating func refuseExternalRelationships() throws(EvidenceError) {
        for path in archive.paths where path.hasSuffix(".rels") {
            let relationships = try xml(path)
            for relationship in relationships.root?.childElements ?? []
            where relationship.attribute("TargetMode") == "External"
                && !Self.harmlessExternalTypes.contains(relationship.attribute("Type") ?? "")
            {
                let type = (relationship.attribute("Type") ?? "").split(separator: "/").last.map(String.init) ?? "unknown"
                throw TextDecoding.invalid(
                    item,
                    "part \(path) links to an external \(type) (\(relationship.attribute("Target") ?? "")); external relationships are refused. Embed the content or break the link, then save again")
            }
        }
    }
}

/// Namespaces of the office formats.
enum OfficeNamespace {
    static let spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let wordprocessing = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let odfOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let odfTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let odfText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
}
