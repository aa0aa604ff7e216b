public import Foundation
import Synchronization

extension SafeArchive {
    /// One entry's bytes, handed out a chunk at a time as they are inflated
    /// (`SafeArchive.stream(_:)`), so that memory follows the chunk, not the entry.
    ///
    /// Every chunk is checked as it comes: the entry may not expand beyond the size it
    /// declares nor the entry limit, and its CRC-32 is compared once the last byte is out.
    /// The caller has the whole entry, and can trust it, only once `next()` returns nil.
    public final class EntryStream: Sendable {
        /// What one entry is checked against while it is read.
        struct Check: Sendable {
            let path: String
            let declaredSize: Int
            let maxBytes: Int
            let checksum: UInt32

            /// Refuses an entry that has expanded to `size` bytes, past what it declares or the limit.
            func size(_ size: Int) throws(Refusal) {
                // Sizes were checked as declared; an entry that outgrows its declaration lies about it.
                if size > declaredSize {
                    throw Refusal(
                        .outgrowsDeclaredSize, entry: path,
                        "entry '\(path)' expands beyond the \(declaredSize) bytes it declares; refused as a possible ZIP bomb")
                }
                if size > maxBytes {
                    throw Refusal(.oversized, entry: path, "entry '\(path)' expands beyond the size limit; refused as a possible ZIP bomb")
                }
            }

            /// Refuses an entry whose bytes, all read, do not have the CRC-32 it declares.
            func checksum(_ computed: UInt32) throws(Refusal) {
                guard computed == checksum else {
                    throw Refusal(.damaged, entry: path, "entry '\(path)' fails its CRC-32 check; the file is damaged")
                }
            }

            func undecompressable(_ error: any Error) -> Refusal {
                Refusal(.damaged, entry: path, "entry '\(path)' cannot be decompressed (\(error)); the file is damaged")
            }
        }

        /// What is left to read; a lock keeps one reader at a time, which lets an entry be
        /// inflated on another thread than the one that opened it (a worksheet's rows read
        /// on a second core). It is taken once per chunk of 64 KB.
        private struct Remaining {
            var inflater: Inflater?
            var whole: Data?
            var produced = 0
        }

        private let check: Check
        private let remaining: Mutex<Remaining>
        /// The size the entry declares, which it cannot outgrow.
        public var declaredSize: Int { check.declaredSize }

        init(inflating compressed: Data, check: Check) throws(Refusal) {
            self.check = check
            let inflater: Inflater
            do {
                inflater = try Inflater(compressed)
            } catch {
                throw check.undecompressable(error)
            }
            remaining = Mutex(Remaining(inflater: inflater))
        }

        /// An entry already read and checked whole.
        init(whole: Data, check: Check) {
            self.check = check
            remaining = Mutex(Remaining(whole: whole))
        }

        /// Ends the stream early: `next()` returns nil from now on, without the CRC-32 check,
        /// and the entry's inflation stops. For a reader whose consumer has stopped (a sheet's
        /// rows parsed on another thread for a check that has already failed); safe from any thread.
        public func cancel() {
            remaining.withLock { remaining in
                remaining.inflater = nil
                remaining.whole = nil
            }
        }

        /// The next chunk of the entry, never empty; nil once all of it has been read and
        /// its CRC-32 found right, or once the stream is cancelled.
        ///
        /// - Throws: `Refusal` when the entry expands beyond its declared size or the entry
        ///   limit, cannot be decompressed, or fails its CRC-32 check.
        public func next() throws(Refusal) -> Data? {
            try remaining.withLock { (remaining) throws(Refusal) -> Data? in
                guard let inflater = remaining.inflater else {
                    defer { remaining.whole = nil }
                    return remaining.whole.flatMap { $0.isEmpty ? nil : $0 }
                }
                let chunk: Data?
                do {
                    chunk = try inflater.next()
                } catch {
                    throw check.undecompressable(error)
                }
                guard let chunk else {
                    try check.checksum(UInt32(truncatingIfNeeded: inflater.checksum))
                    return nil
                }
                remaining.produced += chunk.count
                try check.size(remaining.produced)
                return chunk
            }
        }
    }
}
