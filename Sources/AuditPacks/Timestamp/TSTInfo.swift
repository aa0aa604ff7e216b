public import Foundation
public import SwiftASN1

/// What a TSA signs (RFC 3161 §2.4.2): the imprint it was given, the time, the nonce
/// it was sent, and its policy and serial number.
public struct TSTInfo: DERParseable, Hashable, Sendable {
    /// The object identifier of the content type `id-ct-TSTInfo` (RFC 3161 §2.4.2).
    public static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 1, 4]

    /// The TSA policy the token was issued under.
    public var policy: ASN1ObjectIdentifier
    /// The imprint of the stamped bytes.
    public var imprint: MessageImprint
    /// The token's serial number, unique per TSA (big-endian, two's complement).
    public var serialNumber: ArraySlice<UInt8>
    /// When the TSA stamped the bytes, UTC.
    public var genTime: Date
    /// The nonce of the request, when it had one (and it fits in 64 bits, as cxaudit's do).
    public var nonce: UInt64?

    public init(derEncoded node: ASN1Node) throws {
        (policy, imprint, serialNumber, genTime, nonce) = try DER.sequence(node, identifier: .sequence) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 1 else { throw ASN1Error.invalidASN1Object(reason: "TSTInfo version \(version), not 1") }
            let policy = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard let imprintNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "TSTInfo without messageImprint") }
            let imprint = try MessageImprint(derEncoded: imprintNode)
            let serial = try ArraySlice<UInt8>(derEncoded: &nodes)
            let genTime = try Self.date(GeneralizedTime(derEncoded: &nodes))
            // accuracy, ordering, nonce, tsa [0], extensions [1]: all optional, in that order.
            var nonce: UInt64?
            while let field = nodes.next() {
                // A negative or wider nonce is not one cxaudit sent: nil, which matches none.
                if field.identifier == .integer { nonce = try? UInt64(derEncoded: field) }
            }
            return (policy, imprint, serial, genTime, nonce)
        }
    }

    /// Whether the token echoes `nonce`.
    public func echoes(nonce expected: UInt64) -> Bool {
        nonce == expected
    }

    static func date(_ time: GeneralizedTime) throws -> Date {
        var components = DateComponents()
        components.year = time.year
        components.month = time.month
        components.day = time.day
        components.hour = time.hours
        components.minute = time.minutes
        components.second = time.seconds
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let date = calendar.date(from: components) else {
            throw ASN1Error.invalidASN1Object(reason: "genTime \(time) is not a date")
        }
        return date.addingTimeInterval(time.fractionalSeconds)
    }
}
