import AuditModel
import Testing

@Suite("Evidence register")
struct EvidenceRegisterTests {
    func item(_ id: String, _ type: String) -> EvidenceItem {
        EvidenceItem(
            id: id, type: type, file: "\(id).xml", format: .xml, date: nil, periodStart: nil, periodEnd: nil, owner: nil, process: nil, site: nil,
            title: nil, delimiter: nil, location: SourceLocation(file: "evidence-register.xml"))
    }

    @Test("items of one type are listed in register order")
    func itemsOfType() {
        let register = EvidenceRegister(
            organization: "Northwind", file: "evidence-register.xml",
            items: [item("S-2", "survey"), item("CL", "complaints-log"), item("S-1", "survey"), item("MR", "management-review")])
        #expect(register.items(ofType: "survey").map(\.id) == ["S-2", "S-1"])
        #expect(register.items(ofType: "complaints-log").map(\.id) == ["CL"])
    }

    @Test("types are matched exactly: another spelling or case finds nothing")
    func exactTypes() {
        let register = EvidenceRegister(organization: "Northwind", file: "evidence-register.xml", items: [item("S-1", "survey")])
        #expect(register.items(ofType: "Survey").isEmpty)
        #expect(register.items(ofType: "surveys").isEmpty)
        #expect(EvidenceRegister(organization: "Empty", file: "r.xml", items: []).items(ofType: "survey").isEmpty)
    }
}
