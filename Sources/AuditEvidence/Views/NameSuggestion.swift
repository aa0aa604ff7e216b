/// "Did you mean …": the closest of some names to what was written, by edit distance,
/// ignoring case and the punctuation that separates words.
public enum NameSuggestion {
    /// The candidate closest to any of `targets`, when it is close enough to be a likely
    /// match: at most one character in `tolerance` of the longer name differs (at least one
    /// always may); nil otherwise.
    public static func closest(to targets: [String], among candidates: [String], tolerance: Int = 3) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let normalizedCandidate = normalized(candidate)
            for target in targets {
                let normalizedTarget = normalized(target)
                let distance = editDistance(normalizedTarget, normalizedCandidate)
                let limit = max(1, max(normalizedTarget.count, normalizedCandidate.count) / tolerance)
                guard distance <= limit else { continue }
                if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
            }
        }
        return best?.name
    }

    /// The candidates close to `target`, closest first (ties in candidate order), at most
    /// `limit`: "did you mean …" when several names are near (`ISO9001-9.3-1`).
    public static func ranked(_ target: String, among candidates: [String], tolerance: Int = 3, limit: Int = 3) -> [String] {
        let wanted = normalized(target)
        let scored = candidates.enumerated().compactMap { position, candidate -> (String, Int, Int)? in
            let name = normalized(candidate)
            let distance = editDistance(wanted, name)
            return distance <= max(1, max(wanted.count, name.count) / tolerance) ? (candidate, distance, position) : nil
        }
        return scored.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.prefix(limit).map(\.0)
    }

    private static func normalized(_ name: String) -> [Character] {
        Array(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Levenshtein distance.
    static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = previous
        for (i, left) in lhs.enumerated() {
            current[0] = i + 1
            for (j, right) in rhs.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
