public import AuditEngine
import AuditEvidence
public import AuditHistory
public import AuditModel
public import AuditReports
import CalendarDates
public import Foundation

/// One audit as a pipeline of typed stages, each a value:
///
/// `AuditRequest` → `LoadedAudit` (configuration, rulesets, profiles, waivers) →
/// `EvaluatedAudit` (the engine's run) → `AdjudicatedAudit` (waivers and baseline applied:
/// the run is final) → recorded in history → rendered reports.
///
/// Commands only turn options into a request, print what the stages report and map the
/// outcome to an exit status; tests run the same stages in process.
public struct AuditPipeline: Sendable {
    public let request: AuditRequest

    /// A pipeline for one request; nothing is read until `load`.
    public init(request: AuditRequest) {
        self.request = request
    }

    /// Finds the resources, reads cxaudit.toml, and loads the criteria. A ruleset that cannot
    /// be used is left out and reported (the run says it is incomplete); a profile or waiver
    /// file that cannot be applied stops the audit before it starts, since results without it
    /// would mislead.
    public func load(locator: ResourceLocator? = ResourceLocator.locate()) throws(PipelineError) -> LoadedAudit {
        guard let locator else { throw .resourcesNotFound }
        let folder = request.evidenceFolder ?? locator.defaultEvidence
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notAFolder(folder.path)
        }
        let configuration: JobConfiguration
        do {
            configuration = request.readsConfiguration ? try JobConfiguration.load(from: folder) ?? JobConfiguration() : JobConfiguration()
        } catch {
            throw .configuration(error)
        }
        let rulesetURLs = !request.rulesets.isEmpty ? request.rulesets
            : !configuration.rulesets.isEmpty ? configuration.rulesets : [locator.defaultRuleset]
        let (rulesets, failures) = try loadRulesets(rulesetURLs, locator: locator)
        guard !rulesets.isEmpty else { throw .noUsableRuleset(failures) }

        let profileURLs = !request.profiles.isEmpty ? request.profiles : configuration.profiles
        let profileLoader: ProfileLoader
        do {
            profileLoader = try ProfileLoader(schema: locator.profileSchema)
        } catch {
            throw .criteria(error)
        }
        var profiles: [Profile] = []
        for url in profileURLs {
            let profile: Profile
            do {
                let file = try locator.find(url, kind: "profile", displayName: request.display(url))
                profile = try profileLoader.load(file, for: rulesets, displayName: request.display(url))
            } catch {
                throw .criteria(error)
            }
            if let other = profiles.first(where: { $0.rulesetId == profile.rulesetId }) {
                throw .profileConflict(file: profile.file, rulesetId: profile.rulesetId, other: other.file)
            }
            profiles.append(profile)
        }
        let waiverURLs = !request.waivers.isEmpty ? request.waivers : configuration.waivers
        var waivers: [Waiver] = []
        do throws(RulesetError) {
            let loader = try WaiverLoader(schema: locator.waiverSchema)
            for url in waiverURLs {
                let file = try locator.find(url, kind: "waiver file", displayName: request.display(url))
                waivers += try loader.load(file, for: rulesets, displayName: request.display(url))
            }
        } catch {
            throw .criteria(error)
        }
        let registerLoader: EvidenceRegisterLoader
        do {
            registerLoader = try EvidenceRegisterLoader(schema: locator.registerSchema)
        } catch {
            throw .evidence(error)
        }
        return LoadedAudit(
            request: request, locator: locator, configuration: configuration, evidenceFolder: folder, rulesets: rulesets,
            profiles: profiles, waivers: waivers, rulesetFailures: failures, registerLoader: registerLoader)
    }

    /// Each ruleset once, in order; those that cannot be used are reported and left out.
    private func loadRulesets(_ urls: [URL], locator: ResourceLocator) throws(PipelineError) -> ([Ruleset], [LoadedAudit.RulesetFailure]) {
        let loader: RulesetLoader
        do {
            loader = try RulesetLoader(schema: locator.rulesetSchema)
        } catch {
            throw .criteria(error)
        }
        var rulesets: [Ruleset] = []
        var failures: [LoadedAudit.RulesetFailure] = []
        for url in urls {
            do {
                let file = try locator.find(url, kind: "ruleset", displayName: request.display(url))
                let ruleset = try loader.load(file, displayName: request.display(url))
                if let first = rulesets.first(where: { $0.id == ruleset.id }) {
                    let problem = Diagnostic(
                        location: SourceLocation(file: ruleset.file),
                        message: "ruleset '\(ruleset.id)' is already loaded from \(first.file); each ruleset may be given once")
                    failures.append(LoadedAudit.RulesetFailure(message: problem.description, diagnostics: [problem]))
                    continue
                }
                rulesets.append(ruleset)
            } catch {
                failures.append(LoadedAudit.RulesetFailure(message: error.errorDescription ?? "\(error)", diagnostics: error.diagnostics))
            }
        }
        return (rulesets, failures)
    }
}

