import AuditPacks
import Foundation
import Testing

@Suite("BagManifest: digest  path, sorted, strict, as bagit.py and sha256sum read it")
struct BagManifestTests {
    static let hash = String(repeating: "a", count: 64)

    @Test("a manifest lists each file's digest and path, sorted by path bytes, % escaped")
    func format() throws {
        let manifest = BagManifest(.payload, .sha256, entries: ["data/b.txt": Data("b".utf8), "data/A.txt": Data(), "data/50%/c.txt": Data("hello".utf8)])
        #expect(manifest.fileName == "manifest-sha256.txt")
        #expect(manifest.text == """
            2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824  data/50%25/c.txt
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  data/A.txt
            3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  data/b.txt

            """)
        #expect(try BagManifest(parsing: manifest.data, kind: .payload, algorithm: .sha256) == manifest, "what is written reads back")
        let sha512 = BagManifest(.tag, .sha512, entries: ["bagit.txt": Data()])
        #expect(sha512.fileName == "tagmanifest-sha512.txt")
        #expect(sha512.lines.first?.digest.count == 128)
        #expect(BagManifest.allFileNames == ["manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"])
    }

    @Test(
        "anything but the documented format is an error naming the line",
        arguments: [
            ("\(hash) data/a.txt\n", 1),
            ("\(hash)  data/a.txt", nil),
            ("\(hash.uppercased())  data/a.txt\n", 1),
            ("\(hash.dropLast())  data/a.txt\n", 1),
            ("\(hash)  \n", 1),
            ("\(hash)  data/b.txt\n\(hash)  data/a.txt\n", 2),
            ("\(hash)  data/a.txt\n\(hash)  data/a.txt\n", 2),
            ("\(hash)  data/../a.txt\n", 1),
            ("\(hash)  bagit.txt\n", 1),
            ("\(hash)  data/a%2.txt\n", 1),
            ("\(hash)  data/a.txt\n\n", 2),
            ("\(hash)  data/a.txt\r\n", 1),
        ] as [(String, Int?)])
    func malformed(text: String, line: Int?) {
        let error = #expect(throws: BagManifest.FormatError.self) { try BagManifest(parsing: Data(text.utf8), kind: .payload, algorithm: .sha256) }
        #expect(error?.line == line)
        #expect(error?.errorDescription?.hasPrefix("manifest-sha256.txt") == true)
    }

    @Test("a tag manifest lists root files, never the payload or a tag manifest")
    func tagManifest() throws {
        #expect(try BagManifest(parsing: Data("\(Self.hash)  bag-info.txt\n".utf8), kind: .tag, algorithm: .sha256).lines.count == 1)
        for path in ["data/a.txt", "tagmanifest-sha512.txt"] {
            #expect(throws: BagManifest.FormatError.self) { try BagManifest(parsing: Data("\(Self.hash)  \(path)\n".utf8), kind: .tag, algorithm: .sha256) }
        }
    }
}
