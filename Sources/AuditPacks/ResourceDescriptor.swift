public import Foundation

/// An in-toto ResourceDescriptor (in-toto attestation framework v1): a file named by its
/// path in the pack and identified by its digests.
///
/// Used for the statement's subjects and for the verdict's policy inputs, so every file
/// the verdict speaks of is pinned by digest, not by name alone.
public struct ResourceDescriptor: Sendable, Hashable, Codable {
    /// Path from the bag's root (`data/evidence/…`, `bag-info.txt`).
    public var name: String
    /// Lower-case hex digests by algorithm name (`sha256`, `sha512`).
    public var digest: [String: String]
    /// What else a reader needs: a ruleset's id and version, the original SHA-256 of a
    /// redacted copy. Absent when there is nothing to say.
    public var annotations: [String: String]?

    /// A descriptor of `data` stored at `name`, with every BagIt digest.
    public init(name: String, data: Data, annotations: [String: String]? = nil) {
        self.name = name
        digest = Dictionary(uniqueKeysWithValues: BagDigest.allCases.map { ($0.rawValue, $0.hex(of: data)) })
        self.annotations = annotations
    }
}