/// The first stage: everything the audit needs, loaded and checked.
public struct LoadedAudit: Sendable {
    /// A ruleset that could not be used: the run goes on without it, and says it is incomplete.
    public struct RulesetFailure: Sendable {
        /// The problem, as printed.
        public let message: String
        public let diagnostics: [Diagnostic]
    }

    public let request: AuditRequest
    public let locator: ResourceLocator
    public let configuration: JobConfiguration
    public let evidenceFolder: URL
    public let rulesets: [Ruleset]
    public let profiles: [Profile]
    public let waivers: [Waiver]
    public let rulesetFailures: [RulesetFailure]
    let registerLoader: EvidenceRegisterLoader

    /// The baseline results file the run is compared with: the request's, else cxaudit.toml's;
    /// nil when neither names one.
    public var baseline: URL? { request.baseline ?? configuration.baseline }

    /// Who the traceability CSV is written for: the request's, else cxaudit.toml's, else a spreadsheet.
    public var csvDialect: CSVDialect { request.csvDialect ?? configuration.csvDialect ?? .spreadsheet }

    /// Cores the run may use, for the evidence and for the reports: the request's jobs, else
    /// cxaudit.toml's, else the processors.
    public var parallelism: Int { request.jobs ?? configuration.jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// Runs the engine over the evidence.
    ///
    /// - Parameter progress: Called as items are parsed and finish (`AuditProgress`), never
    ///   concurrently, for a progress display.
    public func evaluate(progress: (@Sendable (AuditProgress) -> Void)? = nil) async throws(PipelineError) -> EvaluatedAudit {
        var options = AuditOptions(asOf: request.asOf ?? request.today, parallelism: parallelism)
        options.progress = progress
        options.knownEvidenceTypes = locator.shippedEvidenceTypes
        var run: AuditRun
        do {
            run = try await Auditor(options: options).run(
                rulesets: rulesets, profiles: profiles, folder: EvidenceFolder(root: evidenceFolder), registerLoader: registerLoader)
        } catch {
            throw .evidence(error)
        }
        run.diagnostics.insert(contentsOf: rulesetFailures.flatMap(\.diagnostics), at: 0)
        return EvaluatedAudit(loaded: self, run: run)
    }
}

/// The second stage: the engine's run, before waivers and the baseline are applied.
public struct EvaluatedAudit: Sendable {
    public let loaded: LoadedAudit
    public let run: AuditRun

    /// Applies the waivers, then compares with the baseline (the request's, else
    /// cxaudit.toml's). A baseline file that does not exist yet, named by either, means
    /// every finding is new: a scheduled job's first night looks the same whichever way
    /// its baseline is named, and a missing baseline can only make more findings count,
    /// never let a known one pass.
    public func adjudicate() throws(PipelineError) -> AdjudicatedAudit {
        var run = SystemicEscalation.apply(to: loaded.waivers.isEmpty ? self.run : WaiverApplication.apply(loaded.waivers, to: self.run))
        let request = loaded.request
        var baseline = AdjudicatedAudit.Baseline.none
        if let url = loaded.baseline {
            if FileManager.default.fileExists(atPath: url.path) {
                do {
                    run = try BaselineComparator.compare(run, withBaseline: url, displayName: request.display(url))
                } catch {
                    throw .baseline(error)
                }
                baseline = .compared
            } else {
                baseline = .notYet(request.display(url))
            }
        }
        return AdjudicatedAudit(loaded: loaded, run: run, baseline: baseline)
    }
}

/// The third stage: the run as final — waivers applied, findings marked against the baseline.
public struct AdjudicatedAudit: Sendable {
    /// What became of the baseline.
    public enum Baseline: Sendable, Equatable {
        /// None was asked for.
        case none
        /// The run was compared with it (`run.baseline` holds the comparison).
        case compared
        /// The one named (by the request or cxaudit.toml) does not exist yet: every finding is new.
        case notYet(String)
    }

