/// How far a run has got, for a progress display: evidence items finished, and bytes of
/// evidence read and parsed, which move while a single large file is parsed and make an
/// estimate of the time left possible (parsing time grows with the bytes, not the items).
public struct AuditProgress: Sendable, Hashable {
    /// Evidence items finished (read, checked against their contract, evaluated).
    public var itemsDone: Int
    /// Evidence items the run reads, hashed-only ones included.
    public var itemsTotal: Int
    /// Bytes of evidence read and parsed so far, part of a file being parsed included.
    public var bytesDone: Int
    /// Bytes of all the evidence files the run reads, as their sizes were before reading.
    public var bytesTotal: Int

    public init(itemsDone: Int, itemsTotal: Int, bytesDone: Int, bytesTotal: Int) {
        self.itemsDone = itemsDone
        self.itemsTotal = itemsTotal
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
    }
}
