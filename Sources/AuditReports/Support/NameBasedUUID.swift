import Crypto

/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name), so
/// the same finding, rule or evidence item gets the same UUID in every run and
/// GRC tools can match OSCAL objects across assessments.
enum NameBasedUUID {
    /// cxaudit's namespace UUID, `3f1c9a5e-7b2d-4e8a-9c61-0d4b5e7f2a18`; never change it,
    /// or every OSCAL UUID changes.
    static let namespace: [UInt8] = [
        0x3F, 0x1C, 0x9A, 0x5E, 0x7B, 0x2D, 0x4E, 0x8A, 0x9C, 0x61, 0x0D, 0x4B, 0x5E, 0x7F, 0x2A, 0x18,
    ]

    /// The version 5 UUID of `name` in cxaudit's namespace, lower-case `8-4-4-4-12`.
    static func make(_ name: String) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace + Array(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }
}
