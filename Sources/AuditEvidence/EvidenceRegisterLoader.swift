public import AuditModel
import CalendarDates
public import Foundation
public import LibXML

/// Reads and validates an evidence folder's register.
public struct EvidenceRegisterLoader: Sendable {
    private let input: SchemaValidatedLoader

    /// - Parameter schema: `Rulesets/schema/evidence-register-1.rng`.
    public init(schema: URL) throws(EvidenceError) {
        input = try SchemaValidatedLoader(schema: schema, reportingAs: EvidenceError.init(register:))
    }

    /// Loads the register of `folder`.
    public func load(from folder: EvidenceFolder) throws(EvidenceError) -> EvidenceRegister {
        try loadDocument(from: folder).register
    }

    /// Loads the register and keeps its document, which applicability conditions query.
    public func loadDocument(from folder: EvidenceFolder) throws(EvidenceError) -> LoadedRegister {
        let url = folder.registerURL
        let name = EvidenceFolder.registerFileName
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .registerMissing(folder: folder.root.path, expected: name)
        }
        guard url.resolvingSymlinksInPath().path.hasPrefix(folder.root.path + "/") else {
            throw .registerInvalid(
                file: name,
                diagnostics: [Diagnostic(location: SourceLocation(file: name), message: "the register is a symlink leading out of the evidence folder; copy the register into the folder")])
        }
        guard EvidenceFolder.isRegularFile(url.resolvingSymlinksInPath()) else {
            throw .registerInvalid(
                file: name,
                diagnostics: [
                    Diagnostic(
                        location: SourceLocation(file: name),
                        message: "the register is not a regular file (it is a folder, a named pipe or a device); \(name) must be an XML file")
                ])
        }
        let file = try input.load(url, displayName: name, reportingAs: EvidenceError.init(register:))
        let root = file.root
        var problems: [Diagnostic] = []
        var items: [EvidenceItem] = []
        var firstLine: [String: Int] = [:]
        var organization = ""
        var scope = AuditScope()
        for element in root.childElements {
            if element.localName == "organization" {
                organization = element.attribute("name") ?? ""
                scope = Self.scope(of: element)
                continue
            }
            guard element.localName == "item" else { continue }
            let location = SourceLocation(file: name, line: element.line, column: element.column)
            let id = element.attribute("id") ?? ""
            if let line = firstLine[id] {
                problems.append(Diagnostic(location: location, message: "duplicate item id '\(id)' (first declared at line \(line))"))
                continue
            }
            firstLine[id] = element.line
            let date = element.attribute("date").flatMap(CalendarDate.init(iso:))
            let start = element.attribute("period-start").flatMap(CalendarDate.init(iso:))
            let end = element.attribute("period-end").flatMap(CalendarDate.init(iso:))
            if let start, let end, end < start {
                problems.append(Diagnostic(location: location, message: "item \(id): period-end \(end) is before period-start \(start)"))
            }
            // <map> elements hold no text, so the item's text is its title.
            let title = element.stringValue.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            items.append(
                EvidenceItem(
                    id: id, type: element.attribute("type") ?? "", file: element.attribute("file") ?? "",
                    format: EvidenceFormat(rawValue: element.attribute("format") ?? "") ?? .xml, date: date,
                    periodStart: start, periodEnd: end, owner: element.attribute("owner"),
                    process: element.attribute("process"), site: element.attribute("site"),
                    title: title.isEmpty ? nil : title, delimiter: element.attribute("delimiter"),
                    sheet: element.attribute("sheet"), recordsPointer: element.attribute("records"),
                    conventions: Self.conventions(element),
                    mappings: element.childElements.filter { $0.localName == "map" }.map { map in
                        FieldMapping(
                            field: map.attribute("field") ?? "", column: map.attribute("column"),
                            values: Dictionary(
                                map.childElements.compactMap { value in
                                    value.attribute("from").map { ($0, value.attribute("to") ?? "") }
                                }, uniquingKeysWith: { first, _ in first }),
                            conventions: Self.conventions(map), location: SourceLocation(file: name, line: map.line, column: map.column))
                    },
                    location: location))
            items[items.count - 1].personalColumns = element.childElements.filter { $0.localName == "personal" }
                .compactMap { $0.attribute("column") }
        }
        for item in items {
            var mapped: [String: Int] = [:]
            for mapping in item.mappings {
                if let line = mapped[mapping.field] {
                    problems.append(
                        Diagnostic(
                            location: mapping.location,
                            message: "item \(item.id): field '\(mapping.field)' is mapped twice (first at line \(line)); keep one <map field=\"\(mapping.field)\">"))
                }
                mapped[mapping.field] = mapping.location.line
            }
            if let zone = item.conventions.timeZone ?? item.mappings.lazy.compactMap(\.conventions.timeZone).first, TimeZone(identifier: zone) == nil {
                problems.append(
                    Diagnostic(
                        location: item.location,
                        message: "item \(item.id): time-zone '\(zone)' is not a known time zone; write an IANA name such as Europe/London or UTC"))
            }
        }
        guard problems.isEmpty else {
            throw .registerInvalid(file: name, diagnostics: problems)
        }
        return LoadedRegister(register: EvidenceRegister(organization: organization, file: name, items: items, scope: scope), document: file.document)
    }

    /// The activities, exclusions and sites an `<organization>` declares.
    private static func scope(of organization: XMLNode) -> AuditScope {
        let text = { (node: XMLNode) in node.stringValue.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let declared = organization.childElements.first { $0.localName == "scope" }?.childElements ?? []
        return AuditScope(
            activities: declared.filter { $0.localName == "activity" }.map(text),
            exclusions: declared.filter { $0.localName == "exclusion" }.map {
                AuditScope.Exclusion(activity: $0.attribute("activity") ?? "", justification: text($0))
            },
            sites: organization.childElements.filter { $0.localName == "site" }.map {
                AuditScope.Site(id: $0.attribute("id") ?? "", name: $0.attribute("name") ?? "")
            })
    }
}

extension EvidenceError {
    /// A register, or its schema, that could not be loaded.
    fileprivate init(register error: XMLInputError) {
        self = .registerInvalid(file: error.file, diagnostics: error.diagnostics)
    }
}

extension EvidenceRegisterLoader {
    /// The value conventions an `item` or `map` element declares.
    static func conventions(_ element: XMLNode) -> ValueConventions {
        ValueConventions(
            dateFormat: element.attribute("date-format").flatMap(ValueConventions.DateFormat.init(rawValue:)),
            timeZone: element.attribute("time-zone"), decimalSeparator: element.attribute("decimal-separator")?.first,
            thousandsSeparator: element.attribute("thousands-separator")?.first)
    }
}

/// A register with the document it came from.
public struct LoadedRegister: Sendable {
    public var register: EvidenceRegister
    public let document: XMLDocument
}
