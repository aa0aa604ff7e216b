/// Tells a caller how far the parser has got into a document, at most once every `step`
/// bytes: parsing a 100 MB file takes seconds, and a progress display should move meanwhile.
///
/// Reached from the parser's start-tag hook through the context's collector; the callback is
/// plain Swift, so no libxml2 type leaves this module.
final class ParseProgress {
    static let step = 1 << 20

    private let report: (Int) -> Void
    private var next = step

    init(_ report: @escaping (Int) -> Void) {
        self.report = report
    }

    /// The parser has consumed `bytes` of the input.
    func reached(_ bytes: Int) {
        guard bytes >= next else { return }
        next = bytes + Self.step
        report(bytes)
    }
}
