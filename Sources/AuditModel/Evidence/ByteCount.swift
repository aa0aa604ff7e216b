/// A number of bytes as people read it in messages and in the progress display: "812 bytes",
/// "2.1 MB", "75.7 MB", "750 MB", "11.7 GB".
///
/// Decimal units (1 MB = 1,000,000 bytes), as file managers and `ls --si` show file sizes, so
/// the size a message gives is the size the user sees for the file. One decimal below 100 of
/// a unit, none above: enough to tell two sizes apart without reading noise.
public struct ByteCount: Sendable, Hashable, CustomStringConvertible {
    public let bytes: Int

    public init(_ bytes: Int) {
        self.bytes = bytes
    }

    public var description: String {
        guard bytes >= 1000 else { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        let units = ["kB", "MB", "GB", "TB", "PB", "EB"]
        var scale = 1000.0
        for (index, unit) in units.enumerated() {
            let value = Double(bytes) / scale
            let tenths = Int((value * 10).rounded())
            // 999.96 kB rounds to 1000.0 kB: that is 1.0 MB.
            if tenths < 10_000 || index == units.count - 1 {
                return tenths < 1000 ? "\(tenths / 10).\(tenths % 10) \(unit)" : "\(Int(value.rounded())) \(unit)"
            }
            scale *= 1000
        }
        return "\(bytes) bytes"
    }
}
