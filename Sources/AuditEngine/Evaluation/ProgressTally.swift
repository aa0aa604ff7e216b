import Foundation

/// Adds up the progress of evidence items read in parallel into the run's `AuditProgress`
/// and passes each new state on, one at a time and in order, so a display never goes back.
///
/// A pthread mutex (`NSLock`) rather than `Synchronization.Mutex`, whose futex
/// ThreadSanitizer cannot see.
final class ProgressTally: @unchecked Sendable {
    private let lock = NSLock()
    private let report: @Sendable (AuditProgress) -> Void
    private let sizes: [Int]
    private var parsed: [Int]
    private var progress: AuditProgress

    /// - Parameter sizes: Each item's file size in bytes, by its position in the run (0 when unknown).
    init(sizes: [Int], report: @escaping @Sendable (AuditProgress) -> Void) {
        self.sizes = sizes
        self.report = report
        parsed = Array(repeating: 0, count: sizes.count)
        progress = AuditProgress(itemsDone: 0, itemsTotal: sizes.count, bytesDone: 0, bytesTotal: sizes.reduce(0, +))
    }

    /// Item `index` has been read and parsed up to `bytes` (no further than its size).
    func parsed(_ bytes: Int, of index: Int) {
        lock.lock()
        defer { lock.unlock() }
        let clamped = min(max(bytes, 0), sizes[index])
        guard clamped > parsed[index] else { return }
        progress.bytesDone += clamped - parsed[index]
        parsed[index] = clamped
        report(progress)
    }

    /// Item `index` is done, whether it was read whole or could not be read.
    func finished(_ index: Int) {
        lock.lock()
        defer { lock.unlock() }
        progress.bytesDone += sizes[index] - parsed[index]
        parsed[index] = sizes[index]
        progress.itemsDone += 1
        report(progress)
    }
}
