import Foundation
import SystemZlib

/// Raw DEFLATE decompression (zlib) of exactly one entry's compressed bytes.
///
/// ZIPFoundation's own inflation on Linux ignores the entry's compressed size: it reads
/// on through the rest of the archive, and when the stream has still not ended at the
/// end of the data it loops forever, asking for more input that never comes (found by
/// Fuzz/FuzzPackVerify, docs/fuzzing.md). Its public `Data.decompress` cannot be bounded
/// instead: it tells zlib every chunk is a whole buffer long, so a provider that stops at
/// the entry's last byte would have zlib read past it. Here the input is the entry's
/// bytes alone, a stream that has not ended with them is damaged, and every call of
/// `next()` either consumes input or produces output, which its caller bounds.
///
/// The one place outside LibXML that handles a C library's pointers: zlib's, as LibXML
/// handles libxml2's.
final class Inflater {
    /// Why the bytes are not a complete DEFLATE stream.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Largest output of one `next()`.
    static let chunkSize = 64 << 10

    private let input: Data
    private var stream = z_stream()
    /// Bytes of `input` zlib has taken so far.
    private var consumed = 0
    private var output = [UInt8](repeating: 0, count: Inflater.chunkSize)
    private var ended = false
    /// The CRC-32 of the output so far: of all of it once `next()` has returned nil.
    private(set) var checksum = crc32(0, nil, 0)

    /// Starts inflating `input`, which must be one whole raw DEFLATE stream.
    init(_ input: Data) throws(Failure) {
        self.input = input
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "zlib cannot start inflating")
        }
    }

    deinit {
        inflateEnd(&stream)
    }

    /// The next piece of output, at most `chunkSize` bytes and never empty; nil once the
    /// stream has ended.
    ///
    /// zlib is pointed at the input afresh on every call (it keeps what it needs of earlier
    /// input in its own window), so no pointer into `input` outlives a call.
    ///
    /// - Throws: `Failure` when the stream is corrupt or ends with the input before it is complete.
    func next() throws(Failure) -> Data? {
        while !ended {
            let (status, produced, taken) = input.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> (Int32, Int, Int) in
                let available = min(bytes.count - consumed, 1 << 30)
                stream.next_in = bytes.baseAddress.map {
                    UnsafeMutablePointer(mutating: $0.advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
                }
                stream.avail_in = uInt(available)
                return output.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(Self.chunkSize)
                    let status = SystemZlib.inflate(&stream, Z_NO_FLUSH)
                    let taken = available - Int(stream.avail_in)
                    stream.next_in = nil
                    stream.avail_in = 0
                    return (status, Self.chunkSize - Int(stream.avail_out), taken)
                }
            }
            consumed += taken
            switch status {
            case Z_STREAM_END:
                ended = true
            case Z_OK, Z_BUF_ERROR:
                // No input consumed and no output made: zlib needs input there is no more of.
                if produced == 0 && taken == 0 {
                    throw Failure(description: "the compressed data ends before its stream does")
                }
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw Failure(description: "corrupt compressed data (\(reason))")
            }
            if produced > 0 {
                checksum = output.withUnsafeBufferPointer { crc32(checksum, $0.baseAddress, uInt(produced)) }
                return Data(output[0..<produced])
            }
        }
        return nil
    }
}
