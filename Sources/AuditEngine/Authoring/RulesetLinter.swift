public import AuditModel
public import Foundation
import LibXML

/// Lints ruleset files: every problem `check` would refuse a ruleset for, found in
/// one pass, plus the likely mistakes and advice that do not stop it loading.
///
/// Loading stops at the first stage with problems (no language check of a
/// schema-invalid document) because it must not evaluate a broken ruleset; an
/// author fixing a file wants the whole list at once, so lint runs every stage
/// that can run. Language problems on a line the schema already rejected are left
/// out: they mostly restate the schema problem. The "unused" checks need the
/// whole model, so they run only on schema-valid files.
public struct RulesetLinter: Sendable {
    private let loader: RulesetLoader
    private let register: EvidenceRegister?

    /// - Parameters:
    ///   - loader: The loader whose stages lint reuses.
    ///   - register: An organization's register; evidence types with items in it count
    ///     as known even when a ruleset does not declare them.
    public init(loader: RulesetLoader, register: EvidenceRegister? = nil) {
        self.loader = loader
        self.register = register
    }

    /// Lints several files together; besides each file's own problems, ruleset ids
    /// declared by more than one file are flagged.
    ///
    /// - Parameter files: Each file with the name it has in messages.
    public func lint(_ files: [(url: URL, displayName: String)]) -> LintReport {
        var linted = files.map { lint($0.url, displayName: $0.displayName) }
        var firstFile: [String: String] = [:]
        for index in linted.indices {
            guard let id = linted[index].rulesetId else { continue }
            if let first = firstFile[id] {
                linted[index].diagnostics.append(
                    LintDiagnostic(
                        .duplicateRulesetId, at: SourceLocation(file: linted[index].file),
                        "ruleset id '\(id)' is also declared by \(first); check refuses to load both in one run, so give each ruleset its own id"))
            } else {
                firstFile[id] = linted[index].file
            }
        }
        return LintReport(files: linted)
    }

    /// Lints one file.
    public func lint(_ url: URL, displayName: String? = nil) -> LintedFile {
        let inspection = loader.inspect(url, displayName: displayName, checkLanguageDespiteSchemaProblems: true)
        if let unreadable = inspection.unreadable {
            return LintedFile(
                file: inspection.file, rulesetId: nil, rulesetVersion: nil, readable: !unreadable.isFileMissingOrUnreadable,
                diagnostics: unreadable.diagnostics.map { LintDiagnostic(.unreadable, $0) })
        }
        let schemaLines = Set(inspection.schemaProblems.compactMap(\.location.line))
        var diagnostics = inspection.schemaProblems.map { LintDiagnostic(.schema, $0) }
        diagnostics += inspection.languageProblems
            .filter { problem in problem.location.line.map { !schemaLines.contains($0) } ?? true }
            .map { LintDiagnostic(.language, $0) }
        if let root = inspection.document?.root {
            diagnostics += clauseCoverage(root, file: inspection.file)
        }
        if let ruleset = inspection.ruleset {
            // The reader leaves out rules the schema rejects, so "unused" would be guesswork then.
            diagnostics += advice(for: ruleset, reportUnused: inspection.schemaProblems.isEmpty)
        }
        return LintedFile(
            file: inspection.file, rulesetId: inspection.ruleset?.id, rulesetVersion: inspection.ruleset?.version, readable: true,
            diagnostics: diagnostics.sorted(by: LintDiagnostic.documentOrder))
    }

    /// Clauses with neither a rule nor a `<not-covered>` note, found in the document
    /// itself: the model drops rules the schema rejects, so it cannot tell.
    private func clauseCoverage(_ root: XMLNode, file: String) -> [LintDiagnostic] {
        root.childElements.filter { $0.localName == "clause" && $0.namespaceURI == RulesetLoader.namespace }.compactMap { clause in
            let children = Set(clause.childElements.map(\.localName))
            guard !children.contains("rule"), !children.contains("not-covered") else { return nil }
            let number = clause.attribute("number") ?? "?"
            return LintDiagnostic(
                .clauseCoverage, at: SourceLocation(file: file, line: clause.line, column: clause.column),
                "clause \(number) has neither a rule nor a <not-covered> note; add a rule, or a <not-covered> element saying why the clause is deliberately not checked")
        }
    }

