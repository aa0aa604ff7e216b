public import Foundation

/// An in-toto Statement v1 (github.com/in-toto/attestation, spec/v1/statement.md): what
/// the signed verdict says, about which files.
///
/// The subjects are every file of the pack but the signature's own (the verdict, its
/// timestamp and the tag manifests that list them): the payload by path under `data/`,
/// and the bag's `bagit.txt`, `bag-info.txt`, `README.txt` and payload manifests. So the
/// signature covers the manifests, and through them every evidence file, report and
/// ruleset; the predicate is the audit's verdict (`AuditVerdict`).
public struct InTotoStatement: Sendable, Hashable, Codable {
    /// The statement type this is.
    public static let statementType = "https://in-toto.io/Statement/v1"

    public var type: String
    public var subject: [ResourceDescriptor]
    public var predicateType: String
    public var predicate: AuditVerdict

    enum CodingKeys: String, CodingKey {
        case type = "_type"
        case subject, predicateType, predicate
    }

    /// A statement of `predicate` about `subject`.
    public init(subject: [ResourceDescriptor], predicate: AuditVerdict) {
        type = Self.statementType
        self.subject = subject
        predicateType = AuditVerdict.predicateType
        self.predicate = predicate
    }

    /// The statement as the envelope carries it: compact JSON, keys sorted.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
