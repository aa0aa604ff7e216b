import AuditModel
public import Foundation
import SwiftASN1
import X509

/// The certificates a time-stamp must chain to for `cxaudit verify` to call it trusted:
/// the TSA's own certificate, or the CA that issued it (`--tsa-cert`, PEM).
///
/// A token carries the TSA's certificate, so its signature can always be checked; but
/// anyone can make a certificate, and only one the auditor chose to trust says *who*
/// vouches for the time.
public struct TSATrust: Sendable {
    let certificates: [Certificate]

    /// The certificates in a PEM file (one or more `CERTIFICATE` blocks).
    ///
    /// - Throws: `PackKeyError` naming the file when it cannot be read or holds no certificate.
    public init(contentsOf url: URL) throws(PackKeyError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PackKeyError(path: url.path, reason: "cannot read the TSA certificate: \(FileErrorReason.describe(error, reading: url))")
        }
        do {
            let blocks = try PEMDocument.parseMultiple(pemString: text).filter { $0.discriminator == "CERTIFICATE" }
            certificates = try blocks.map { try Certificate(derEncoded: $0.derBytes) }
        } catch {
            throw PackKeyError(path: url.path, reason: "not a PEM certificate (\(error)); give the TSA's certificate or its CA as PEM (-----BEGIN CERTIFICATE-----)")
        }
        guard !certificates.isEmpty else {
            throw PackKeyError(path: url.path, reason: "holds no PEM certificate; give the TSA's certificate or its CA as PEM (-----BEGIN CERTIFICATE-----)")
        }
    }
}
