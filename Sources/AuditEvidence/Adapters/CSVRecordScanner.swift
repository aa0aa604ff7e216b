/// The CSV quoting rules that decide where records start, taken one unit (byte or scalar)
/// at a time: a quote opens a quoted field only at the start of a field, `""` inside it
/// is a literal quote, and a line break inside it belongs to the field.
///
/// Kept apart from the loops that feed it (`CSVEvidenceAdapter.recordStarts`) so the bytes
/// of a text read through a `Span` and the scalars of a delimiter beyond ASCII follow one
/// set of rules.
struct CSVRecordScanner<Unit: Equatable> {
    /// The units that mean something to the rules.
    struct Syntax {
        let delimiter: Unit
        let quote: Unit
        let lineFeed: Unit
        let carriageReturn: Unit
    }

    private let syntax: Syntax
    /// Fields the text may have; `overLimitLine` is set where one more starts.
    private let fieldLimit: Int
    /// The line of the unit being read.
    private(set) var line = 1
    /// Fields started so far, the header's included.
    private(set) var fields = 0
    /// Where a quoted field opened that is still open, if one is.
    private(set) var openQuoteLine: Int?
    /// The line where the field limit was passed, once it is.
    private(set) var overLimitLine: Int?
    private var atFieldStart = true
    private var atRecordStart = true

    init(_ syntax: Syntax, fieldLimit: Int) {
        self.syntax = syntax
        self.fieldLimit = fieldLimit
    }

    /// Reads `unit`, with `next` (nil at the end of the text) ahead of it.
    ///
    /// - Returns: The line of the record `unit` starts, if it starts one, and whether
    ///   `next` belongs to `unit` (the second quote of `""`, the line feed of CR LF) and is
    ///   to be skipped.
    @inline(__always)
    mutating func read(_ unit: Unit, before next: Unit?) -> (recordLine: Int?, skipsNext: Bool) {
        var recordLine: Int?
        if atRecordStart {
            recordLine = line
            atRecordStart = false
            fields += 1
        }
        if openQuoteLine != nil {
            if unit == syntax.quote {
                if next == syntax.quote { return (recordLine, true) }
                if next == nil || next == syntax.delimiter || next == syntax.lineFeed || next == syntax.carriageReturn {
                    openQuoteLine = nil
                }
            } else if unit == syntax.lineFeed || (unit == syntax.carriageReturn && next != syntax.lineFeed) {
                line += 1
            }
            return (recordLine, false)
        }
        if unit == syntax.quote && atFieldStart {
            openQuoteLine = line
            atFieldStart = false
            return (recordLine, false)
        }
        atFieldStart = unit == syntax.delimiter
        if atFieldStart {
            fields += 1
        }
        if fields > fieldLimit, overLimitLine == nil {
            overLimitLine = line
        }
        let skipsNext = unit == syntax.carriageReturn && next == syntax.lineFeed
        if unit == syntax.lineFeed || unit == syntax.carriageReturn {
            line += 1
            atFieldStart = true
            atRecordStart = true
        }
        return (recordLine, skipsNext)
    }
}
