/// What reading one evidence file is given besides its bytes: how much memory its view may
/// take, and whom to tell how far it has got, so that a progress display moves while a large
/// file is parsed instead of standing still until the file is done.
public struct EvidenceReadOptions: Sendable {
    /// Bounds the fields, values and cells the view may have.
    public var budget: ViewMemoryBudget
    /// Called with the bytes of the file read and parsed so far, about every megabyte, on the
    /// thread that reads it. Adapters that cannot tell (JSON, which Foundation parses whole,
    /// and office files) do not call it; the caller knows when the read has finished.
    public var progress: (@Sendable (Int) -> Void)?

    /// This machine's budget and no progress unless given.
    public init(budget: ViewMemoryBudget = .machine, progress: (@Sendable (Int) -> Void)? = nil) {
        self.budget = budget
        self.progress = progress
    }
}
