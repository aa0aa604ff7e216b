import Foundation
import LibXML
import CalendarDates
import Testing

@Test func scratch() throws {
    func show(_ name: String, _ text: String) {
        do {
            let d = try XMLDocument.parse(data: Data(text.utf8), file: name)
            print("OK", name, d.root?.localName ?? "-")
        } catch {
            print("ERR", name, error, "\n   DESC:", error.errorDescription ?? "")
        }
    }
    show("xxe.xml", "<?xml version=\"1.0\"?>\n<!-- x -->\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>")
    show("dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"file:///etc/passwd\">\n<r/>")
    show("trunc.xml", "<r>\n<a>\n<b>text")
    show("utf8.xml", "<r>\n<a>ok</a>\n<a>\u{FF}</a></r>")
    var bad = Data("<r>\n<a>".utf8); bad.append(contentsOf: [0xC3, 0x28, 0xFF]); bad.append(Data("</a></r>".utf8))
    do { _ = try XMLDocument.parse(data: bad, file: "bad.xml") } catch { print("ERR bad", error) }
    var garbage = Data(); for i in 0..<512 { garbage.append(UInt8((i * 7919 + 13) % 256)) }
    do { _ = try XMLDocument.parse(data: garbage, file: "garbage.bin") } catch { print("ERR garbage", error) }
    let deep = (0..<300).map { _ in "<a>\n" }.joined() + (0..<300).map { _ in "</a>" }.joined()
    show("deep.xml", deep)
    show("undef.xml", "<r>&nbsp;</r>")
    show("ns.xml", "<r><a:b/></r>")
    var big = "<r>\n"
    for i in 2..<70000 { big += "<x n=\"\(i)\">v</x>\n" }
    big += "<y/>\n<z>t</z>\n</r>"
    let doc = try XMLDocument.parse(data: Data(big.utf8), file: "big.xml")
    let ctx = XPathContext(document: doc, environment: XPathEnvironment(asOf: CalendarDate(year: 2026, month: 3, day: 31)!))
    for e in ["/r/x[@n='66000']", "/r/y", "/r/z", "/r/x[@n='66000']/@n", "/r/x[@n='100']"] {
        print(e, try ctx.evaluate(e).nodes.map(\.line))
    }
    show("bigerr.xml", big.replacingOccurrences(of: "<z>t</z>", with: "<z>t</zz>"))
    let e2 = XPathContext(document: doc, environment: XPathEnvironment(asOf: CalendarDate(year: 2026, month: 3, day: 31)!, operationLimit: 100))
    for x in ["$undefined", "foo(1)", "cx:round(1)", "cx:period('2026-01-01', 'week')", "cx:matches('a', '(')", "count(//x)", "1 +", "ends-with('a','a')", "escape-uri('a b', true())", "cx:nope()", "zz:f()"] {
        do { print(x, try e2.evaluate(x)) } catch { print(x, "ERR", error) }
    }
}
