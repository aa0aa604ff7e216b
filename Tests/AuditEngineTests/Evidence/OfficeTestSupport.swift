import AuditModel
import CalendarDates
import Foundation
import LibXML

import AuditEngine
@testable import AuditEvidence

/// Loads an office fixture (made by Fixtures/office/make_fixtures.py) through an adapter.
func officeView(_ name: String, format: EvidenceFormat, sheet: String? = nil) throws -> EvidenceDocument {
    let data = try Data(contentsOf: fixturesFolder.appendingPathComponent("office/\(name)"))
    let item = EvidenceItem(
        id: "OFFICE", type: "t", file: name, format: format, date: nil, periodStart: nil, periodEnd: nil, owner: nil,
        process: nil, site: nil, title: nil, delimiter: nil, sheet: sheet, location: SourceLocation(file: "evidence-register.xml", line: 5))
    return try format.adapter.document(from: data, item: item, contract: nil)
}

extension EvidenceDocument {
    func evaluate(_ expression: String) throws -> XPathValue {
        try XPathContext(document: document, environment: XPathEnvironment(asOf: .init(daysSinceEpoch: 0))).evaluate(expression)
    }

    func string(_ expression: String) throws -> String {
        try evaluate("string(\(expression))").string
    }
}
