import AuditModel

extension ClauseVerdict {
    /// The HTML report's colour class for the verdict (`badge pass`, `badge major`…),
    /// shared by the clause table and the view over time so a verdict looks the same in both.
    var cssClass: String {
        switch self {
        case .conforming: return "pass"
        case .majorNonconformity: return "major"
        case .minorNonconformity: return "minor"
        case .opportunityForImprovement: return "ofi"
        case .notApplicable: return "na"
        case .notAssessed: return "error"
        }
    }
}
