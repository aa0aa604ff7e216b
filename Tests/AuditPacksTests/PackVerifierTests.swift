import AuditPacks
import Foundation
import Testing
import ZIPFoundation

@Suite("Evidence packs: build and verify")
struct PackVerifierTests {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxaudit-pack-tests-\(UUID().uuidString)")

    static func keys(_ name: String) throws -> (private: URL, public: URL) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (privateKey, publicKey) = PackKeys.generate()
        let privateURL = folder.appendingPathComponent("\(name).key")
        let publicURL = folder.appendingPathComponent("\(name).pub")
        try privateKey.write(to: privateURL, atomically: true, encoding: .utf8)
        try publicKey.write(to: publicURL, atomically: true, encoding: .utf8)
        return (privateURL, publicURL)
    }

    static func pack(signedWith key: URL? = nil) throws -> Data {
        var builder = PackBuilder(date: Date(timeIntervalSince1970: 1_796_025_600))
        builder.add("report/report.html", Data("<html>report</html>".utf8))
        builder.add("evidence/complaints/log.csv", Data("id,ok\nC-1,no\n".utf8))
        builder.add("evidence/evidence-register.xml", Data("<evidence-register/>".utf8))
        builder.add("run.json", Data("{}".utf8))
        return try builder.build(signingKeyAt: key)
    }

    /// Rewrites a pack entry by entry, letting `change` edit, drop or add entries.
    static func rewrite(_ data: Data, _ change: (inout [(String, Data)]) -> Void) throws -> Data {
        let source = try Archive(data: data, accessMode: .read)
        var entries: [(String, Data)] = []
        for entry in source {
            var bytes = Data()
            _ = try source.extract(entry) { bytes.append($0) }
            entries.append((entry.path, bytes))
        }
        change(&entries)
        let target = try Archive(accessMode: .create)
        for (path, bytes) in entries {
            try target.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(target.data)
    }

    @Test("a fresh pack verifies, with its signature, and is byte-identical when rebuilt")
    func intact() throws {
        let key = try Self.keys("signer")
        let data = try Self.pack(signedWith: key.private)
        let report = try PackVerifier.verify(data, name: "pack.zip", publicKey: key.public)
        #expect(report.isIntact)
        #expect(report.signature == .verified)
        #expect(report.entries == 4)
        #expect(try Self.pack(signedWith: key.private) == data, "same inputs and key give the same bytes")
        #expect(try PackVerifier.verify(data, name: "pack.zip").signature == .notChecked)
    }

    @Test("a flipped byte in any entry is caught by name", arguments: ["report/report.html", "evidence/complaints/log.csv", "run.json", "MANIFEST"])
    func flippedByte(path: String) throws {
        let key = try Self.keys("flip")
        let tampered = try Self.rewrite(try Self.pack(signedWith: key.private)) { entries in
            let index = entries.firstIndex { $0.0 == path }!
            entries[index].1[0] ^= 0x01
        }
        let report = try PackVerifier.verify(tampered, name: "pack.zip", publicKey: key.public)
        #expect(!report.isIntact)
        if path == "MANIFEST" {
            #expect(report.signature == .invalid)
        } else {
            #expect(report.problems.contains { $0.kind == .modified && $0.path == path })
        }
    }

    @Test("added, removed and renamed entries are reported by name")
    func addRemoveRename() throws {
        let data = try Self.pack()
        let added = try Self.rewrite(data) { $0.append(("evidence/extra.csv", Data("x".utf8))) }
        #expect(try PackVerifier.verify(added, name: "p").problems.map(\.description) == ["extra: evidence/extra.csv: in the pack but not listed in MANIFEST"])
        let removed = try Self.rewrite(data) { $0.removeAll { $0.0 == "run.json" } }
        #expect(try PackVerifier.verify(removed, name: "p").problems.map(\.kind) == [.missing])
        let renamed = try Self.rewrite(data) { entries in
            let index = entries.firstIndex { $0.0 == "run.json" }!
            entries[index].0 = "run2.json"
        }
        let problems = try PackVerifier.verify(renamed, name: "p").problems
        #expect(Set(problems.map(\.path)) == ["run.json", "run2.json"])
    }

    @Test("a signature swapped for another key's fails, and an unsigned pack fails when a key is given")
    func signatures() throws {
        let signer = try Self.keys("a")
        let other = try Self.keys("b")
        let data = try Self.pack(signedWith: signer.private)
        let otherSignature = try Self.pack(signedWith: other.private)
        let otherArchive = try Archive(data: otherSignature, accessMode: .read)
        var signature = Data()
        _ = try otherArchive.extract(try #require(otherArchive["MANIFEST.sig"])) { signature.append($0) }
        let swapped = try Self.rewrite(data) { entries in
            let index = entries.firstIndex { $0.0 == "MANIFEST.sig" }!
            entries[index].1 = signature
        }
        #expect(try PackVerifier.verify(swapped, name: "p", publicKey: signer.public).signature == .invalid)
        #expect(try PackVerifier.verify(try Self.pack(), name: "p", publicKey: signer.public).problems.map(\.kind) == [.signature])
    }

    @Test("hostile archives are refused before anything is read", arguments: ["../evil.txt", "/etc/passwd"])
    func unsafeNames(name: String) throws {
        let hostile = try Self.rewrite(try Self.pack()) { $0.append((name, Data("x".utf8))) }
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try PackVerifier.verify(hostile, name: "evil.zip") }
        #expect(error.reason.contains("unsafe name"))
    }

    @Test("a symbolic-link entry is refused")
    func symlinkEntry() throws {
        let archive = try Archive(accessMode: .create)
        let target = Data("/etc/passwd".utf8)
        try archive.addEntry(with: "evidence/link.csv", type: .symlink, uncompressedSize: Int64(target.count), compressionMethod: .none) {
            (position: Int64, size: Int) in
            target.subdata(in: Int(position)..<Int(position) + size)
        }
        try archive.addEntry(with: "MANIFEST", type: .file, uncompressedSize: Int64(0), compressionMethod: .none) { _, _ in Data() }
        let error = try #require(throws: PackVerifier.UnusablePack.self) {
            try PackVerifier.verify(try #require(archive.data), name: "link.zip")
        }
        #expect(error.reason.contains("symbolic link"))
    }

    @Test("a ZIP bomb and a non-pack are refused")
    func bombAndNonPack() throws {
        let bomb = try Self.rewrite(try Self.pack()) { $0.append(("big.bin", Data(count: 40 << 20))) }
        let error = try #require(throws: PackVerifier.UnusablePack.self) { try PackVerifier.verify(bomb, name: "bomb.zip") }
        #expect(error.reason.contains("ZIP bomb"))
        #expect(throws: PackVerifier.UnusablePack.self) { try PackVerifier.verify(Data("not a zip".utf8), name: "x.zip") }
        let noManifest = try Self.rewrite(try Self.pack()) { $0.removeAll { $0.0 == "MANIFEST" } }
        let missing = try #require(throws: PackVerifier.UnusablePack.self) { try PackVerifier.verify(noManifest, name: "x.zip") }
        #expect(missing.reason.contains("no MANIFEST"))
    }
}
