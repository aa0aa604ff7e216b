import AuditEngine
import Foundation
import Testing

@Suite("Sites files")
struct SitesFileTests {
    static let folder = fixturesFolder.appendingPathComponent("sites")

    static func error(_ text: String) -> SitesFileError? {
        do {
            _ = try SitesFile.parse(text, file: "sites.csv")
            return nil
        } catch {
            return error
        }
    }

    @Test("a sites file gives its sites, with the central function, names and lines")
    func reads() throws {
        // BOM, CRLF, header in any case and with spaces, a quoted comma, a blank line and a quoted line break.
        let sites = try SitesFile.read(Self.folder.appendingPathComponent("valid.csv"), displayName: "valid.csv")
        #expect(sites.map(\.id) == ["HQ", "YRK", "BRS"])
        #expect(sites.map(\.isCentral) == [true, false, false])
        #expect(sites.first?.name == "Head office, Leeds")
        #expect(sites.map(\.line) == [2, 4, 6])
    }

    @Test("only the site column is required")
    func siteOnly() throws {
        let sites = try SitesFile.parse("site\nA\nB\n", file: "sites.csv")
        #expect(sites == [Site(id: "A", line: 2), Site(id: "B", line: 3)])
    }

    @Test("a site listed twice names both lines")
    func duplicate() throws {
        let error = try #require(throws: SitesFileError.self) {
            try SitesFile.read(Self.folder.appendingPathComponent("duplicate-site.csv"), displayName: "duplicate-site.csv")
        }
        #expect(error == .duplicateSite(file: "duplicate-site.csv", line: 5, site: "LDS", firstLine: 3))
        #expect(
            error.errorDescription
                == "duplicate-site.csv:5: error: site 'LDS' is already listed on line 3; site ids must be unique. Delete or rename one of them.")
    }

    @Test("each mistake is named with its line and what to change")
    func mistakes() {
        #expect(Self.error("site,name\n,Leeds\n") == .emptySiteId(file: "sites.csv", line: 2))
        #expect(Self.error("site,central\nA,maybe\n") == .invalidCentral(file: "sites.csv", line: 2, value: "maybe"))
        #expect(
            Self.error("site,central\nA,yes\nB,no\nC,true\n") == .secondCentral(file: "sites.csv", line: 4, site: "C", central: "A", centralLine: 2))
        #expect(Self.error("site,region\nA,north\n") == .unknownColumn(file: "sites.csv", line: 1, column: "region"))
        #expect(Self.error("site,Site\nA,B\n") == .duplicateColumn(file: "sites.csv", line: 1, column: "Site"))
        #expect(Self.error("name,central\nLeeds,no\n") == .missingSiteColumn(file: "sites.csv", line: 1))
        #expect(Self.error("site,name\nA,Leeds,extra\n") == .fieldCount(file: "sites.csv", line: 2, found: 3, expected: 2))
        #expect(Self.error("site,name,central\n\n") == .noSites(file: "sites.csv"))
        #expect(Self.error("") == .noHeader(file: "sites.csv"))
        #expect(Self.error("\n\n") == .noHeader(file: "sites.csv"))
        #expect(
            Self.error("site,central\nA,maybe\n")?.errorDescription
                == "sites.csv:2: error: central is 'maybe'; write yes, no, true or false, or leave it empty (no).")
        #expect(Self.error("site\n\"A\nB\",x\n\nC\n") == .fieldCount(file: "sites.csv", line: 2, found: 2, expected: 1))
    }

    @Test("a missing file is named, with the reason")
    func missing() {
        let error = #expect(throws: SitesFileError.self) {
            try SitesFile.read(Self.folder.appendingPathComponent("no-such.csv"), displayName: "no-such.csv")
        }
        #expect(error == .unreadable(file: "no-such.csv", reason: "no such file"))
    }
}
