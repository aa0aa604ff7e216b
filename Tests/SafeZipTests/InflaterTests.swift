import Foundation
import Testing

@testable import SafeZip

@Suite("Inflating one entry's bytes")
struct InflaterTests {
    /// Raw DEFLATE of "hello", from Python's zlib (wbits -15).
    static let hello = Data([203, 72, 205, 201, 201, 7, 0])

    func inflate(_ input: Data) throws -> (output: Data, crc: UInt32) {
        let inflater = try Inflater(input)
        var output = Data()
        while let chunk = try inflater.next() { output.append(chunk) }
        return (output, UInt32(truncatingIfNeeded: inflater.checksum))
    }

    @Test("a complete stream is inflated, and its CRC-32 returned")
    func complete() throws {
        let (output, crc) = try inflate(Self.hello)
        #expect(output == Data("hello".utf8))
        #expect(crc == 0x3610_A686)
    }

    @Test("output larger than one chunk reaches the consumer in pieces, all of it")
    func chunks() throws {
        // 100,000 zero bytes as stored blocks of at most 65,535 bytes, the last one marked final.
        var stream = Data()
        var remaining = 100_000
        while remaining > 0 {
            let length = min(remaining, 65_535)
            remaining -= length
            let final: UInt8 = remaining == 0 ? 1 : 0
            stream += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            stream += Data(count: length)
        }
        let inflater = try Inflater(stream)
        var pieces = 0
        var total = 0
        while let piece = try inflater.next() {
            pieces += 1
            total += piece.count
            #expect(piece.count <= Inflater.chunkSize)
        }
        #expect(total == 100_000)
        #expect(pieces > 1)
    }

    @Test("a stream that has not ended when its bytes do is damaged, not waited on")
    func unended() throws {
        let error = try #require(throws: Inflater.Failure.self) { try inflate(Self.hello.dropLast(2)) }
        #expect(error.description == "the compressed data ends before its stream does")
        let storedCutShort = Data([0x00, 0xFF, 0xFF, 0x00, 0x00] + Array("hello".utf8))
        #expect(throws: Inflater.Failure.self) { try inflate(storedCutShort) }
    }

    @Test("bytes that are not DEFLATE are corrupt")
    func corrupt() throws {
        let error = try #require(throws: Inflater.Failure.self) { try inflate(Data([0xFF, 0xFF, 0xFF, 0xFF])) }
        #expect(error.description.hasPrefix("corrupt compressed data ("))
    }

    @Test("once the stream has ended, there is no more output")
    func ended() throws {
        let inflater = try Inflater(Self.hello)
        #expect(try inflater.next() == Data("hello".utf8))
        #expect(try inflater.next() == nil)
        #expect(try inflater.next() == nil)
    }
}