    /// Checks of a ruleset that loads (or would, once its errors are fixed).
    private func advice(for ruleset: Ruleset, reportUnused: Bool) -> [LintDiagnostic] {
        var diagnostics: [LintDiagnostic] = []
        let declaredTypes = Set(ruleset.evidenceTypes.map(\.id))
        let registerTypes = register.map { Set($0.items.map(\.type)) }
        let standards = Set(ruleset.standards.map(\.id))
        var usedTypes = Set<String>()
        var usedParameters = Set<String>()

        for clause in ruleset.clauses {
            if let standard = clause.standard, !standards.contains(standard) {
                diagnostics.append(
                    LintDiagnostic(
                        .unknownStandard, at: clause.location,
                        "clause \(clause.number) names standard '\(standard)', which the ruleset does not declare; add <standard id=\"\(standard)\" title=\"…\"/> or correct the id"))
            }
        }
        for rule in ruleset.rules {
            usedParameters.formUnion(rule.parameterNames(in: ruleset))
            for type in Self.unique(rule.check.evidenceTypes) {
                usedTypes.insert(type)
                let inRegister = registerTypes?.contains(type)
                if !declaredTypes.contains(type) && inRegister != true {
                    let registerNote = register.map { " and the register \($0.file) has no item of that type" } ?? ""
                    diagnostics.append(
                        LintDiagnostic(
                            .undeclaredEvidenceType, at: rule.checkLocation,
                            "rule \(rule.id) reads evidence type '\(type)', which is not declared with <evidence-type id=\"\(type)\">\(registerNote); declare it, or correct the spelling (a misspelt type finds no evidence)"))
                } else if inRegister == false, let register {
                    diagnostics.append(
                        LintDiagnostic(
                            .evidenceTypeNotInRegister, at: rule.checkLocation,
                            "rule \(rule.id) reads evidence type '\(type)', of which the register \(register.file) has no item; against this register the rule finds no evidence"))
                }
            }
            diagnostics += rule.check.definition.lint(rule.check, rule: rule)
            if rule.references.isEmpty {
                diagnostics.append(
                    LintDiagnostic(
                        .noReference, at: rule.location,
                        "rule \(rule.id) cites no <reference>; name the standard clause, guidance or procedure it rests on so an auditee can look it up"))
            }
            for template in rule.messageTemplates {
                guard let parts = template.parts, !parts.contains(where: Self.isExpression) else { continue }
                diagnostics.append(
                    LintDiagnostic(
                        .messageWithoutValue, at: template.location,
                        "rule \(rule.id): the message interpolates no value; say what was found with placeholders such as {$late} or {complaint-id}"))
            }
        }
        diagnostics += ContractLint(ruleset: ruleset).diagnostics(reportUnused: reportUnused)
        guard reportUnused else { return diagnostics }
        for declaration in ruleset.evidenceTypes where !usedTypes.contains(declaration.id) {
            diagnostics.append(
                LintDiagnostic(
                    .unusedEvidenceType, at: declaration.location,
                    "evidence type '\(declaration.id)' is declared but no rule reads it; remove the declaration or add the rule that needs it"))
        }
        let usedSources = Set(ruleset.clauses.flatMap(\.crosswalk).compactMap(\.source))
        for source in ruleset.crosswalkSources where !usedSources.contains(source.id) {
            diagnostics.append(
                LintDiagnostic(
                    .unusedCrosswalkSource, at: source.location ?? SourceLocation(file: ruleset.file),
                    "crosswalk source '\(source.id)' is declared but no crosswalk entry names it; name it in source=\"\(source.id)\" or remove it"))
        }
        for parameter in ruleset.parameters where !usedParameters.contains(parameter.name) {
            diagnostics.append(
                LintDiagnostic(
                    .unusedParameter, at: parameter.location,
                    "parameter '\(parameter.name)' is declared but no rule uses it, so changing it changes nothing; use it as $\(parameter.name) or remove it"))
        }
        return diagnostics
    }

    private static func isExpression(_ part: MessageTemplate.Part) -> Bool {
        if case .expression = part { return true }
        return false
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
