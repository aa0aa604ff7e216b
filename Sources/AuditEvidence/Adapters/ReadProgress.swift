/// Passes an adapter's position in a file on to `EvidenceReadOptions.progress`, at most once
/// every `step` bytes: called for every record, the callback would cost more than the record.
struct ReadProgress {
    static let step = 1 << 20

    private let report: (@Sendable (Int) -> Void)?
    private var next = step

    init(_ report: (@Sendable (Int) -> Void)?) {
        self.report = report
    }

    /// The adapter has read and parsed the file up to `bytes`.
    mutating func reached(_ bytes: Int) {
        guard let report, bytes >= next else { return }
        next = bytes + Self.step
        report(bytes)
    }
}