    public let loaded: LoadedAudit
    public let run: AuditRun
    public let baseline: Baseline

    /// The history store the run is recorded in, when the request or cxaudit.toml asks for it.
    public var historyStore: HistoryLocation? {
        guard loaded.request.recordsHistory ?? loaded.configuration.history ?? false else { return nil }
        return loaded.request.historyStore ?? loaded.configuration.historyStore
            ?? .file(HistoryStore.defaultURL(forEvidenceFolder: loaded.evidenceFolder))
    }

    /// The site the run is recorded for: `--site`, else cxaudit.toml's `site`, else the register's
    /// organization, as runs recorded before sites were are keyed, so a folder's history goes on
    /// unbroken.
    public var site: String {
        loaded.request.site ?? loaded.configuration.site ?? run.evidence.organization
    }

    /// Records the run in the history store, if one is asked for; returns its id there.
    public func record(at date: Date) throws(PipelineError) -> (store: HistoryLocation, id: RunID)? {
        guard let location = historyStore else { return nil }
        do {
            let store = try RunHistories.open(location)
            let id = try store.record(run, recordedAt: date, evidenceFolder: loaded.request.display(loaded.evidenceFolder), site: site)
            return (location, id)
        } catch {
            throw .history(error)
        }
    }

    /// Recorded runs the HTML report and the Markdown summary show over time.
    public static let historyRunLimit = 12

    /// The most recent recorded runs, oldest first, for the reports' view over time; nil
    /// when runs are not recorded (the reports then say how to start). Read after
    /// `record(at:)`, so they end with this run; none when the store is not made yet (a
    /// pack before the first recorded check).
    public func recordedRuns(limit: Int = historyRunLimit) throws(PipelineError) -> [RecordedRun]? {
        guard let location = historyStore else { return nil }
        if case let .file(url) = location, !FileManager.default.fileExists(atPath: url.path) { return [] }
        do {
            let store = try RunHistories.open(location, create: false)
            let summaries = try store.runs(limit: limit, site: site)
            var verdicts: [RunID: [RecordedRun.ClauseVerdictPoint]] = [:]
            for trend in try store.clauseTrends(limit: limit, site: site) {
                for point in trend.points {
                    verdicts[point.run, default: []].append(
                        RecordedRun.ClauseVerdictPoint(rulesetId: point.rulesetId, clause: point.clause, verdict: point.verdict))
                }
            }
            return summaries.reversed().map { summary in
                RecordedRun(
                    number: summary.id.rawValue, asOf: summary.asOf, conformityScore: summary.conformityScore,
                    clauses: verdicts[summary.id] ?? [],
                    editions: Dictionary(
                        summary.rulesets.compactMap { ruleset in ruleset.edition.map { (ruleset.id, $0) } }, uniquingKeysWith: { first, _ in first }))
            }
        } catch {
            throw .history(error)
        }
    }

    /// The reports, rendered in memory; only the caller writes them.
    ///
    /// - Parameter history: The recorded runs to show over time (`recordedRuns()`); nil
    ///   when runs are not recorded.
    public func render(
        _ formats: [ReportFormat], generatedAt: ReportTimestamp, colors: Bool, history: [RecordedRun]? = nil
    ) throws(PipelineError) -> [(format: ReportFormat, data: Data)] {
        let context = ReportContext(
            generatedAt: generatedAt, evidenceFolder: loaded.request.display(loaded.evidenceFolder),
            rules: RuleDescription.catalog(of: loaded.rulesets), history: history, csvDialect: loaded.csvDialect,
            parallelism: loaded.parallelism)
        var rendered: [(format: ReportFormat, data: Data)] = []
        for format in formats {
            do {
                rendered.append((format, try format.render(run, context: context, colors: colors)))
            } catch {
                throw .render(format: format, reason: "\(error)")
            }
        }
        return rendered
    }

    /// How many active findings decide the exit status (`RunCounts.failing`): those at or above
    /// `threshold` (none when nil), and only new ones when `onlyNew` and the run was compared
    /// with a baseline. Waived findings never count.
    public func failingFindings(threshold: Grade?, onlyNew: Bool) -> Int {
        RunCounts(run).failing(threshold: threshold, onlyNew: onlyNew)
    }
}
