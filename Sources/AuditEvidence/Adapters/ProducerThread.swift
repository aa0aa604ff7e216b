import Foundation

/// Runs a producer on a thread of its own and hands what it yields to the calling thread
/// in batches: for a read whose parsing and whose use each take about half the time, as a
/// CSV file's fields parsed on one core while its records are laid and checked on another.
///
/// At most `maxBatches` batches wait, so memory follows the batch, not the file. The
/// producer touches nothing of the consumer's: it yields values, which cross in batches
/// under the lock.
final class ProducerThread<Element: Sendable, Failure: Error>: @unchecked Sendable {
    private static var batchSize: Int { 256 }
    private static var maxBatches: Int { 8 }

    private let condition = NSCondition()
    // Shared, under `condition`.
    private var waiting: [[Element]] = []
    private var producerEnded = false
    private var consumerEnded = false
    private var failure: Failure?
    // The consumer's alone.
    private var current: [Element] = []
    private var position = 0

    /// Starts `produce` on a new thread; it calls `yield` with each element in order, and
    /// stops when `yield` returns false (the consumer has finished early).
    init(name: String, _ produce: @escaping @Sendable (_ yield: (Element) -> Bool) throws(Failure) -> Void) {
        let thread = Thread { [self] in run(produce) }
        thread.name = name
        thread.start()
    }

    /// The next element, in the order produced; nil once the producer has ended.
    ///
    /// - Throws: What the producer threw, once every element it yielded before is taken.
    func next() throws(Failure) -> Element? {
        if position == current.count {
            condition.lock()
            while waiting.isEmpty && !producerEnded { condition.wait() }
            guard !waiting.isEmpty else {
                let failure = self.failure
                condition.unlock()
                if let failure { throw failure }
                return nil
            }
            current = waiting.removeFirst()
            position = 0
            condition.broadcast()
            condition.unlock()
        }
        defer { position += 1 }
        return current[position]
    }

    /// Tells the producer to stop, if it has not ended, and waits until it has: call it
    /// once done with the elements, whether they were all taken or not.
    func finish() {
        condition.lock()
        consumerEnded = true
        waiting = []
        condition.broadcast()
        while !producerEnded { condition.wait() }
        condition.unlock()
    }

    private func run(_ produce: (_ yield: (Element) -> Bool) throws(Failure) -> Void) {
        var batch: [Element] = []
        batch.reserveCapacity(Self.batchSize)
        /// Hands the batch over, waiting for room; false once the consumer has ended.
        func send() -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while waiting.count >= Self.maxBatches && !consumerEnded { condition.wait() }
            guard !consumerEnded else { return false }
            waiting.append(batch)
            condition.broadcast()
            batch.removeAll(keepingCapacity: false)
            batch.reserveCapacity(Self.batchSize)
            return true
        }
        var caught: Failure?
        var open = true
        do throws(Failure) {
            try produce { element in
                // A producer that goes on after the consumer has ended keeps nothing.
                guard open else { return false }
                batch.append(element)
                if batch.count == Self.batchSize { open = send() }
                return open
            }
        } catch {
            caught = error
        }
        // What was yielded before an error is handed over before the error.
        if open && !batch.isEmpty { _ = send() }
        condition.lock()
        failure = caught
        producerEnded = true
        condition.broadcast()
        condition.unlock()
    }
}
