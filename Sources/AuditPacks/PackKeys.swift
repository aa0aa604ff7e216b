import AuditModel
import Crypto
public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a key file cannot be used or written; the message names the file and what to do.
public struct PackKeyError: Error, LocalizedError, Sendable, Hashable {
    public let path: String
    public let reason: String

    public var errorDescription: String? { "\(path): error: \(reason)" }
}

/// The private half of an Ed25519 key pair, which signs pack manifests.
///
/// Key files are plain text so they can be inspected, copied and read by other tools:
/// a first line naming the kind of key (`cxaudit-ed25519-private-key-1` or
/// `cxaudit-ed25519-public-key-1`), then the raw 32-byte key in standard base64, each
/// line ending in a line feed. Keys are kept as bytes, not as swift-crypto objects, so
/// they are `Sendable` and never outlive a signature in a form other code can misuse.
public struct PackSigningKey: Sendable, Hashable {
    /// First line of a private key file.
    public static let header = "cxaudit-ed25519-private-key-1"

    let rawRepresentation: Data
    /// The matching public key, to give to auditors.
    public let publicKey: PackVerifyingKey

    /// A new random key.
    public static func generate() -> PackSigningKey {
        PackSigningKey(Curve25519.Signing.PrivateKey())
    }

    private init(_ key: Curve25519.Signing.PrivateKey) {
        rawRepresentation = key.rawRepresentation
        publicKey = PackVerifyingKey(rawRepresentation: key.publicKey.rawRepresentation)
    }

    /// Reads a private key file.
    ///
    /// - Throws: `PackKeyError` when the file cannot be read or is not a private key file.
    public init(contentsOf url: URL) throws(PackKeyError) {
        let raw = try KeyFile.body(of: url, header: Self.header, kind: "private")
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw PackKeyError(path: url.path, reason: "the key is not a 32-byte Ed25519 private key. Make a key pair with `cxaudit keygen`.")
        }
        self.init(key)
    }

    /// The key file's text.
    public var fileText: String { KeyFile.text(header: Self.header, raw: rawRepresentation) }

    /// The Ed25519 signature of `data`.
    func signature(for data: Data) throws -> Data {
        try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation).signature(for: data)
    }

    /// Writes a new key pair as `PREFIX.key` (mode 0600: only its owner may read it) and
    /// `PREFIX.pub` (0644). Existing files are never overwritten, and the private key is
    /// created with its final mode, so it is never readable by others, not even briefly.
    ///
    /// - Returns: The private and public key files.
    /// - Throws: `PackKeyError` when either file exists or cannot be written; nothing is left behind.
    public func writeKeyPair(prefix: String) throws(PackKeyError) -> (privateKey: URL, publicKey: URL) {
        let privateURL = URL(fileURLWithPath: prefix + ".key")
        let publicURL = URL(fileURLWithPath: prefix + ".pub")
        for url in [privateURL, publicURL] where FileManager.default.fileExists(atPath: url.path) {
            throw PackKeyError(path: url.path, reason: "already exists; keys are never overwritten. Choose another prefix, or move the old key away.")
        }
        try KeyFile.create(privateURL, text: fileText, mode: 0o600)
        do {
            try KeyFile.create(publicURL, text: publicKey.fileText, mode: 0o644)
        } catch {
            try? FileManager.default.removeItem(at: privateURL)
            throw error
        }
        return (privateURL, publicURL)
    }
}

/// The public half of an Ed25519 key pair, which checks pack signatures. Auditors get
/// it from the organization through a channel other than the pack itself.
public struct PackVerifyingKey: Sendable, Hashable {
    /// First line of a public key file.
    public static let header = "cxaudit-ed25519-public-key-1"

    let rawRepresentation: Data

    init(rawRepresentation: Data) {
        self.rawRepresentation = rawRepresentation
    }

    /// Reads a public key file.
    ///
    /// - Throws: `PackKeyError` when the file cannot be read or is not a public key file.
    public init(contentsOf url: URL) throws(PackKeyError) {
        let raw = try KeyFile.body(of: url, header: Self.header, kind: "public")
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw PackKeyError(path: url.path, reason: "the key is not a 32-byte Ed25519 public key. Ask the signer for the .pub file `cxaudit keygen` wrote.")
        }
        rawRepresentation = raw
    }

    /// The key file's text.
    public var fileText: String { KeyFile.text(header: Self.header, raw: rawRepresentation) }

    /// SHA-256 of the raw key, in hex groups of four: short enough to read out over
    /// the phone when the auditor confirms the key with the organization.
    public var fingerprint: String {
        let hex = BagDigest.hex(SHA256.hash(data: rawRepresentation))
        return stride(from: 0, to: 32, by: 4).map { offset in
            String(hex.dropFirst(offset).prefix(4))
        }.joined(separator: ":")
    }

    /// The raw 32-byte key in lower-case hex: how securesystemslib and in-toto write an
    /// Ed25519 key's `keyval.public`.
    public var hex: String { BagDigest.hex(rawRepresentation) }

    /// The key id securesystemslib computes for this key by default — SHA-256 of the
    /// canonical JSON `{"keytype":"ed25519","keyval":{"public":HEX},"scheme":"ed25519"}` — so a
    /// DSSE signature marked with it is found by `SSlibKey.from_crypto(key)` and in-toto's
    /// verifiers, which match signatures to keys by id.
    public var keyID: String {
        BagDigest.sha256.hex(of: Data(#"{"keytype":"ed25519","keyval":{"public":"\#(hex)"},"scheme":"ed25519"}"#.utf8))
    }

    /// Whether `signature` is this key's Ed25519 signature of `data`.
    func isValidSignature(_ signature: Data, for data: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation) else { return false }
        return key.isValidSignature(signature, for: data)
    }
}

/// The text format both key files share.
enum KeyFile {
    static func text(header: String, raw: Data) -> String {
        "\(header)\n\(raw.base64EncodedString())\n"
    }

    static func body(of url: URL, header: String, kind: String) throws(PackKeyError) -> Data {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PackKeyError(path: url.path, reason: "cannot read the \(kind) key: \(FileErrorReason.describe(error, reading: url))")
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.first == header else {
            let other = header == PackSigningKey.header ? PackVerifyingKey.header : PackSigningKey.header
            let hint = lines.first == other ? "it is the \(kind == "private" ? "public" : "private") key of the pair" : "it does not start with '\(header)'"
            throw PackKeyError(path: url.path, reason: "not a cxaudit \(kind) key file: \(hint). Make a key pair with `cxaudit keygen`.")
        }
        guard lines.count == 2, let raw = Data(base64Encoded: lines[1]), raw.count == 32 else {
            throw PackKeyError(path: url.path, reason: "the second line is not a 32-byte key in base64. Make a key pair with `cxaudit keygen`.")
        }
        return raw
    }

    /// Creates `url` exclusively (never through a symbolic link) with `mode`, and writes `text`.
    static func create(_ url: URL, text: String, mode: mode_t) throws(PackKeyError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
        guard descriptor >= 0 else {
            throw PackKeyError(path: url.path, reason: "cannot create the key file: \(String(cString: strerror(errno))). Check that the folder exists and is writable.")
        }
        defer { close(descriptor) }
        do {
            try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: Data(text.utf8))
        } catch {
            unlink(url.path)
            throw PackKeyError(path: url.path, reason: "cannot write the key file: \(String(cString: strerror(errno)))")
        }
    }
}
