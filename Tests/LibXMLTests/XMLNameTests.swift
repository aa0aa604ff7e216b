import Foundation
import LibXML
import Testing

@Suite("XMLName")
struct XMLNameTests {
    @Test(
        "the doc comment's examples hold",
        arguments: [("Date received", "date-received"), ("NPS (0-10)", "nps-0-10"), ("2nd", "_2nd")])
    func documentedExamples(label: String, name: String) {
        #expect(XMLName.sanitized(label) == name)
    }

    @Test(
        "labels become lower-case names, runs of other characters one hyphen",
        arguments: [
            ("Score", "score"), ("Customer  Effort / Score", "customer-effort-score"), ("  padded  ", "padded"),
            ("e-mail", "e-mail"), ("first_name", "first_name"), ("v1.2", "v1.2"), ("Zürich Site", "zürich-site"),
            ("ÄÖÜ", "äöü"), ("Score %", "score"), ("a--b", "a--b"), ("Q1/Q2", "q1-q2"), ("日付", "日付"),
            ("CSAT 😀 score", "csat-score"), ("tab\there", "tab-here"),
        ])
    func sanitizes(label: String, name: String) {
        #expect(XMLName.sanitized(label) == name)
    }

    @Test(
        "names that would not start with a letter or underscore get an underscore",
        arguments: [("2nd", "_2nd"), ("-x", "_-x"), (".hidden", "_.hidden"), ("10 %", "_10"), ("_ok", "_ok")])
    func leadingCharacter(label: String, name: String) {
        #expect(XMLName.sanitized(label) == name)
    }

    @Test(
        "names starting with xml, reserved by XML, get an underscore",
        arguments: [("xml", "_xml"), ("XML id", "_xml-id"), ("xmlns", "_xmlns"), ("Xml_Data", "_xml_data")])
    func reservedPrefix(label: String, name: String) {
        #expect(XMLName.sanitized(label) == name)
    }

    @Test("a label without any name character becomes a lone underscore", arguments: ["", " ", "%$#", "😀", "()"])
    func nothingLeft(label: String) {
        #expect(XMLName.sanitized(label) == "_")
    }

    @Test("every sanitized name is a name the XML parser accepts")
    func parserAcceptsResults() throws {
        let labels = [
            "Date received", "NPS (0-10)", "2nd", "", "xml", "-x", ".x", "Zürich", "日付", "%", "a.b-c_d", "İstanbul",
            "ﬁle", "ǅungla",
        ]
        for label in labels {
            let name = XMLName.sanitized(label)
            let document = try XMLDocument.parse("<\(name)>v</\(name)>", file: "\(label).xml")
            #expect(document.root?.localName == name, "\(label) → \(name)")
        }
    }

    @Test("sanitizing is idempotent")
    func idempotent() {
        for label in ["Date received", "NPS (0-10)", "2nd", "xml", "", "Zürich Site"] {
            let once = XMLName.sanitized(label)
            #expect(XMLName.sanitized(once) == once)
        }
    }
}
