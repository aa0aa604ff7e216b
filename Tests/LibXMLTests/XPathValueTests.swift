import Foundation
import LibXML
import Testing

@Suite("XPathValue")
struct XPathValueTests {
    @Test("string(), number() and boolean() follow XPath 1.0 for atomic values")
    func atomicConversions() {
        #expect(XPathValue.string("12").number == 12)
        #expect(XPathValue.string("").boolean == false)
        #expect(XPathValue.string("false").boolean == true)
        #expect(XPathValue.number(0).boolean == false)
        #expect(XPathValue.number(.nan).boolean == false)
        #expect(XPathValue.number(-2).boolean == true)
        #expect(XPathValue.boolean(true).number == 1)
        #expect(XPathValue.boolean(false).string == "false")
        #expect(XPathValue.number(2.5).string == "2.5")
        #expect(XPathValue.string("x").nodes.isEmpty)
    }

    @Test("a node set converts through its first node")
    func nodeSetConversions() throws {
        let document = try XMLDocument.parse("<r><v> 7 </v><v>8</v></r>")
        let value = try XPathContext(document: document, environment: .auditDay).evaluate("//v")
        #expect(value.nodes.count == 2)
        #expect(value.string == " 7 ")
        #expect(value.number == 7)
        #expect(value.boolean == true)
        #expect(XPathValue.nodes([]).string == "")
        #expect(XPathValue.nodes([]).number.isNaN)
        #expect(XPathValue.nodes([]).boolean == false)
    }

    @Test(
        "numbers print as people read measurements",
        arguments: [
            (0.0, "0"), (-0.0, "0"), (42, "42"), (-3, "-3"), (2.5, "2.5"), (2.25, "2.25"), (2.345678, "2.35"),
            (0.1 + 0.2, "0.3"), (-0.004, "0"), (-1.256, "-1.26"), (66.666666, "66.67"), (0.05, "0.05"),
            (1e15, "1000000000000000"), (123_456_789_012.25, "123456789012.25"),
            (.nan, "NaN"), (.infinity, "Infinity"), (-.infinity, "-Infinity"),
        ])
    func format(value: Double, text: String) {
        #expect(XPathValue.format(value) == text)
    }

    @Test("huge numbers print without crashing", arguments: [1e17, 1e18, 1e20, -1e20, 9.3e18, 1.7e308, -Double.greatestFiniteMagnitude])
    func formatHuge(value: Double) {
        let text = XPathValue.format(value)
        #expect(!text.isEmpty)
        #expect(Double(text) == value)
    }

    @Test(
        "number() of text accepts optional white space, minus sign and fraction only",
        arguments: [
            ("42", 42.0), (" 42 ", 42), ("\t-3.5\n", -3.5), (".5", 0.5), ("5.", 5), ("-.25", -0.25), ("007", 7),
            ("\r\n12\r\n", 12),
        ])
    func parsesNumbers(text: String, value: Double) {
        #expect(XPathValue.parseNumber(text) == value)
    }

    @Test(
        "number() of anything else is NaN",
        arguments: ["", " ", "-", ".", "+1", "1e3", "1,5", "1.2.3", "--1", "1-", "abc", "٣", "0x1F", "inf", "NaN", "1 2"])
    func rejectsNonNumbers(text: String) {
        #expect(XPathValue.parseNumber(text).isNaN)
    }
}
