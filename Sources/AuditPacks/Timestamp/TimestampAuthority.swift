public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An RFC 3161 time-stamping authority reached over HTTP (RFC 3161 §3.4): it is sent the
/// SHA-256 of the bytes to stamp — never the bytes — and answers with a signed token
/// saying it saw that hash at a given time.
public struct TimestampAuthority: Sendable {
    /// The TSA's endpoint.
    public let url: URL
    /// How long to wait for the answer: a pack is made once, and a TSA that does not
    /// answer should fail it rather than hang a pipeline.
    public let timeout: TimeInterval

    /// The TSA at `url`.
    public init(url: URL, timeout: TimeInterval = 30) {
        self.url = url
        self.timeout = timeout
    }

    /// Time-stamps `data`: POSTs a request for its SHA-256 with a fresh nonce, and checks the
    /// answer is a granted, validly signed token for that hash and nonce.
    ///
    /// - Returns: The TSA's whole response (DER `TimeStampResp`), what `verdict.tsr` holds.
    /// - Throws: `TimestampError` when the TSA cannot be reached, answers an HTTP error,
    ///   refuses, or answers with anything but a valid time-stamp of `data`.
    public func timestamp(_ data: Data) async throws(TimestampError) -> Data {
        let request = TimeStampRequest(imprint: MessageImprint(of: data))
        let shown = url.absoluteString
        var http = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        http.httpMethod = "POST"
        http.setValue(TimeStampRequest.mediaType, forHTTPHeaderField: "Content-Type")
        http.setValue(TimeStampResponse.mediaType, forHTTPHeaderField: "Accept")
        let body: Data
        let response: URLResponse
        do {
            http.httpBody = try request.encoded()
            (body, response) = try await URLSession.shared.data(for: http)
        } catch {
            throw .unreachable(url: shown, reason: error.localizedDescription)
        }
        if let response = response as? HTTPURLResponse, !(200..<300).contains(response.statusCode) {
            throw .httpStatus(url: shown, status: response.statusCode)
        }
        let parsed: TimeStampResponse
        do {
            parsed = try TimeStampResponse(derEncoded: body)
        } catch {
            throw .invalidResponse(url: shown, reason: error)
        }
        guard parsed.isGranted else { throw .notGranted(url: shown, status: parsed.status, text: parsed.statusText) }
        do {
            _ = try parsed.token(answering: request, for: data)
        } catch {
            throw .invalidResponse(url: shown, reason: error)
        }
        return body
    }
}
