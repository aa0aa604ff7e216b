public import Foundation
import SwiftASN1

/// An RFC 3161 `TimeStampReq` (§2.4.1): version 1, the imprint, a nonce, and a request
/// for the TSA's certificate in the token.
///
/// The certificate is asked for so that the token verifies on its own — by `cxaudit
/// verify` and by `openssl ts -verify` — with only the trusted CA at hand. The nonce is
/// random so that a replayed answer to another request is told apart (§2.4.2).
public struct TimeStampRequest: Sendable, Hashable {
    /// The MIME type of a request on the wire (RFC 3161 §3.4).
    public static let mediaType = "application/timestamp-query"

    /// The imprint of the bytes to stamp.
    public let imprint: MessageImprint
    /// The nonce the response must echo.
    public let nonce: UInt64

    /// A request for `imprint`, with `nonce` (a random one by default).
    public init(imprint: MessageImprint, nonce: UInt64 = UInt64.random(in: 1...UInt64.max)) {
        self.imprint = imprint
        self.nonce = nonce
    }

    /// The request's DER encoding, what is POSTed to the TSA.
    ///
    /// - Throws: An `ASN1Error` only if the imprint's OID cannot be encoded.
    public func encoded() throws -> Data {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)
            try coder.serialize(imprint)
            try coder.serialize(nonce)
            try coder.serialize(true)
        }
        return Data(coder.serializedBytes)
    }
}
