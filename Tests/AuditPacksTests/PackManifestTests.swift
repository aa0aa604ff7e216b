import AuditPacks
import Foundation
import Testing

@Suite("PackManifest: sha256  size  path, sorted, strict")
struct PackManifestTests {
    static let hash = String(repeating: "a", count: 64)

    @Test("the manifest lists each entry's SHA-256, size and path, sorted by path bytes")
    func format() throws {
        let manifest = PackManifest(entries: ["b.txt": Data("b".utf8), "A.txt": Data(), "a b/c.txt": Data("hello".utf8)])
        #expect(manifest.text == """
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  0  A.txt
            2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824  5  a b/c.txt
            3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  1  b.txt

            """)
        #expect(try PackManifest(parsing: manifest.data) == manifest, "what is written reads back")
        #expect(try PackManifest(parsing: Data()).lines.isEmpty)
    }

    @Test(
        "anything but the documented format is an error naming the line",
        arguments: [
            ("\(hash) 1 a.txt\n", 1),
            ("\(hash)  1  a.txt", nil),
            ("\(hash.uppercased())  1  a.txt\n", 1),
            ("\(hash.dropLast())  1  a.txt\n", 1),
            ("\(hash)  -1  a.txt\n", 1),
            ("\(hash)  1  \n", 1),
            ("\(hash)  1  b.txt\n\(hash)  1  a.txt\n", 2),
            ("\(hash)  1  a.txt\n\(hash)  1  a.txt\n", 2),
            ("\(hash)  1  ../a.txt\n", 1),
            ("\(hash)  1  MANIFEST\n", 1),
            ("\(hash)  1  a.txt\n\n", 2),
            ("\(hash)  1  a.txt\r\n", 1),
        ] as [(String, Int?)])
    func malformed(text: String, line: Int?) {
        let error = #expect(throws: PackManifest.FormatError.self) { try PackManifest(parsing: Data(text.utf8)) }
        #expect(error?.line == line)
    }

    @Test("paths may hold spaces, even two in a row")
    func spaces() throws {
        let manifest = try PackManifest(parsing: Data("\(Self.hash)  12  evidence/a  b.csv\n".utf8))
        #expect(manifest.lines.first?.path == "evidence/a  b.csv")
        #expect(manifest.lines.first?.size == 12)
    }
}
