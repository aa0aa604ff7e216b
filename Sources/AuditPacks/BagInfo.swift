public import Foundation

/// `bag-info.txt` (RFC 8493 §2.2.2): what the bag is, for archives and for the auditor
/// who lists a folder of packs without opening them.
///
/// Reserved labels where RFC 8493 has one (`Source-Organization`, `Bagging-Date`,
/// `Payload-Oxum`, `Bag-Software-Agent`, `External-Description`), and `CXAudit-…` labels
/// for the audit: its date, the pack format, each ruleset and profile with id and version,
/// and whether personal data was redacted. Every value comes from the run, never from the
/// host, and `Bagging-Date` from the generation time, so the file is the same for the same
/// inputs and `SOURCE_DATE_EPOCH`.
public struct BagInfo: Sendable, Hashable {
    /// The file's name in the bag.
    public static let fileName = "bag-info.txt"

    /// The labels and values, in file order (a label may repeat, as `CXAudit-Ruleset` does).
    public let fields: [(label: String, value: String)]

    public static func == (lhs: BagInfo, rhs: BagInfo) -> Bool {
        lhs.fields.map(\.label) == rhs.fields.map(\.label) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.label)
            hasher.combine(field.value)
        }
    }

    /// Fields as given; values are made single-line (control characters become spaces).
    public init(fields: [(label: String, value: String)]) {
        self.fields = fields.map { ($0.label, Self.singleLine($0.value)) }
    }

    /// Reads `bag-info.txt`: `Label: value` lines; a line starting with a space or tab
    /// continues the previous value (RFC 8493 §2.2.2). Lines without a colon are ignored.
    public init(parsing data: Data) {
        var fields: [(label: String, value: String)] = []
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            if line.first == " " || line.first == "\t", let last = fields.popLast() {
                fields.append((last.label, last.value + " " + line.trimmingCharacters(in: .whitespaces)))
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        self.fields = fields
    }

    /// The first value of `label`.
    public subscript(label: String) -> String? {
        fields.first { $0.label == label }?.value
    }

    /// `Payload-Oxum`: `OCTETS.FILES` of the payload (RFC 8493 §2.2.2).
    public static func oxum(bytes: Int, files: Int) -> String { "\(bytes).\(files)" }

    /// The file as the bag stores it: UTF-8, `Label: value` lines ending in a line feed.
    public var data: Data {
        Data(fields.map { "\($0.label): \($0.value)\n" }.joined().utf8)
    }

    private static func singleLine(_ value: String) -> String {
        String(value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
            .trimmingCharacters(in: .whitespaces)
    }
}
