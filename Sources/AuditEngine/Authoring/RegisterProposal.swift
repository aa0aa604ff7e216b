import AuditEvidence
public import AuditModel
public import CalendarDates
public import Foundation
import LibXML

/// A proposed evidence register for a folder of exports: for each file, the evidence type
/// whose contract its columns or structure fit best, the mappings for fields found under
/// other names, the value conventions its values show, and its dates read from the data.
/// Every guess is marked, for a person to confirm (`cxaudit evidence init`).
public struct RegisterProposal: Sendable {
    /// One file placed as an item.
    public struct Placement: Sendable {
        public var item: EvidenceItem
        /// How well the file fits the type's contract, 0–1 (see `score`).
        public var confidence: Double
        /// Why each guess was made, for the comments.
        public var notes: [String]
        /// Why each `<map>` names its column, by field.
        public var mappingReasons: [String: String] = [:]
    }

    /// The files placed as items, in path order.
    public var placements: [Placement] = []
    /// Files not placed, with why.
    public var unplaced: [(file: String, reason: String)] = []
    /// Types the rulesets read that no file was placed as.
    public var missingTypes: [String] = []
    /// Activities the rulesets' applicability conditions ask about: the register's scope
    /// declares those the organization performs.
    public var scopeActivities: [String] = []

    /// Proposes a register for the files under `folder`.
    ///
    /// - Parameters:
    ///   - rulesets: The rulesets the organization will be audited against: the types they
    ///     read and no file provides are listed in `missingTypes`.
    ///   - knownRulesets: Further rulesets (the shipped ones) whose contracts a file may fit
    ///     better, so that a file of another ruleset's type is not forced onto one of these.
    ///   - today: Dates after it (targets, due dates) do not date an item.
    public init(folder: URL, rulesets: [Ruleset], knownRulesets: [Ruleset] = [], today: CalendarDate) {
        // A type the selected rulesets declare is held to their contract (what they require);
        // other types to the known rulesets'.
        let known = RunContracts.contracts(of: knownRulesets)
        let contracts = RunContracts.contracts(of: rulesets).merging(known) { selected, _ in selected }
        let readTypes = Set(rulesets.flatMap { $0.rules.flatMap(\.check.evidenceTypes) })
        let candidates = contracts.sorted { $0.key < $1.key }
        let evidence = EvidenceFolder(root: folder)
        var usedIds = Set<String>()
        for path in Self.files(in: evidence.root) {
            guard let format = Self.format(of: path) else {
                unplaced.append((path, "not a format cxaudit reads (xml, csv, json, xlsx, docx, ods, odt)"))
                continue
            }
            let data: Data
            do {
                data = try evidence.read(Self.item(path, format: format, type: ""))
            } catch {
                unplaced.append((path, error.diagnostics.first?.message ?? "unreadable"))
                continue
            }
            var best: (type: String, score: Double, weight: Double, fit: Fit)?
            for (type, contract) in candidates where !contract.recordSets(for: format).isEmpty {
                guard let fit = Self.fit(data, path: path, format: format, type: type, contract: contract, aliases: known[type]) else { continue }
                let (score, weight) = Self.score(fit.view, contract: contract, format: format)
                // The better fit; of equal fits, the one that recognizes more of the file.
                if score > (best?.score ?? 0) || (score == best?.score && weight > (best?.weight ?? 0)) {
                    best = (type, score, weight, fit)
                }
            }
            guard let best, best.score >= 0.5 else {
                unplaced.append((path, "no evidence type of the rulesets fits its columns or structure well enough"))
                continue
            }
            var item = best.fit.item
            item.id = Self.uniqueId(for: path, used: &usedIds)
            // A date in the file's name is the date its owner gave it; else the data's.
            let named = Self.date(inName: path).flatMap { $0 <= today ? [$0] : nil }
            let dates = named ?? Self.dates(in: best.fit.view, contract: contracts[best.type]).filter { $0 <= today }
            item.date = dates.max()
            if format == .csv || format == .json || format == .xlsx || format == .ods, let first = dates.min(), let last = dates.max(), first < last {
                item.periodStart = first
                item.periodEnd = last
            }
            placements.append(Placement(item: item, confidence: best.score, notes: best.fit.notes, mappingReasons: best.fit.mappingReasons))
        }
        let placedTypes = Set(placements.map(\.item.type))
        missingTypes = readTypes.subtracting(placedTypes).sorted()
        let conditions = rulesets.flatMap(\.rules).compactMap { $0.applicability?.test.expression }
        scopeActivities = Array(Set(conditions.flatMap(Self.activities))).sorted()
    }

