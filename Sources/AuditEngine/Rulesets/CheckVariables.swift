import AuditModel

/// Variables the evaluator binds for each kind of check, besides the ruleset's
/// parameters and the check's own `let`s. Documented in docs/ruleset-language.md.
enum CheckVariables {
    /// Bound in presence messages.
    static let presence: Set<String> = ["count", "min", "within", "newest"]
    /// Bound in freshness messages.
    static let freshness: Set<String> = ["newest", "age-days", "max-age", "item"]
    /// Bound in record assertion tests and messages.
    static let records: Set<String> = ["record-key", "item"]
    /// Bound in aggregate tests and messages.
    static let aggregate: Set<String> = ["item"]
    /// Bound in trend messages.
    static let trend: Set<String> = ["first", "last", "slope", "periods", "series", "window", "tolerance", "first-period", "last-period"]
    /// Bound in cross-reference messages.
    static let crossReference: Set<String> = ["key", "record-key", "target", "item"]
}
