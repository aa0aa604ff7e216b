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
