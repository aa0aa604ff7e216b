import AuditEvidence
import AuditModel
import CalendarDates
import Foundation

/// Which of a table's unclaimed columns holds each contract field the file names
/// otherwise, for `evidence init`: first by name (words shared with the field's name or
/// aliases, a number column such as "Job no" for a reference field), then by what the
/// values are (the only date column left for the only date field left, the only yes/no
/// column left for the only yes/no field left, the last column for the last required
/// field). Every match is a guess with its reason, for the register's comments.
enum ColumnMatcher {
    /// A column no contract field claimed, with its values.
    struct Column {
        let label: String
        let values: [String]
        /// What the values are, worked out once: every field is compared with every column.
        let kind: ValueKind

        init(label: String, values: [String]) {
            self.label = label
            self.values = values
            kind = ColumnMatcher.kind(ofValues: values)
        }
    }

    /// A field proposed to be read from a column, and why.
    struct Match: Equatable {
        let field: String
        let column: String
        let reason: String
    }

    /// Matches for `fields` (those the file lacks) among `columns`.
    ///
    /// - Parameter aliases: More names for a field (the shipped contract's), by field name.
    static func matches(for fields: [EvidenceContract.Field], among columns: [Column], aliases: [String: [String]]) -> [Match] {
        var fieldsLeft = fields
        var columnsLeft = columns
        var matches: [Match] = []
        func take(_ field: EvidenceContract.Field, _ column: Column, _ reason: String) {
            matches.append(Match(field: field.name, column: column.label, reason: reason))
            fieldsLeft.removeAll { $0.name == field.name }
            columnsLeft.removeAll { $0.label == column.label }
        }

        // By name, best pair first.
        var pairs: [(field: EvidenceContract.Field, column: Column, score: Double)] = []
        for field in fields {
            let names = [field.name] + field.aliases + (aliases[field.name] ?? [])
            for column in columns where Self.fits(column, field) {
                let score = Self.nameScore(column.label, names: names)
                if score >= 0.3 { pairs.append((field, column, score)) }
            }
        }
        for pair in pairs.sorted(by: { $0.score > $1.score }) where
            fieldsLeft.contains(where: { $0.name == pair.field.name }) && columnsLeft.contains(where: { $0.label == pair.column.label })
        {
            take(pair.field, pair.column, "the closest column")
        }

        // By what the values are: one field of a kind left and one column of that kind.
        for kind in [ValueKind.date, .yesNo, .number, .identifier] {
            let kindFields = fieldsLeft.filter { Self.kind(of: $0) == kind }
            let kindColumns = columnsLeft.filter { $0.kind == kind }
            if kindFields.count == 1, kindColumns.count == 1, let field = kindFields.first, let column = kindColumns.first {
                take(field, column, "the only \(kind.rawValue) column left")
            }
        }
        let required = fieldsLeft.filter(\.isRequired)
        if required.count == 1, columnsLeft.count == 1, let field = required.first, let column = columnsLeft.first, Self.fits(column, field) {
            take(field, column, "the only column left")
        }
        return matches
    }

    // MARK: - Names

    /// Words that say little about which field a header holds.
    private static let fillerWords: Set<String> = ["on", "at", "the", "of", "by", "date", "is", "was", "a", "to"]
    /// Header endings that mark a number or reference column ("Job no", "CAPA #").
    private static let referenceWords: Set<String> = ["no", "nr", "number", "num", "id", "ref", "reference", "#"]

    /// 0–1: the largest share of words a header shares with one of the names (a word
    /// matches a word with the same first four letters, "reply" and "replied"), raised
    /// when both are references; half for a name within a few letters.
    static func nameScore(_ label: String, names: [String]) -> Double {
        let labelWords = words(label)
        var best = 0.0
        for name in names {
            let nameWords = words(name)
            let shared = labelWords.filter { word in nameWords.contains { Self.sameWord(word, $0) } }.count
            let whole = max(labelWords.count, nameWords.count)
            if whole > 0 { best = max(best, Double(shared) / Double(whole)) }
        }
        // A different spelling of a name ("Client", "Patient") counts as half a match.
        if NameSuggestion.closest(to: names, among: [label], tolerance: 2) != nil { best = max(best, 0.5) }
        if isReference(label), names.contains(where: isReference) { best += 0.4 }
        return best
    }

