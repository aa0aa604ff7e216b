import Testing

@testable import AuditEngine

@Suite("Progress of items read in parallel")
struct ProgressTallyTests {
    @Test("bytes parsed add up across items, no further than each file's size, never going back; a finished item counts whole")
    func tally() {
        let states = ProgressStates()
        let tally = ProgressTally(sizes: [100, 50, 0]) { states.append($0) }
        tally.parsed(40, of: 0)
        tally.parsed(20, of: 1)
        tally.parsed(30, of: 0)
        tally.parsed(500, of: 0)
        tally.finished(1)
        tally.finished(2)
        tally.finished(0)
        #expect(
            states.all == [
                AuditProgress(itemsDone: 0, itemsTotal: 3, bytesDone: 40, bytesTotal: 150),
                AuditProgress(itemsDone: 0, itemsTotal: 3, bytesDone: 60, bytesTotal: 150),
                AuditProgress(itemsDone: 0, itemsTotal: 3, bytesDone: 120, bytesTotal: 150),
                AuditProgress(itemsDone: 1, itemsTotal: 3, bytesDone: 150, bytesTotal: 150),
                AuditProgress(itemsDone: 2, itemsTotal: 3, bytesDone: 150, bytesTotal: 150),
                AuditProgress(itemsDone: 3, itemsTotal: 3, bytesDone: 150, bytesTotal: 150),
            ])
    }
}
