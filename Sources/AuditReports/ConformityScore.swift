public import AuditModel

/// The share of evaluated rules that conform, as a percentage (see `AuditRun.conformityScore`).
public enum ConformityScore {
    public static func percentage(of run: AuditRun) -> Double? {
        run.conformityScore
    }
}
