import AuditModel
import NIOSSL
import PostgresNIO

/// The TLS settings for an address's `sslmode`, with libpq's meanings: `prefer` and `require`
/// encrypt without checking the server's certificate; `verify-ca` checks it against
/// `sslrootcert`; `verify-full` also checks that it names the host.
enum PostgresTLS {
    static func configuration(for address: PostgresAddress) throws(HistoryError) -> PostgresConnection.Configuration.TLS {
        guard address.tls != .disable else { return .disable }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch address.tls {
        case .disable, .prefer, .require:
            tls.certificateVerification = .none
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        if let rootCertificate = address.rootCertificate {
            tls.trustRoots = .file(rootCertificate)
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw .unreachable(path: address.description, reason: "cannot set up TLS with sslrootcert \(address.rootCertificate ?? "-") (\(error))")
        }
        return address.tls == .prefer ? .prefer(context) : .require(context)
    }
}
