import AuditModel
import CSV
public import Foundation

/// Reads the sites of a multi-site organization from a CSV file: a header row, then one row
/// per site.
///
/// ```csv
/// site,name,central
/// HQ,Head office,yes
/// LDS,Leeds,
/// ```
///
/// `site` (required) is the site's unique id; `name` (optional) a name for people;
/// `central` (optional: yes, no, true, false or empty) marks the central function, at most one.
/// Column names are matched without regard to case or surrounding spaces; an unknown column
/// is an error rather than ignored, so a misspelt `centrall` cannot quietly drop the head office.
/// Fields are parsed by CSV.swift, as evidence CSV files are (quotes, `""` escapes).
public enum SitesFile {
    /// The columns a sites file may have.
    enum Column: String, CaseIterable {
        case site
        case name
        case central
    }

    /// Reads the file at `url`; `displayName` is how messages name it (default: its path).
    public static func read(_ url: URL, displayName: String? = nil) throws(SitesFileError) -> [Site] {
        let name = displayName ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: name, reason: FileErrorReason.describe(error, reading: url))
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: name, reason: "it is not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(text, file: name)
    }

    /// Parses the text of a sites file; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(SitesFileError) -> [Site] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
        } catch {
            throw .unreadable(file: file, reason: "it is not CSV (\(error))")
        }
        // CSV.swift does not say where a row starts: count the line breaks each row spans.
        var line = 1
        var header: [Column]?
        var sites: [Site] = []
        var firstLine: [String: Int] = [:]
        var central: Site?
        while let row = reader.next() {
            let rowLine = line
            line += 1 + row.reduce(0) { $0 + $1.filter(\.isNewline).count }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard let columns = header else {
                header = try columnsOf(row, file: file, line: rowLine)
                continue
            }
            guard row.count == columns.count else {
                throw .fieldCount(file: file, line: rowLine, found: row.count, expected: columns.count)
            }
            let values = Dictionary(uniqueKeysWithValues: zip(columns, row.map { $0.trimmingCharacters(in: .whitespaces) }))
            let id = values[.site] ?? ""
            guard !id.isEmpty else { throw .emptySiteId(file: file, line: rowLine) }
            if let first = firstLine[id] {
                throw .duplicateSite(file: file, line: rowLine, site: id, firstLine: first)
            }
            firstLine[id] = rowLine
            let site = Site(
                id: id, name: values[.name].flatMap { $0.isEmpty ? nil : $0 },
                isCentral: try isCentral(values[.central] ?? "", file: file, line: rowLine), line: rowLine)
            if site.isCentral {
                if let central {
                    throw .secondCentral(file: file, line: rowLine, site: id, central: central.id, centralLine: central.line)
                }
                central = site
            }
            sites.append(site)
        }
        guard header != nil else { throw .noHeader(file: file) }
        guard !sites.isEmpty else { throw .noSites(file: file) }
        return sites
    }

    private static func columnsOf(_ row: [String], file: String, line: Int) throws(SitesFileError) -> [Column] {
        var columns: [Column] = []
        for label in row {
            let label = label.trimmingCharacters(in: .whitespaces)
            guard let column = Column(rawValue: label.lowercased()) else {
                throw .unknownColumn(file: file, line: line, column: label)
            }
            guard !columns.contains(column) else { throw .duplicateColumn(file: file, line: line, column: label) }
            columns.append(column)
        }
        guard columns.contains(.site) else { throw .missingSiteColumn(file: file, line: line) }
        return columns
    }

    private static func isCentral(_ value: String, file: String, line: Int) throws(SitesFileError) -> Bool {
        switch value.lowercased() {
        case "yes", "true": return true
        case "no", "false", "": return false
        default: throw .invalidCentral(file: file, line: line, value: value)
        }
    }
}
