import Testing

@testable import AuditReports

@Suite("Name-based UUIDs")
struct NameBasedUUIDTests {
    // Computed independently with Python: uuid.uuid5(uuid.UUID("3f1c9a5e-7b2d-4e8a-9c61-0d4b5e7f2a18"), name).
    @Test("a name gives the RFC 9562 version 5 UUID in cxaudit's namespace", arguments: [
        ("finding-observation\n0a1b2c3d4e5f60718293a4b5c6d7e8f9", "d65fe97d-2847-5142-a80e-af94a822d77a"),
        ("", "d4038fb2-b29d-511a-a3e8-1f297a9b3cc4"),
        ("Zürich", "365224d2-8327-548d-b88a-3f9d7fcec25e"),
    ])
    func version5(name: String, uuid: String) {
        #expect(NameBasedUUID.make(name) == uuid)
    }

    @Test("the namespace is cxaudit's fixed one: changing it would change every OSCAL UUID")
    func namespace() {
        let hex = NameBasedUUID.namespace.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(hex == "3f1c9a5e7b2d4e8a9c610d4b5e7f2a18")
    }

    @Test("every UUID is lower-case 8-4-4-4-12 with version 5 and the RFC variant")
    func shape() {
        let pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        for name in ["a", "b", "rule E-1", String(repeating: "x", count: 1000)] {
            #expect(NameBasedUUID.make(name).wholeMatch(of: pattern) != nil, "\(name.prefix(10))")
        }
        #expect(NameBasedUUID.make("a") != NameBasedUUID.make("b"))
    }
}
