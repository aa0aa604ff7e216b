import Foundation
import Testing

@testable import AuditEvidence

@Suite("Producer thread")
struct ProducerThreadTests {
    struct Stop: Error, Equatable {
        let after: Int
    }

    @Test("every element crosses in the order produced, over many batches")
    func order() throws {
        let producer = ProducerThread<Int, Never>(name: "test") { yield in
            for number in 0..<10_000 where !yield(number) { return }
        }
        defer { producer.finish() }
        var taken: [Int] = []
        while let number = producer.next() { taken.append(number) }
        #expect(taken == Array(0..<10_000))
        #expect(producer.next() == nil)
    }

    @Test("the producer's error comes once every element yielded before it is taken")
    func failure() throws {
        let producer = ProducerThread<Int, Stop>(name: "test") { yield throws(Stop) in
            for number in 0..<1_000 { _ = yield(number) }
            throw Stop(after: 1_000)
        }
        defer { producer.finish() }
        var taken = 0
        let error = #expect(throws: Stop.self) {
            while try producer.next() != nil { taken += 1 }
        }
        #expect(error == Stop(after: 1_000))
        #expect(taken == 1_000)
    }

    @Test("finishing early stops a producer that would never end, and waits for it")
    func finishEarly() {
        let stopped = Stopped()
        let producer = ProducerThread<Int, Never>(name: "test") { yield in
            var number = 0
            while yield(number) { number += 1 }
            stopped.mark()
        }
        #expect(producer.next() == 0)
        #expect(producer.next() == 1)
        producer.finish()
        #expect(stopped.isMarked)
    }

    /// Set by the producer's thread, read by the test's once `finish()` has waited for it.
    final class Stopped: @unchecked Sendable {
        private let lock = NSLock()
        private var marked = false
        func mark() { lock.withLock { marked = true } }
        var isMarked: Bool { lock.withLock { marked } }
    }
}
