import AuditModel
import AuditReports
import Foundation
import Testing

@Suite("Traceability matrix CSV")
struct TraceabilityCSVTests {
    @Test("one row per result, every column filled as the header says, CRLF line ends")
    func completeMatrix() throws {
        let table = try ReportInput.northwind.csv(.csv)
        #expect(table.first == TraceabilityCSV.columns)
        #expect(table.count == NorthwindFixture.run.results.count + 1)
        #expect(table.allSatisfy { $0.count == TraceabilityCSV.columns.count })
        let text = try ReportInput.northwind.text(.csv)
        #expect(try ReportInput.northwind.rendered(.csv).prefix(3) == Data([0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark")
        #expect(text.hasSuffix("\r\n"))
        #expect(text.components(separatedBy: "\r\n").count - 1 == table.count, "every record ends with CRLF")
        let row = try #require(table.first { $0[4] == "ISO9001-8.2.1-01" })
        #expect(row[1] == "=\"8.2.1\"", "the clause id as a text formula, so a spreadsheet keeps it as text")
        #expect(Self.clauseId(row[1]) == "8.2.1")
        #expect(row[3] == "minor")
        #expect(row[5] == "Every complaint is acknowledged within the target time")
        #expect(row[9] == "complaints/complaints-log-2026.csv")
        #expect(row[11] == "fail")
        #expect(row[15] == "4")
    }

    @Test("the plain dialect is the same matrix for a program: no byte-order mark, clause ids as their text, formulas still neutralised")
    func plainDialect() throws {
        var input = ReportInput.northwind
        let spreadsheet = try input.csv(.csv)
        input.context.csvDialect = .plain
        let data = try input.rendered(.csv)
        #expect(data.prefix(3) != Data([0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: data.prefix(8), as: UTF8.self) == "ruleset,")
        let plain = try input.csv(.csv)
        #expect(plain.count == spreadsheet.count)
        for (plainRow, spreadsheetRow) in zip(plain, spreadsheet).dropFirst() {
            #expect(plainRow[1] == Self.clauseId(spreadsheetRow[1]) ?? "", "\(plainRow[1]) against \(spreadsheetRow[1])")
            #expect(Array(plainRow[2...]) == Array(spreadsheetRow[2...]))
        }

        var hostile = ReportInput.edgeCases
        hostile.context.csvDialect = .plain
        let cells = try hostile.csv(.csv).joined()
        #expect(!cells.contains { $0.hasPrefix("=") || $0.hasPrefix("+") || $0.hasPrefix("@") }, "no cell can run in a spreadsheet")
    }

    @Test("clauses with no rule are rows; formulas are neutralised; quotes and commas survive a spreadsheet import")
    func edgeCases() throws {
        let input = ReportInput.edgeCases
        let table = try input.csv(.csv)
        #expect(table.allSatisfy { $0.count == TraceabilityCSV.columns.count })
        #expect(table.contains { Self.clauseId($0[1]) == "8.5.3" && $0[4].isEmpty && $0[12] == "No rule in the ruleset tests this clause." })
        let waived = try #require(table.first { $0[4] == "E-5" })
        #expect(waived[11] == "waived")
        #expect(waived[12] == "'" + input.run.results[4].statement)
        let failing = try #require(table.first { $0[4] == "E-1" })
        #expect(failing[12] == input.run.results[0].statement)
        #expect(failing[7] == "CL&1")
        for row in table.dropFirst() {
            #expect(Self.clauseId(row[1]) != nil, "clause cell \(row[1]) is not a text formula")
            for cell in row.dropFirst(2) + row.prefix(1) {
                #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "cell \(cell) could run as a formula")
            }
        }
    }

    @Test("waived findings and their waivers, and each finding's baseline state, are columns; a resolved finding is a row")
    func waiversAndBaseline() throws {
        let table = try ReportInput.edgeCases.csv(.csv)
        func cells(_ row: [String]) -> [String: String] {
            Dictionary(zip(TraceabilityCSV.columns, row).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        }
        let failing = cells(try #require(table.first { $0[4] == "E-1" && $0[11] == "fail" }))
        #expect(failing["finding_ids"] == "0a1b2c3d4e5f60718293a4b5c6d7e8f9 1b2c3d4e5f60718293a4b5c6d7e8f90a")
        #expect(failing["waived_finding_ids"] == "1b2c3d4e5f60718293a4b5c6d7e8f90a")
        #expect(failing["waiver_id"] == "W-REC")
        #expect(failing["waiver_approver"] == "Rajesh Iyer & Co")
        #expect(failing["waiver_expires"] == "2027-01-31")
        #expect(failing["waiver_justification"] == "Acknowledged by post <2026-11-02>; the log was not updated | =SUM(A1)")
        #expect(failing["new_finding_ids"] == "1b2c3d4e5f60718293a4b5c6d7e8f90a")
        #expect(failing["unchanged_finding_ids"] == "0a1b2c3d4e5f60718293a4b5c6d7e8f9")
        let waived = cells(try #require(table.first { $0[4] == "E-5" }))
        #expect(waived["waiver_id"] == "W-RULE" && waived["waived_finding_ids"] == "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e")
        let resolved = table.filter { $0[11] == "resolved" }.map(cells)
        #expect(resolved.count == 1)
        #expect(resolved.first?["resolved_finding_ids"] == "9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a")
        #expect(resolved.first?["rule_id"] == "E-1" && resolved.first?["clause"] == #"="8.2.1""# && resolved.first?["evidence_item"] == "CL&1")
        #expect(resolved.first?["findings"] == "0")
    }

    @Test("a clause id stays a string literal whatever it holds: quotes are doubled, nothing can run")
    func hostileClauseId() throws {
        var input = ReportInput.sample()
        let hostile = #"1" & HYPERLINK("http://evil") & ""#
        input.run.clauses[0].number = hostile
        let row = try #require(try input.csv(.csv).first { $0[4] == "R-1" })
        #expect(row[1] == #"="1"" & HYPERLINK(""http://evil"") & """"#)
        #expect(Self.clauseId(row[1]) == hostile)
    }

    /// The id inside a text formula `="…"` (quotes doubled inside), as a machine reader unwraps
    /// it; nil when the cell is anything else, so a formula that could run is never taken for one.
    static func clauseId(_ cell: String) -> String? {
        guard cell.hasPrefix("=\""), cell.hasSuffix("\""), cell.count >= 3 else { return nil }
        let inner = String(cell.dropFirst(2).dropLast())
        guard !inner.replacingOccurrences(of: "\"\"", with: "").contains("\"") else { return nil }
        return inner.replacingOccurrences(of: "\"\"", with: "\"")
    }
}
