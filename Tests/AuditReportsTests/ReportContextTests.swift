import AuditReports
import Testing

@Suite("Report context")
struct ReportContextTests {
    @Test("lists show at least one entry before they are cut, 25 unless told otherwise", arguments: [(0, 1), (-5, 1), (1, 1), (3, 3)])
    func listLimit(asked: Int, used: Int) {
        #expect(ReportContext(generatedAt: ReportTimestamp(secondsSinceEpoch: 0), listLimit: asked).listLimit == used)
    }

    @Test("by default files are cited relative to the evidence folder and rules are described from their findings")
    func defaults() {
        let context = ReportContext(generatedAt: ReportTimestamp(secondsSinceEpoch: 0))
        #expect(context.listLimit == 25)
        #expect(context.evidenceFolder == nil)
        #expect(context.rules.isEmpty)
    }
}
