/// Who reads the traceability CSV: `--csv-dialect` and cxaudit.toml's `csv-dialect`.
///
/// A spreadsheet needs a byte-order mark to read UTF-8 and clause ids written as text
/// formulas (`="9.2"`) to keep them from becoming numbers or dates; a program reading
/// RFC 4180 wants neither, so the matrix is written for one or the other.
public enum CSVDialect: String, Sendable, Hashable, CaseIterable {
    /// UTF-8 with a byte-order mark and clause ids as `="…"`: Excel and LibreOffice open
    /// it as it is meant. The default.
    case spreadsheet
    /// Plain RFC 4180 UTF-8 without a byte-order mark, every cell as its text.
    case plain
}
