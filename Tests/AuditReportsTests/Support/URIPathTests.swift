import Testing

@testable import AuditReports

@Suite("File paths as URIs")
struct URIPathTests {
    @Test("unreserved characters and slashes stay; everything else is percent-encoded as UTF-8", arguments: [
        ("complaints/log-2026_v1.0~x.csv", "complaints/log-2026_v1.0~x.csv"),
        ("orgs/acme & sons/log <2026>.csv", "orgs/acme%20%26%20sons/log%20%3C2026%3E.csv"),
        ("a:b#c?d%e", "a%3Ab%23c%3Fd%25e"),
        ("Zürich/ß.csv", "Z%C3%BCrich/%C3%9F.csv"),
        ("tab\there", "tab%09here"),
    ])
    func encode(path: String, encoded: String) {
        #expect(URIPath.encode(path) == encoded)
    }

    @Test("an absolute path becomes a file URI; a relative path stays relative")
    func reference() {
        #expect(URIPath.reference("/srv/evidence/log 1.csv") == "file:///srv/evidence/log%201.csv")
        #expect(URIPath.reference("evidence/log 1.csv") == "evidence/log%201.csv")
    }
}