    /// The proposal as a register document, every guess commented.
    public func registerXML(organization: String) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<!-- Proposed by `cxaudit evidence init`. Every item is a guess: check its type, dates, owner and mappings",
            "     (docs/getting-started.md), then run `cxaudit evidence check`. -->",
            #"<evidence-register version="1">"#,
        ]
        if scopeActivities.isEmpty {
            lines.append("  <organization name=\"\(Self.escaped(organization))\"/>")
        } else {
            lines += [
                "  <organization name=\"\(Self.escaped(organization))\">",
                "    <!-- The rulesets ask whether you perform these activities: keep those you do in <scope>, and list",
                "         those you exclude as <exclusion activity=\"…\">why</exclusion> (docs/evidence.md). -->",
                "    <scope>",
            ]
            lines += scopeActivities.map { "      <!-- <activity>\($0)</activity> -->" }
            lines += ["    </scope>", "  </organization>"]
        }
        for placement in placements {
            let item = placement.item
            lines.append("  <!-- guess: \(item.file) looks like \(item.type) (fit \(Int((placement.confidence * 100).rounded()))%)\(placement.notes.isEmpty ? "" : "; " + placement.notes.joined(separator: "; ")) -->")
            var attributes = "id=\"\(Self.escaped(item.id))\" type=\"\(item.type)\" file=\"\(Self.escaped(item.file))\" format=\"\(item.format.rawValue)\""
            if let date = item.date { attributes += " date=\"\(date)\"" }
            if let start = item.periodStart, let end = item.periodEnd { attributes += " period-start=\"\(start)\" period-end=\"\(end)\"" }
            if let delimiter = item.delimiter { attributes += " delimiter=\"\(delimiter)\"" }
            if let layout = item.conventions.dateFormat { attributes += " date-format=\"\(layout.rawValue)\"" }
            if let separator = item.conventions.decimalSeparator { attributes += " decimal-separator=\"\(separator)\"" }
            if let pointer = item.recordsPointer { attributes += " records=\"\(Self.escaped(pointer))\"" }
            let title = "\(item.type) from \(item.file)"
            if item.mappings.isEmpty {
                lines.append("  <item \(attributes)>\(Self.escaped(title))</item>")
            } else {
                lines.append("  <item \(attributes)>\(Self.escaped(title))")
                for mapping in item.mappings {
                    let column = mapping.column.map { " column=\"\(Self.escaped($0))\"" } ?? ""
                    let reason = mapping.column == nil ? "" : " <!-- guess: \(placement.mappingReasons[mapping.field] ?? "the closest column") -->"
                    if mapping.values.isEmpty {
                        lines.append("    <map field=\"\(mapping.field)\"\(column)/>\(reason)")
                        continue
                    }
                    lines.append("    <map field=\"\(mapping.field)\"\(column)>\(reason)")
                    for (from, to) in mapping.values.sorted(by: { $0.key < $1.key }) {
                        lines.append("      <value from=\"\(Self.escaped(from))\" to=\"\(Self.escaped(to))\"/> <!-- guess: a yes/no answer -->")
                    }
                    lines.append("    </map>")
                }
                lines.append("  </item>")
            }
        }
        for (file, reason) in unplaced {
            lines.append("  <!-- not placed: \(Self.escaped(file).replacingOccurrences(of: "--", with: "- -")): \(reason) -->")
        }
        lines.append("</evidence-register>")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Fitting a file to a type

    /// The file read as `type`, with mappings and conventions added where a reading shows
    /// them needed (a mapped column can reveal the date layout, so it reads again); nil
    /// when it cannot be read as that type at all.
    ///
    /// - Parameter aliases: More names for the type's fields (the shipped rulesets' contract),
    ///   tried when a field is missing and no column is spelt like it.
    private static func fit(
        _ data: Data, path: String, format: EvidenceFormat, type: String, contract: EvidenceContract, aliases: EvidenceContract?
    ) -> Fit? {
        var item = Self.item(path, format: format, type: type)
        if format == .csv, let delimiter = Self.delimiter(of: data) { item.delimiter = delimiter }
        var notes: [String] = []
        var reasons: [String: String] = [:]
        for _ in 0..<3 {
            guard let view = try? EvidenceDocument.read(data, item: item, contract: contract) else { return nil }
            var changed = false
            if let table = contract.table(for: format) {
                // Optional fields too: rules read them when they are there.
                let records = Self.sampleRecords(of: view)
                // A column a field claimed is named after the field in the view.
                let present = Set(records.flatMap { $0.childElements.map(\.localName) })
                let fields = table.fields.filter { !present.contains($0.name) && item.mapping(for: $0.name) == nil }
                let known = Dictionary(fields.map { ($0.name, aliases?.field(named: $0.name)?.aliases ?? []) }, uniquingKeysWith: { first, _ in first })
                for match in ColumnMatcher.matches(for: fields, among: Self.unclaimedColumns(of: view, records: records), aliases: known) {
                    item.mappings.append(FieldMapping(field: match.field, column: match.column, location: item.location))
                    reasons[match.field] = match.reason
                    changed = true
                }
            } else {
                for missing in view.conformance.missingFields where missing.mappedColumn == nil && item.mapping(for: missing.field) == nil {
                    let known = aliases?.field(named: missing.field)?.aliases ?? []
                    let column = missing.found.first { label in known.contains { XMLName.sanitized($0) == XMLName.sanitized(label) } } ?? missing.closest
                    guard let column else { continue }
                    item.mappings.append(FieldMapping(field: missing.field, column: column, location: item.location))
                    changed = true
                }
            }
            if Self.mapYesNoWords(in: view, contract: contract, item: &item) { changed = true }
            let dateHints = view.conformance.invalidValues.compactMap { ValueConventions.DateFormat.guessed(from: $0.value) }
            if item.conventions.dateFormat == nil, let layout = Self.mostCommon(dateHints) {
                item.conventions.dateFormat = layout
                notes.append("dates written \(layout.rawValue)")
                changed = true
            }
            if item.conventions.decimalSeparator == nil, view.conformance.invalidValues.contains(where: { $0.expected.contains("decimal-separator") }) {
                item.conventions.decimalSeparator = ","
                notes.append("decimal commas")
                changed = true
            }
            if !changed { return Fit(item: item, view: view, notes: notes, mappingReasons: reasons) }
        }
        guard let view = try? EvidenceDocument.read(data, item: item, contract: contract) else { return nil }
        return Fit(item: item, view: view, notes: notes, mappingReasons: reasons)
    }

    /// A file read as one type: the item with the mappings and conventions it needed, and why.
    private struct Fit {
        var item: EvidenceItem
        var view: EvidenceDocument
        var notes: [String]
        /// Why each field was mapped to its column, by field.
        var mappingReasons: [String: String]
    }

    /// The first 500 records of a table's view: enough to tell dates, yes/no answers and
    /// numbers apart, and which columns the view holds.
    private static func sampleRecords(of view: EvidenceDocument) -> [XMLNode] {
        (try? Self.context(view).evaluate("/table/record[position() <= 500]").nodes) ?? []
    }

    /// The columns of a table's view that no contract field claimed, with their sampled values.
    private static func unclaimedColumns(of view: EvidenceDocument, records: [XMLNode]) -> [ColumnMatcher.Column] {
        view.conformance.unclaimedColumns.map { label in
            let name = XMLName.sanitized(label)
            let values = records.map { record in record.childElements.first { $0.localName == name }?.stringValue ?? "" }
            return ColumnMatcher.Column(label: label, values: values)
        }
    }

    /// Adds `<value from to>` for the yes/no answers an export writes otherwise (`Y`, `N`, `1`, `0`)
    /// in fields whose contract values are yes and no; true when it added any.
    private static func mapYesNoWords(in view: EvidenceDocument, contract: EvidenceContract, item: inout EvidenceItem) -> Bool {
        var added = false
        let byField = Dictionary(grouping: view.conformance.invalidValues, by: \.field)
        for (fieldName, invalid) in byField.sorted(by: { $0.key < $1.key }) {
            guard let field = contract.field(named: fieldName), field.type == .enum,
                Set(field.values.map { $0.lowercased() }) == ["yes", "no"]
            else { continue }
            let words = Set(invalid.map(\.value))
            guard words.allSatisfy({ ColumnMatcher.yesNoWord($0) != nil }) else { continue }
            // With its counterpart in the same form: a log where every answer is still 0 will hold a 1.
            let forms = words.union(words.compactMap(ColumnMatcher.counterpart)).filter { !["yes", "no"].contains($0.lowercased()) }
            let meanings = forms.compactMap { word in ColumnMatcher.yesNoWord(word).map { (word, $0) } }
            if let index = item.mappings.firstIndex(where: { $0.field == fieldName }) {
                item.mappings[index].values.merge(meanings) { current, _ in current }
            } else {
                item.mappings.append(FieldMapping(field: fieldName, column: nil, values: Dictionary(uniqueKeysWithValues: meanings), location: item.location))
            }
            added = true
        }
        return added
    }

    /// How well a view fits its contract, 0–1: the share of required fields found, scaled by
    /// how much of the file the contract explains (the share of a table's columns that are
    /// its fields) and by the share of optional fields found, so that a small contract with
    /// common names does not win over the one the file was made for; 0 when a record set it
    /// needs holds nothing. Second, the number of fields found, to part equal fits.
    private static func score(_ view: EvidenceDocument, contract: EvidenceContract, format: EvidenceFormat) -> (Double, Double) {
        let recordSets = contract.recordSets(for: format)
        guard view.conformance.shortfalls.isEmpty || (view.conformance.recordsHeld ?? 0) > 0 else { return (0, 0) }
        let missing = Set(view.conformance.missingFields.map(\.field))
        let fields = recordSets.flatMap(\.fields)
        let found = fields.filter { !missing.contains($0.name) && Self.present($0, in: view) }
        let required = fields.filter(\.isRequired)
        let optional = fields.filter { !$0.isRequired }
        func share(_ part: Int, of whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }
        let requiredShare = share(found.count { $0.isRequired }, of: required.count)
        let optionalShare = share(found.count { !$0.isRequired }, of: optional.count)
        var coverage = 1.0
        if contract.table(for: format) != nil, let context = try? Self.context(view).evaluate("/table/record[1]/*").nodes {
            let columns = Set(context.map(\.localName))
            coverage = share(columns.intersection(Set(found.map(\.name))).count, of: columns.count)
        }
        // Unreadable dates and numbers say the file is something else; words outside an
        // enumeration are the organization's own, for the register to map.
        let words = Set(fields.filter { $0.type == .enum || $0.type == .boolean }.map(\.name))
        let misread = view.conformance.invalidValues.count { !words.contains($0.field) }
        let unreadable = Double(misread) / Double(max(view.conformance.recordsHeld ?? 1, 1))
        let score = requiredShare * (0.6 + 0.25 * coverage + 0.15 * optionalShare) - min(unreadable, 1) * 0.25
        return (max(0, score), Double(found.count))
    }

    /// Whether any record of the view holds the field (a missing optional field is not reported otherwise).
    private static func present(_ field: EvidenceContract.Field, in view: EvidenceDocument) -> Bool {
        let test = field.isAttribute ? "count(//@\(field.name))" : "count(//\(field.name))"
        return ((try? Self.context(view).evaluate(test).number) ?? 0) > 0
    }

    /// The date-typed values in the view, as dates: those of the document itself (a
    /// review's meeting date) when its contract has a record set for the root, else all.
    private static func dates(in view: EvidenceDocument, contract: EvidenceContract?) -> [CalendarDate] {
        let recordSets = contract?.recordSets(for: view.format) ?? []
        let documentLevel = recordSets.filter { recordSet in
            if case let .select(expression) = recordSet.location { return expression.split(separator: "/").count == 1 }
            return false
        }
        let chosen = documentLevel.contains { $0.fields.contains { $0.type == .date } } ? documentLevel : recordSets
        let context = Self.context(view)
        return chosen.flatMap { recordSet in
            recordSet.fields.filter { $0.type == .date }.flatMap { field in
                let path = recordSet.selectExpression + (field.isAttribute ? "/@\(field.name)" : "/\(field.name)")
                return ((try? context.evaluate(path).nodes) ?? []).map(\.stringValue)
            }
        }.compactMap { CalendarDate(iso: String($0.prefix(10))) }
    }

    /// A date in a file's name (`mr-2025-10-14.docx`), as many organizations name their records.
    static func date(inName path: String) -> CalendarDate? {
        let name = (path as NSString).lastPathComponent
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= 10 else { return nil }
        for start in 0...(scalars.count - 10) {
            let candidate = String(String.UnicodeScalarView(scalars[start..<(start + 10)]))
            if let date = CalendarDate(iso: candidate) { return date }
        }
        return nil
    }

    /// The activities an applicability condition tests (`activity = 'design-and-development'`).
    static func activities(in condition: String) -> [String] {
        var found: [String] = []
        var rest = Substring(condition)
        while let range = rest.range(of: "activity") {
            rest = rest[range.upperBound...]
            let afterEquals = rest.drop { $0 == " " }
            guard afterEquals.first == "=" else { continue }
            let value = afterEquals.dropFirst().drop { $0 == " " }
            guard let quote = value.first, quote == "'" || quote == "\"", let end = value.dropFirst().firstIndex(of: quote) else { continue }
            found.append(String(value[value.index(after: value.startIndex)..<end]))
        }
        return found
    }

    private static func context(_ view: EvidenceDocument) -> XPathContext {
        XPathContext(document: view.document, environment: XPathEnvironment(asOf: CalendarDate(daysSinceEpoch: 0)))
    }

    // MARK: - Files

    private static func files(in root: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        var paths: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = String(url.standardizedFileURL.resolvingSymlinksInPath().path.dropFirst(root.path.count + 1))
            if path == EvidenceFolder.registerFileName || path.hasPrefix(".") || path.hasSuffix(".md") || path.hasSuffix(".toml") { continue }
            paths.append(path)
        }
        return paths.sorted()
    }

    private static func format(of path: String) -> EvidenceFormat? {
        EvidenceFormat(rawValue: (path as NSString).pathExtension.lowercased())
    }

    private static func item(_ path: String, format: EvidenceFormat, type: String) -> EvidenceItem {
        EvidenceItem(
            id: "PROPOSED", type: type, file: path, format: format, date: nil, periodStart: nil, periodEnd: nil, owner: nil, process: nil,
            site: nil, title: nil, delimiter: nil, location: SourceLocation(file: EvidenceFolder.registerFileName))
    }

    /// `;`, tab or `|` when the first line has more of it than commas.
    private static func delimiter(of data: Data) -> String? {
        let firstLine = String(decoding: data.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let counts = [";", "\t", "|"].map { delimiter in (delimiter, firstLine.filter { String($0) == delimiter }.count) }
        let commas = firstLine.filter { $0 == "," }.count
        return counts.filter { $0.1 > commas }.max { $0.1 < $1.1 }?.0
    }

    private static func uniqueId(for path: String, used: inout Set<String>) -> String {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let base = stem.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        var id = base.isEmpty ? "ITEM" : base
        if let first = id.first, !(first.isLetter || first.isNumber) { id = "I" + id }
        var candidate = id
        var suffix = 2
        while used.contains(candidate) {
            candidate = "\(id)-\(suffix)"
            suffix += 1
        }
        used.insert(candidate)
        return candidate
    }

    private static func mostCommon<T: Hashable>(_ values: [T]) -> T? {
        Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +).max { $0.value < $1.value }?.key
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
