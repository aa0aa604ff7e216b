public import Foundation
import SwiftASN1

/// An RFC 3161 `TimeStampResp` (§2.4.2): the TSA's status and, when granted, the token.
///
/// A pack stores the whole response as `verdict.tsr`, the form `openssl ts -verify -in`
/// reads (a bare token needs `-token_in`).
public struct TimeStampResponse: Sendable {
    /// The MIME type of a response on the wire (RFC 3161 §3.4).
    public static let mediaType = "application/timestamp-reply"

    /// `PKIStatus`: 0 granted, 1 granted with modifications, 2 rejection, 3 waiting,
    /// 4 revocation warning, 5 revocation notification.
    public let status: Int
    /// The TSA's explanation (`statusString`), joined; empty when it gave none.
    public let statusText: String
    /// The token, present when the status grants it.
    public let token: TimeStampToken?

    /// Whether the TSA granted the time-stamp (status 0 or 1, RFC 3161 §2.4.2).
    public var isGranted: Bool { status == 0 || status == 1 }

    /// Parses a DER `TimeStampResp`.
    ///
    /// - Throws: A `TimestampError.Reason` saying what is malformed.
    public init(derEncoded bytes: Data) throws(TimestampError.Reason) {
        do {
            (status, statusText, token) = try DER.sequence(try DER.parse(Array(bytes)), identifier: .sequence) { nodes in
                guard let statusInfo = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no PKIStatusInfo") }
                let (status, text) = try DER.sequence(statusInfo, identifier: .sequence) { fields in
                    let status = try Int(derEncoded: &fields)
                    var text: [String] = []
                    while let field = fields.next() {
                        // statusString is a SEQUENCE OF UTF8String; failInfo, a BIT STRING, adds nothing a person reads.
                        guard field.identifier == .sequence, case .constructed(let strings) = field.content else { continue }
                        text += strings.compactMap { try? String(ASN1UTF8String(derEncoded: $0)) }
                    }
                    return (status, text.joined(separator: "; "))
                }
                let token = try nodes.next().map { try TimeStampToken(derEncoded: $0) }
                return (status, text, token)
            }
        } catch {
            throw TimestampError.Reason("not a DER-encoded RFC 3161 TimeStampResp (\(error))")
        }
    }

    /// The token, checked as the answer to `request` for `data`: granted, signed validly by a
    /// time-stamping certificate, for `data`'s imprint, with the request's nonce.
    ///
    /// - Returns: The token.
    /// - Throws: The first check that failed, in words.
    public func token(answering request: TimeStampRequest, for data: Data) throws(TimestampError.Reason) -> TimeStampToken {
        guard let token else { throw TimestampError.Reason("the response grants a time-stamp but holds no token") }
        _ = try token.validate()
        guard token.info.imprint.matches(data), token.info.imprint == request.imprint else {
            throw TimestampError.Reason("the token is for other bytes than the verdict (its message imprint differs)")
        }
        guard token.info.echoes(nonce: request.nonce) else {
            throw TimestampError.Reason("the token's nonce is not the request's: it answers another request (a replayed response)")
        }
        return token
    }
}
