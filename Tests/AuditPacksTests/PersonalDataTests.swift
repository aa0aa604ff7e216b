import AuditEngine
import AuditEvidence
import AuditModel
import Foundation
import Testing

@testable import AuditPacks

@Suite("Personal data: what the contracts and the register mark")
struct PersonalDataTests {
    @Test("an item's personal fields are its type's, known also by the register's mapped column, plus the register's own marks")
    func fieldsOfItem() {
        let personal = PersonalData(fields: [
            "complaints-log": [EvidenceContract.Field(name: "customer", type: .text, aliases: ["Client"], isPersonal: true)]
        ])
        var item = EvidenceItemInfo(
            id: "CL", type: "complaints-log", file: "log.csv", format: .csv, date: nil, site: nil, owner: nil, sha256: nil, bytes: nil)
        item.personalData = EvidenceItemInfo.PersonalDataHints(columns: ["Mobile"], mappedColumns: ["customer": "Buyer", "status": "State"])
        let fields = personal.fields(of: item)
        #expect(fields.map(\.name) == ["customer", "Mobile"])
        #expect(fields[0].aliases == ["Buyer", "Client"])
        #expect(fields.allSatisfy { $0.isPersonal })
    }

    @Test("a CSV redacted for those fields loses the mapped and the marked column")
    func mappedAndMarkedColumns() throws {
        var item = EvidenceItemInfo(
            id: "CL", type: "complaints-log", file: "log.csv", format: .csv, date: nil, site: nil, owner: nil, sha256: nil, bytes: nil)
        item.personalData = EvidenceItemInfo.PersonalDataHints(columns: ["Mobile"], mappedColumns: ["customer": "Buyer"], delimiter: ";")
        let personal = PersonalData(fields: ["complaints-log": [EvidenceContract.Field(name: "customer", type: .text, isPersonal: true)]])
        let redacted = try EvidenceRedactor(fields: personal.fields(of: item))
            .redact(Data("ID;Buyer;Mobile;Days\nC-1;Ann Lee;07700 900123;4\n".utf8), format: .csv, delimiter: item.personalData.delimiter)
        #expect(String(decoding: redacted.data, as: UTF8.self) == "ID;Buyer;Mobile;Days\nC-1;[redacted];[redacted];4\n")
    }

    @Test("the register's <personal column> is read onto the item")
    func registerMarks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-personal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var register = try String(contentsOf: SamplePack.evidence.appendingPathComponent("evidence-register.xml"), encoding: .utf8)
        let item = #"<item id="CL-2026" type="complaints-log" file="complaints/complaints-log-2026.csv" format="csv""#
        let start = try #require(register.range(of: item))
        let end = try #require(register.range(of: "</item>", range: start.upperBound..<register.endIndex))
        register.replaceSubrange(end, with: "<personal column=\"Mobile\"/><map field=\"customer\" column=\"Customer\"/></item>")
        try register.write(to: folder.appendingPathComponent("evidence-register.xml"), atomically: true, encoding: .utf8)
        let resources = ResourceLocator(home: SamplePack.repository)
        let loaded = try EvidenceRegisterLoader(schema: resources.registerSchema).load(from: EvidenceFolder(root: folder))
        let complaints = try #require(loaded.items.first { $0.id == "CL-2026" })
        #expect(complaints.personalColumns == ["Mobile"])
        #expect(loaded.items.filter { $0.id != "CL-2026" }.allSatisfy { $0.personalColumns.isEmpty })
    }
}
