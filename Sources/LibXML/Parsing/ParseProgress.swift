/// Tells a caller how far parsing has got into a file, at most once every `step` bytes:
/// parsing a 100 MB file takes seconds, and a progress display should move meanwhile, but
/// a callback for every element or record would cost more than the element.
///
/// The XML parser reaches it from its start-tag hook through the context's collector; the
/// CSV adapter calls it record by record. The callback is plain Swift, so no libxml2 type
/// leaves this module.
public final class ParseProgress {
    public static let step = 1 << 20

    private let report: (Int) -> Void
    private var next = step

    /// - Parameter report: Called with the bytes parsed so far.
    public init(_ report: @escaping (Int) -> Void) {
        self.report = report
    }

    /// Parsing has consumed `bytes` of the input.
    public func reached(_ bytes: Int) {
        guard bytes >= next else { return }
        next = bytes + Self.step
        report(bytes)
    }
}
