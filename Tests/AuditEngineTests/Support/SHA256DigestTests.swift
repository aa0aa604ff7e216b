import AuditEngine
import Foundation
import Testing

@Suite("SHA-256 digests")
struct SHA256DigestTests {
    @Test("digests are lower-case hex, as sha256sum prints them", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("Zürich", "4251685e06cab635578c72b1f5f221e9840a05ac4d8f2404be4177aa87f9907d"),
    ])
    func knownDigests(text: String, hex: String) {
        #expect(SHA256Digest.hex(of: text) == hex)
        #expect(SHA256Digest.hex(of: Data(text.utf8)) == hex, "text is hashed as its UTF-8 bytes")
    }

    @Test("a digest with leading zero bytes keeps its zeros")
    func leadingZeros() {
        // Bytes whose digest starts with 0x0…: every byte must be two digits.
        let digests = (0..<64).map { SHA256Digest.hex(of: Data([UInt8($0)])) }
        #expect(digests.allSatisfy { $0.count == 64 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
    }
}
