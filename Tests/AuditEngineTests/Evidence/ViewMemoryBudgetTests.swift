import Testing

@testable import AuditEvidence

@Suite("The memory budget of an evidence file's view")
struct ViewMemoryBudgetTests {
    static func budget(gigabytes: Int) -> ViewMemoryBudget {
        ViewMemoryBudget(memory: ProcessMemory(bytes: gigabytes << 30, source: .physical))
    }

    /// Issue #19: `generate_sample.py --org northwind --scale 1000` writes a complaints log of
    /// 75,737,826 bytes and 4,800,016 fields, which the fixed 2,000,000-field limit refused.
    @Test("a 75 MB complaints log of 4.8 million fields fits a machine of 4 GB, and grows with the machine")
    func growsWithFileAndMachine() {
        let log = Self.budget(gigabytes: 4).allowance(.csvField, inputBytes: 75_737_826)
        #expect(log.units >= 4_800_016)
        #expect(Self.budget(gigabytes: 64).allowance(.csvField, inputBytes: 760_076_685).units >= 48_000_151)
        #expect(Self.budget(gigabytes: 8).allowance(.csvField, inputBytes: 760_076_685).bound == .memory)
    }

    @Test("the view may take half of the memory")
    func half() {
        let budget = Self.budget(gigabytes: 2)
        #expect(budget.bytes == 1 << 30)
        let allowance = budget.allowance(.csvField, inputBytes: 750_000_000)
        #expect(allowance.units == (1 << 30) / ViewMemoryBudget.Unit.csvField.bytesInView)
        #expect(allowance.bound == .memory)
        #expect(
            allowance.reason == ": its XML view would take more than 1.1 GB (about 360 bytes for each), half of the machine's 2.1 GB")
        #expect(allowance.advice == "Split the file (e.g. by period), or give cxaudit more memory (CXAUDIT_MEMORY, see docs/evidence.md)")
    }

    @Test("a view built record by record and never held whole is bounded by density only")
    func streamed() {
        let allowance = Self.budget(gigabytes: 2).allowance(.csvField, inputBytes: 750_000_000, streamed: true)
        #expect(allowance.bound == .density)
        #expect(allowance.units == 750_000_000 / 4)
        #expect(Self.budget(gigabytes: 2).allowance(.csvField, inputBytes: 2_100_014, streamed: true).units == 2_000_000)
    }

    @Test("a small file of millions of empty fields is refused however much memory there is")
    func density() {
        let allowance = Self.budget(gigabytes: 1024).allowance(.csvField, inputBytes: 2_100_014)
        #expect(allowance.units == 2_000_000)
        #expect(allowance.bound == .density)
        #expect(
            allowance.reason
                == " in only 2.1 MB (more than one in every 4 bytes, far denser than real exports), so its XML view would take hundreds of times the file's size")
        #expect(allowance.advice == "Check that the file is the export it should be, or split it (e.g. by period)")
        // Past the floor, a file may have a field for every 4 bytes.
        #expect(Self.budget(gigabytes: 1024).allowance(.csvField, inputBytes: 40_000_000).units == 10_000_000)
    }

    @Test("JSON values, spreadsheet cells and shared strings are bounded the same way, each at its own measured cost")
    func otherUnits() {
        let budget = Self.budget(gigabytes: 16)
        #expect(budget.allowance(.jsonValue, inputBytes: 0).units == 1_000_000)
        #expect(budget.allowance(.spreadsheetCell, inputBytes: 0).units == 2_000_000)
        #expect(budget.allowance(.sharedString, inputBytes: 0).units == 2_000_000)
        #expect(budget.allowance(.jsonValue, inputBytes: 166_731_089).units >= 5_100_001, "300,000 records as a JSON export")
        let small = Self.budget(gigabytes: 1)
        #expect(small.allowance(.jsonValue, inputBytes: 0).units == (1 << 29) / ViewMemoryBudget.Unit.jsonValue.bytesInView)
    }
}
