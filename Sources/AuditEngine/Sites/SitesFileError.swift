public import Foundation

/// Why a sites file cannot be used. Each case names the file and, where there is one, the
/// line, and says what to change: the file is the organization's own list, edited by hand or
/// exported from a spreadsheet.
public enum SitesFileError: Error, LocalizedError, Sendable, Equatable {
    /// The file could not be read, or is not UTF-8 text.
    case unreadable(file: String, reason: String)
    /// The file has no header row naming the columns.
    case noHeader(file: String)
    /// A header names a column the file format does not have.
    case unknownColumn(file: String, line: Int, column: String)
    /// A header names a column twice.
    case duplicateColumn(file: String, line: Int, column: String)
    /// The header has no `site` column.
    case missingSiteColumn(file: String, line: Int)
    /// A row has more or fewer fields than the header.
    case fieldCount(file: String, line: Int, found: Int, expected: Int)
    /// A row's `site` is empty.
    case emptySiteId(file: String, line: Int)
    /// A site id is listed twice.
    case duplicateSite(file: String, line: Int, site: String, firstLine: Int)
    /// A `central` value that is not yes, no, true, false or empty.
    case invalidCentral(file: String, line: Int, value: String)
    /// More than one site is marked as the central function.
    case secondCentral(file: String, line: Int, site: String, central: String, centralLine: Int)
    /// The file lists no site.
    case noSites(file: String)

    public var errorDescription: String? {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): error: cannot read the sites file: \(reason). Pass a CSV file (UTF-8) with a header row, e.g. `site,name,central`."
        case let .noHeader(file):
            return "\(file):1: error: the sites file is empty; its first row must name the columns (site, and optionally name and central)."
        case let .unknownColumn(file, line, column):
            return "\(file):\(line): error: unknown column '\(column)'; a sites file has the columns site, name and central. Remove or rename the column."
        case let .duplicateColumn(file, line, column):
            return "\(file):\(line): error: the column '\(column)' is named twice; keep one."
        case let .missingSiteColumn(file, line):
            return "\(file):\(line): error: the header has no 'site' column; add one holding each site's unique id."
        case let .fieldCount(file, line, found, expected):
            return "\(file):\(line): error: this row has \(found) fields, the header has \(expected); give every row one field per column (quote a value that holds a comma)."
        case let .emptySiteId(file, line):
            return "\(file):\(line): error: the site id is empty; give the site an id or delete the row."
        case let .duplicateSite(file, line, site, firstLine):
            return "\(file):\(line): error: site '\(site)' is already listed on line \(firstLine); site ids must be unique. Delete or rename one of them."
        case let .invalidCentral(file, line, value):
            return "\(file):\(line): error: central is '\(value)'; write yes, no, true or false, or leave it empty (no)."
        case let .secondCentral(file, line, site, central, centralLine):
            return "\(file):\(line): error: site '\(site)' is marked central, but '\(central)' on line \(centralLine) already is; mark only the central function (head office)."
        case let .noSites(file):
            return "\(file): error: the sites file lists no site; add one row per site under the header."
        }
    }
}
