import Foundation
import Testing

/// `cxaudit pack --timestamp-url` and `cxaudit verify --tsa-cert` against a real RFC 3161
/// TSA on loopback (`LocalTSA`: openssl's own `ts -reply`), and the pack checked with the
/// stock tool, `openssl ts -verify`.
@Suite("cxaudit pack --timestamp-url and verify --tsa-cert, with a local TSA", .serialized)
struct TimestampedPackTests {
    /// A signed, time-stamped pack of the sample in a scratch folder, and the TSA that stamped it.
    struct StampedPack {
        let workspace: PackCommandTests.Workspace
        let tsa: LocalTSA
        let made: CheckCommandTests.Outcome

        init(_ mode: LocalTSA.Mode = .granting) throws {
            workspace = try PackCommandTests.workspace()
            tsa = try LocalTSA(mode)
            made = try Self.pack(workspace, tsa: tsa, output: workspace.path("stamped.zip"))
        }

        var pack: String { workspace.path("stamped.zip") }

        static func pack(_ workspace: PackCommandTests.Workspace, tsa: LocalTSA, output: String, key: String? = nil) throws -> CheckCommandTests.Outcome {
            try CheckCommandTests.run(
                ["pack", "--as-of", "2026-11-30", "--output", output, "--sign-key", key ?? workspace.key, "--timestamp-url", tsa.url],
                environment: PackCommandTests.environment)
        }

        func remove() {
            tsa.stop()
            workspace.remove()
        }
    }

    /// Extracts entries of a pack into `folder` with Python's zipfile, as `unzip` would.
    static func extract(_ pack: String, _ names: [String], into folder: URL) throws {
        try PackCommandTests.python(
            "z = zipfile.ZipFile(sys.argv[1])\nfor n in sys.argv[3:]:\n    open(sys.argv[2] + '/' + n, 'wb').write(z.read(n))",
            [pack, folder.path] + names)
    }

    /// Rewrites `pack` into `output` with some tag files replaced by the bytes of files, and the
    /// tag manifests recomputed to match — what someone forging a time-stamp would do, so that
    /// only the time-stamp check can catch it.
    static func forge(_ pack: String, into output: String, replacing replacements: [String: String]) throws {
        let code = """
            import hashlib
            a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
            new = dict(zip(sys.argv[3::2], sys.argv[4::2]))
            data = {i.filename: (open(new[i.filename], 'rb').read() if i.filename in new else a.read(i)) for i in a.infolist()}
            for algorithm in ('sha256', 'sha512'):
                name = 'tagmanifest-%s.txt' % algorithm
                lines = data[name].decode().splitlines()
                data[name] = ''.join('%s  %s\\n' % (hashlib.new(algorithm, data[l.split('  ', 1)[1]]).hexdigest(), l.split('  ', 1)[1]) for l in lines).encode()
            for name, content in data.items():
                b.writestr(name, content)
            b.close()
            """
        try PackCommandTests.python(code, [pack, output] + replacements.flatMap { [$0.key, $0.value] })
    }

