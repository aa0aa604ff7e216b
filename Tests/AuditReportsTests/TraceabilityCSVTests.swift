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
        #expect(text.hasSuffix("\r\n"))
        #expect(text.components(separatedBy: "\r\n").count - 1 == table.count, "every record ends with CRLF")
        let row = try #require(table.first { $0[4] == "ISO9001-8.2.1-01" })
        #expect(row[1] == "8.2.1")
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
        #expect(table.contains { $0[1] == "8.5.3" && $0[4].isEmpty && $0[12] == "No rule in the ruleset tests this clause." })
        let waived = try #require(table.first { $0[4] == "E-5" })
        #expect(waived[11] == "waived")
        #expect(waived[12] == "'" + input.run.results[4].statement)
        let failing = try #require(table.first { $0[4] == "E-1" })
        #expect(failing[12] == input.run.results[0].statement)
        #expect(failing[7] == "CL&1")
        for row in table.dropFirst() {
            for cell in row {
                #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "cell \(cell) could run as a formula")
            }
        }
    }
}
