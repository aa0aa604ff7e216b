public import AuditModel
public import Foundation

/// Each report format's renderer: the one switch that picks the reporter.
extension ReportFormat {
    /// Renders `run` in this format, in memory; only `ArtifactWriter` writes files.
    ///
    /// - Parameters:
    ///   - colors: ANSI colours for the console format (ignored by the others).
    /// - Throws: an encoding error from the JSON-based formats (not expected for valid runs).
    public func render(_ run: AuditRun, context: ReportContext, colors: Bool = false) throws -> Data {
        switch self {
        case .console: return Data(ConsoleReport(colors: colors).render(run).utf8)
        case .json: return try JSONReport.render(run, context: context)
        case .junit: return JUnitReport.render(run, context: context)
        case .sarif: return try SARIFReport.render(run, context: context)
        case .svrl: return SVRLReport.render(run, context: context)
        case .oscal: return try OSCALReport.render(run, context: context)
        case .html: return HTMLReport.render(run, context: context)
        case .csv: return TraceabilityCSV.render(run, context: context)
        case .markdown: return MarkdownSummary.render(run, context: context)
        }
    }
}
