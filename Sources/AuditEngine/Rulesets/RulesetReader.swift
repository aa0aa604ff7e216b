import Foundation
import AuditModel
import LibXML

/// Turns a schema-valid ruleset document into the model. The schema has already
/// fixed the structure; this reader converts values and notes what it cannot.
struct RulesetReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The sources declared so far; they precede the clauses whose entries name them.
    private var crosswalkSources: [CrosswalkSource] = []

    init(file: String) {
        self.file = file
    }

    mutating func read(_ root: XMLNode, sha256: String) -> Ruleset {
        var standards: [Standard] = []
        var namespaces: [String: String] = [:]
        var parameters: [Parameter] = []
        var evidenceTypes: [EvidenceTypeDeclaration] = []
        var clauses: [Clause] = []
        for element in root.childElements {
            switch element.localName {
            case "standard":
                standards.append(
                    Standard(
                        id: attribute(element, "id"), title: attribute(element, "title"), edition: element.attribute("edition"),
                        amendment: element.attribute("amendment").map(normalized)))
            case "crosswalk-source":
                crosswalkSources.append(
                    CrosswalkSource(
                        id: attribute(element, "id"), status: element.attribute("status").flatMap(CrosswalkStatus.init(rawValue:)) ?? .published,
                        description: normalized(element.stringValue), location: location(element)))
            case "namespace":
                namespaces[attribute(element, "prefix")] = attribute(element, "uri")
            case "parameter":
                if let parameter = readParameter(element) { parameters.append(parameter) }
            case "evidence-type":
                evidenceTypes.append(readEvidenceType(element))
            case "clause":
                clauses.append(readClause(element))
            default:
                break
            }
        }
        return Ruleset(
            id: attribute(root, "id"), version: attribute(root, "version"), title: childText(root, "title") ?? "",
            description: childText(root, "description") ?? "", file: file, sha256: sha256, standards: standards,
            namespaces: namespaces, parameters: parameters, evidenceTypes: evidenceTypes, crosswalkSources: crosswalkSources,
            clauses: clauses)
    }

    /// A declaration: its text alone (language 1.0), or a description with fields or record sets.
    private func readEvidenceType(_ element: XMLNode) -> EvidenceTypeDeclaration {
        let id = attribute(element, "id")
        guard let description = childText(element, "description") else {
            return EvidenceTypeDeclaration(id: id, description: normalized(element.stringValue), location: location(element))
        }
        let fields = element.childElements.filter { $0.localName == "field" }.map(readField)
        var recordSets = fields.isEmpty ? [] : [EvidenceContract.RecordSet(location: .table, fields: fields)]
        for records in element.childElements where records.localName == "records" {
            let place: EvidenceContract.Location
            if let select = records.attribute("select") {
                place = .select(select)
            } else if let sheet = records.attribute("sheet") {
                place = .sheet(sheet)
            } else {
                place = .table
            }
            let formats = (records.attribute("formats") ?? "").split(whereSeparator: \.isWhitespace).compactMap {
                EvidenceFormat(rawValue: String($0))
            }
            recordSets.append(
                EvidenceContract.RecordSet(
                    location: place, formats: formats, minimumRecords: records.attribute("min").flatMap(Int.init) ?? 1,
                    fields: records.childElements.filter { $0.localName == "field" }.map(readField)))
        }
        return EvidenceTypeDeclaration(
            id: id, description: description, contract: EvidenceContract(recordSets: recordSets), location: location(element))
    }

    private func readField(_ element: XMLNode) -> EvidenceContract.Field {
        EvidenceContract.Field(
            name: attribute(element, "name"), type: FieldType(rawValue: attribute(element, "type")) ?? .text,
            isRequired: element.attribute("required") == "true", isAttribute: element.attribute("attribute") == "true",
            values: (element.attribute("values") ?? "").split(whereSeparator: \.isWhitespace).map(String.init),
            aliases: (element.attribute("aliases") ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty },
            description: normalized(element.stringValue), isPersonal: element.attribute("personal") == "true")
    }

    private mutating func readParameter(_ element: XMLNode) -> Parameter? {
        let name = attribute(element, "name")
        guard let type = ParameterType(rawValue: attribute(element, "type")) else { return nil }
        let defaultText = attribute(element, "default")
        let value = type.parse(defaultText)
        if value == nil {
            // Keep the parameter (with its text) so rules using it do not report it as undefined too.
            report(element, "parameter '\(name)': default '\(defaultText)' is not a valid \(type.rawValue)\(Self.example(for: type))")
        }
        return Parameter(
            name: name, type: type, defaultValue: value ?? .string(defaultText), description: normalized(element.stringValue),
            location: location(element))
    }

    private mutating func readClause(_ element: XMLNode) -> Clause {
        let number = attribute(element, "number")
        var crosswalk: [Crosswalk] = []
        var rules: [Rule] = []
        var notCovered: String?
        for child in element.childElements {
            switch child.localName {
            case "crosswalk":
                crosswalk.append(readCrosswalk(child, clause: number))
            case "rule":
                if let rule = readRule(child, clause: number) { rules.append(rule) }
            case "not-covered":
                notCovered = normalized(child.stringValue)
            default:
                break
            }
        }
        return Clause(
            number: number, title: attribute(element, "title"), standard: element.attribute("standard"),
            intent: childText(element, "intent") ?? "", crosswalk: crosswalk, notCoveredReason: notCovered, rules: rules,
            location: location(element))
    }

    /// An entry's status is written, or its source's (an entry from a draft is provisional
    /// like the draft), or published. An entry written `published` cannot rest on a
    /// provisional source.
    private mutating func readCrosswalk(_ element: XMLNode, clause: String) -> Crosswalk {
        let standard = normalized(attribute(element, "standard"))
        let source = element.attribute("source").flatMap { id in crosswalkSources.first { $0.id == id } }
        let written = element.attribute("status").flatMap(CrosswalkStatus.init(rawValue:))
        if written == .published, let source, source.status == .provisional {
            report(
                element,
                "clause \(clause): crosswalk to \(standard) is marked published but its source '\(source.id)' is provisional; check the entry against the published text and cite a published source, or mark it provisional")
        }
        return Crosswalk(
            standard: standard, clauses: attribute(element, "clauses").split(whereSeparator: \.isWhitespace).map(String.init),
            edition: element.attribute("edition"), status: written ?? source?.status ?? .published, source: element.attribute("source"),
            note: element.attribute("note").map(normalized), location: location(element))
    }

    private mutating func readRule(_ element: XMLNode, clause: String) -> Rule? {
        var references: [String] = []
        var applicability: Applicability?
        var check: RuleCheck?
        var checkLocation: SourceLocation?
        for child in element.childElements {
            switch child.localName {
            case "reference":
                references.append(normalized(child.stringValue))
            case "applies-if":
                applicability = Applicability(test: xpath(child, "test"), description: normalized(child.stringValue))
            default:
                if let kind = CheckKind(rawValue: child.localName) {
                    check = CheckKinds.definition(for: kind).read(child, elements)
                    checkLocation = location(child)
                }
            }
        }
        guard let check, let grade = Grade(rawValue: attribute(element, "grade")) else { return nil }
        return Rule(
            id: attribute(element, "id"), title: childText(element, "title") ?? "", grade: grade,
            rationale: childText(element, "rationale") ?? "", remediation: childText(element, "remediation") ?? "",
            references: references, applicability: applicability, check: check, clause: clause, location: location(element),
            checkLocation: checkLocation)
    }

    /// What check elements share, read the same way here.
    private var elements: CheckElementReader { CheckElementReader(file: file) }

    private func xpath(_ element: XMLNode, _ name: String) -> XPathText {
        elements.xpath(element, name)
    }

    private func attribute(_ element: XMLNode, _ name: String) -> String {
        elements.attribute(element, name)
    }

    private func childText(_ element: XMLNode, _ name: String) -> String? {
        element.childElements.first { $0.localName == name }.map { normalized($0.stringValue) }
    }

    private func location(_ element: XMLNode) -> SourceLocation {
        elements.location(element)
    }

    private mutating func report(_ element: XMLNode, _ message: String) {
        diagnostics.append(Diagnostic(location: location(element), message: message))
    }

    private func normalized(_ text: String) -> String {
        CheckElementReader.normalized(text)
    }

    static func example(for type: ParameterType) -> String {
        switch type {
        case .integer: return " (e.g. 30)"
        case .decimal: return " (e.g. 4.2)"
        case .percentage: return " (0 to 100, e.g. 90)"
        case .duration: return " (ISO 8601, e.g. P30D or P12M)"
        case .date: return " (YYYY-MM-DD)"
        case .boolean: return " (true or false)"
        case .string: return ""
        }
    }
}
