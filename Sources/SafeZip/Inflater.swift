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
/// bytes alone, a stream that has not ended with them is damaged, and every pass of the
/// loop either consumes input or produces output that `consumer` bounds.
///
/// The one place outside LibXML that handles a C library's pointers: zlib's, as LibXML
/// handles libxml2's.
enum Inflater {
    /// Why the bytes are not a complete DEFLATE stream.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Inflates `input`, handing the output to `consumer` in chunks.
    ///
    /// - Returns: The CRC-32 of the output.
    /// - Throws: `Failure` when the stream is corrupt or ends with the input before it is
    ///   complete; whatever `consumer` throws.
    static func inflate(_ input: Data, consumer: (Data) throws -> Void) throws -> UInt32 {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "zlib cannot start inflating")
        }
        defer { inflateEnd(&stream) }
        let chunkSize = 64 << 10
        var output = [UInt8](repeating: 0, count: chunkSize)
        var checksum = crc32(0, nil, 0)
        try input.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var fed = 0
            while true {
                if stream.avail_in == 0, fed < bytes.count, let base = bytes.baseAddress {
                    let length = min(bytes.count - fed, 1 << 30)
                    stream.next_in = UnsafeMutablePointer(mutating: base.advanced(by: fed).assumingMemoryBound(to: Bytef.self))
                    stream.avail_in = uInt(length)
                    fed += length
                }
                let waiting = stream.avail_in
                let (status, produced) = output.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    let status = SystemZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, chunkSize - Int(stream.avail_out))
                }
                if produced > 0 {
                    checksum = output.withUnsafeBufferPointer { crc32(checksum, $0.baseAddress, uInt(produced)) }
                    try consumer(Data(output[0..<produced]))
                }
                switch status {
                case Z_STREAM_END:
                    return
                case Z_OK, Z_BUF_ERROR:
                    // No input consumed and no output made: zlib needs input there is no more of.
                    if produced == 0 && stream.avail_in == waiting && fed >= bytes.count {
                        throw Failure(description: "the compressed data ends before its stream does")
                    }
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw Failure(description: "corrupt compressed data (\(reason))")
                }
            }
        }
        return UInt32(truncatingIfNeeded: checksum)
    }
}