    /// The words of a name that tell fields apart; every word for a number or reference is one word.
    private static func words(_ text: String) -> [String] {
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { !fillerWords.contains($0) }
        return words.map { referenceWords.contains($0) ? "#" : $0 } + (text.hasSuffix("#") ? ["#"] : [])
    }

    private static func isReference(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if lowered.hasSuffix("#") { return true }
        guard let last = lowered.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).last else { return false }
        return referenceWords.contains(String(last)) || lowered == "id"
    }

    /// The same word, another form of it (same first four letters) or its abbreviation ("ack").
    private static func sameWord(_ lhs: String, _ rhs: String) -> Bool {
        let (short, long) = lhs.count <= rhs.count ? (lhs, rhs) : (rhs, lhs)
        return short == long || (short.count >= 4 && short.prefix(4) == long.prefix(4)) || (short.count >= 3 && long.hasPrefix(short))
    }

    // MARK: - Values

    /// What a column's values or a field's type are, as far as telling columns apart goes.
    enum ValueKind: String {
        case date, yesNo = "yes/no", number
        /// A code in every record, each different, with a digit and no space (`CP-012`).
        case identifier = "reference"
        case other
    }

    private static func kind(of field: EvidenceContract.Field) -> ValueKind {
        switch field.type {
        case .date, .datetime: return .date
        case .number, .integer, .percent: return .number
        case .boolean: return .yesNo
        case .enum: return Set(field.values.map { $0.lowercased() }) == ["yes", "no"] ? .yesNo : .other
        case .id: return .identifier
        case .text: return .other
        }
    }

    private static func kind(ofValues all: [String]) -> ValueKind {
        let values = all.filter { !$0.isEmpty }
        guard !values.isEmpty else { return .other }
        if values.allSatisfy(isDate) { return .date }
        if values.allSatisfy({ yesNoWord($0) != nil }) { return .yesNo }
        if values.allSatisfy({ Double($0.replacingOccurrences(of: ",", with: ".")) != nil }) { return .number }
        let isCode = values.allSatisfy { value in value.contains(where: \.isNumber) && !value.contains(where: \.isWhitespace) }
        if isCode, values.count == all.count, Set(values).count == values.count { return .identifier }
        return .other
    }

    /// Whether a column's values can be the field's: dates for a date, distinct values for
    /// an id, anything but dates for text.
    static func fits(_ column: Column, _ field: EvidenceContract.Field) -> Bool {
        let columnKind = column.kind
        switch field.type {
        case .date, .datetime: return columnKind == .date || column.values.allSatisfy(\.isEmpty)
        case .number, .integer, .percent: return columnKind == .number || columnKind == .yesNo && field.type == .integer
        case .boolean: return columnKind == .yesNo
        case .enum: return kind(of: field) == .yesNo ? columnKind == .yesNo : columnKind == .other
        case .id:
            let values = column.values.filter { !$0.isEmpty }
            return columnKind != .date && Set(values).count == values.count && values.count == column.values.count
        case .text: return columnKind != .date
        }
    }

    private static func isDate(_ value: String) -> Bool {
        CalendarDate(iso: String(value.prefix(10))) != nil || ValueConventions.DateFormat.guessed(from: value) != nil
    }

    /// The contract word (`yes`/`no`) a yes/no answer stands for, as exports write them.
    static func yesNoWord(_ value: String) -> String? {
        FieldValueReader.truth(of: value).map { $0 ? "yes" : "no" }
    }

    /// The opposite answer written the same way (`Y` for `N`, `1` for `0`).
    static func counterpart(_ value: String) -> String? {
        let pairs = [("Y", "N"), ("y", "n"), ("1", "0"), ("true", "false"), ("True", "False"), ("TRUE", "FALSE")]
        for (yes, no) in pairs {
            if value == yes { return no }
            if value == no { return yes }
        }
        return nil
    }
}