    @Test("a time-stamped pack holds verdict.tsr, which openssl ts -verify accepts and verify --tsa-cert reports with its time")
    func stampAndVerify() throws {
        let stamped = try StampedPack()
        defer { stamped.remove() }
        #expect(stamped.made.status == 0, "\(stamped.made.stderr)")
        #expect(stamped.made.stdout.contains("and a signed verdict, time-stamped;"), "\(stamped.made.stdout)")
        #expect(stamped.made.stdout.contains("--tsa-cert TSA-CA.pem`."))

        // The stock tool, on the files as the auditor unzips them.
        let folder = stamped.workspace.folder.appendingPathComponent("unzipped")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.extract(stamped.pack, ["verdict.tsr", "verdict.intoto.jsonl"], into: folder)
        let openssl = try LocalTSA.run(
            "openssl", ["ts", "-verify", "-in", "verdict.tsr", "-data", "verdict.intoto.jsonl", "-CAfile", stamped.tsa.caCertificate], in: folder)
        #expect(openssl.status == 0, "\(openssl.output)")
        #expect(openssl.output.contains("Verification: OK"))
        let text = try LocalTSA.run("openssl", ["ts", "-reply", "-in", "verdict.tsr", "-text"], in: folder)
        #expect(text.output.contains("Status: Granted."))
        #expect(text.output.contains("Hash Algorithm: sha256"))

        let trusted = try CheckCommandTests.run(
            ["verify", stamped.pack, "--public-key", stamped.workspace.publicKey, "--tsa-cert", stamped.tsa.caCertificate])
        #expect(trusted.status == 0, "\(trusted.stdout)\(trusted.stderr)")
        #expect(trusted.stdout.contains("Timestamped by CN=cxaudit Test TSA,O=cxaudit tests at 20"), "\(trusted.stdout)")
        #expect(trusted.stdout.contains(" UTC: signature valid, TSA trusted (--tsa-cert)."))
        #expect(trusted.stdout.contains("signature verified (key "))

        let unchecked = try CheckCommandTests.run(["verify", stamped.pack])
        #expect(unchecked.status == 0, "\(unchecked.stdout)\(unchecked.stderr)")
        #expect(unchecked.stdout.contains("present, signature valid, TSA not checked against a trusted certificate (pass --tsa-cert)."))

        // A certificate the TSA's does not chain to: the time-stamp is not trusted.
        let other = try LocalTSA(.http500)
        defer { other.stop() }
        let untrusted = try CheckCommandTests.run(["verify", stamped.pack, "--tsa-cert", other.caCertificate])
        #expect(untrusted.status == 1, "\(untrusted.stdout)\(untrusted.stderr)")
        #expect(untrusted.stdout.contains("✗ timestamp: verdict.tsr: signed by CN=cxaudit Test TSA,O=cxaudit tests, which is not the given TSA certificate nor issued by it"))

        // A pack without a time-stamp verifies as before, and says so; with --tsa-cert it fails.
        let plain = try CheckCommandTests.run(["verify", stamped.workspace.pack])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("No timestamp"))
        let demanded = try CheckCommandTests.run(["verify", stamped.workspace.pack, "--tsa-cert", stamped.tsa.caCertificate])
        #expect(demanded.status == 1)
        #expect(demanded.stdout.contains("✗ timestamp: verdict.tsr: the pack has no time-stamp, but a TSA certificate was given"))
    }

    @Test("a time-stamp with a flipped byte in its signature, even with the tag manifests rewritten, fails verify")
    func tamperedToken() throws {
        let stamped = try StampedPack()
        defer { stamped.remove() }
        #expect(stamped.made.status == 0, "\(stamped.made.stderr)")
        let folder = stamped.workspace.folder
        try Self.extract(stamped.pack, ["verdict.tsr"], into: folder)
        var token = try Data(contentsOf: folder.appendingPathComponent("verdict.tsr"))
        // The SignerInfo's signature ends the response (openssl adds no unsigned attributes).
        token[token.count - 1] ^= 0x01
        let forged = folder.appendingPathComponent("forged.tsr")
        try token.write(to: forged)
        let tampered = stamped.workspace.path("tampered.zip")
        try Self.forge(stamped.pack, into: tampered, replacing: ["verdict.tsr": forged.path])

        for trust in [[], ["--tsa-cert", stamped.tsa.caCertificate]] {
            let verified = try CheckCommandTests.run(["verify", tampered] + trust)
            #expect(verified.status == 1, "\(verified.stdout)\(verified.stderr)")
            #expect(verified.stdout.contains("✗ timestamp: verdict.tsr: the signature is not valid for the TSA's key"), "\(verified.stdout)")
            #expect(verified.stdout.contains("Timestamp NOT valid"))
        }
        // Without the rewritten tag manifests, BagIt alone already tells.
        let plainCopy = stamped.workspace.path("copy.zip")
        try Self.forge(stamped.pack, into: plainCopy, replacing: [:])
        #expect(try CheckCommandTests.run(["verify", plainCopy]).status == 0, "forge() alone changes nothing a verifier sees")
    }

    @Test("a verdict replaced by another, with the tag manifests rewritten, fails the time-stamp's imprint check")
    func replacedVerdict() throws {
        let stamped = try StampedPack()
        defer { stamped.remove() }
        #expect(stamped.made.status == 0, "\(stamped.made.stderr)")
        // The same audit signed by another key: a verdict of other bytes.
        let keygen = try CheckCommandTests.run(["keygen", "--output", stamped.workspace.path("other")])
        #expect(keygen.status == 0)
        let otherPack = stamped.workspace.path("other.zip")
        let other = try CheckCommandTests.run(
            ["pack", "--as-of", "2026-11-30", "--output", otherPack, "--sign-key", stamped.workspace.path("other.key")],
            environment: PackCommandTests.environment)
        #expect(other.status == 0)
        let folder = stamped.workspace.folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.extract(otherPack, ["verdict.intoto.jsonl"], into: folder)
        let replaced = stamped.workspace.path("replaced.zip")
        try Self.forge(stamped.pack, into: replaced, replacing: ["verdict.intoto.jsonl": folder.appendingPathComponent("verdict.intoto.jsonl").path])

        let verified = try CheckCommandTests.run(["verify", replaced, "--tsa-cert", stamped.tsa.caCertificate])
        #expect(verified.status == 1, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("✗ timestamp: verdict.tsr: is a time-stamp of other bytes than verdict.intoto.jsonl"), "\(verified.stdout)")
        // And the stock tool agrees.
        let unzipped = stamped.workspace.folder.appendingPathComponent("replaced")
        try FileManager.default.createDirectory(at: unzipped, withIntermediateDirectories: true)
        try Self.extract(replaced, ["verdict.tsr", "verdict.intoto.jsonl"], into: unzipped)
        let openssl = try LocalTSA.run(
            "openssl", ["ts", "-verify", "-in", "verdict.tsr", "-data", "verdict.intoto.jsonl", "-CAfile", stamped.tsa.caCertificate], in: unzipped)
        #expect(openssl.status != 0, "\(openssl.output)")
    }

    @Test(
        "a TSA that fails, refuses or stamps other bytes fails pack with exit 2 and leaves no pack",
        arguments: [
            (LocalTSA.Mode.http500, "the time-stamping authority answered HTTP 500"),
            (LocalTSA.Mode.rejecting, "the time-stamping authority refused the request (PKIStatus 2"),
            (LocalTSA.Mode.stampingOtherBytes, "the answer is not a valid time-stamp of the verdict: the token is for other bytes than the verdict"),
        ])
    func failingAuthority(mode: LocalTSA.Mode, message: String) throws {
        let workspace = try PackCommandTests.workspace()
        let tsa = try LocalTSA(mode)
        defer {
            tsa.stop()
            workspace.remove()
        }
        let output = workspace.path("stamped.zip")
        let made = try StampedPack.pack(workspace, tsa: tsa, output: output)
        #expect(made.status == 2, "\(made.stdout)\(made.stderr)")
        #expect(made.stderr.contains("\(tsa.url): error: \(message)"), "\(made.stderr)")
        #expect(made.stderr.contains("No pack was written."))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("a TSA replaying its first answer to a second request is caught by the nonce: exit 2, no pack")
    func replayedAnswer() throws {
        let stamped = try StampedPack(.replaying)
        defer { stamped.remove() }
        #expect(stamped.made.status == 0, "the first answer is genuine: \(stamped.made.stderr)")
        // The same inputs and SOURCE_DATE_EPOCH: the same verdict bytes, so only the nonce differs.
        let output = stamped.workspace.path("again.zip")
        let again = try StampedPack.pack(stamped.workspace, tsa: stamped.tsa, output: output)
        #expect(again.status == 2, "\(again.stdout)\(again.stderr)")
        #expect(again.stderr.contains("the token's nonce is not the request's: it answers another request (a replayed response)"), "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("--timestamp-url needs --sign-key and an http(s) URL; an unreachable TSA fails with exit 2")
    func usage() throws {
        let workspace = try PackCommandTests.workspace()
        defer { workspace.remove() }
        let output = workspace.path("stamped.zip")
        let unsigned = try CheckCommandTests.run(["pack", "--as-of", "2026-11-30", "--output", output, "--timestamp-url", "http://127.0.0.1:9/"])
        #expect(unsigned.status == 2)
        #expect(unsigned.stderr.contains("--timestamp-url time-stamps the signed verdict: give --sign-key too"))
        let notHTTP = try CheckCommandTests.run(
            ["pack", "--as-of", "2026-11-30", "--output", output, "--sign-key", workspace.key, "--timestamp-url", "ftp://tsa.example/"])
        #expect(notHTTP.status == 2)
        #expect(notHTTP.stderr.contains("is not an http:// or https:// URL"))
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        let unreachable = try CheckCommandTests.run(
            ["pack", "--as-of", "2026-11-30", "--output", output, "--sign-key", workspace.key, "--timestamp-url", "http://127.0.0.1:9/"])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("http://127.0.0.1:9/: error: cannot reach the time-stamping authority"), "\(unreachable.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
