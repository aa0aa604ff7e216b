/// Turns file paths into URI references for the JSON formats that want URIs
/// (SARIF `artifactLocation.uri`, OSCAL `rlinks[].href`).
enum URIPath {
    /// `path` percent-encoded as a URI path: unreserved characters and `/` stay,
    /// everything else (spaces, `:`, `#`, `%`, non-ASCII) becomes `%XX` of its UTF-8 bytes.
    static func encode(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    /// A reference to `path`: `file://` plus the encoded path when it is
    /// absolute, else the encoded relative path.
    static func reference(_ path: String) -> String {
        path.hasPrefix("/") ? "file://" + encode(path) : encode(path)
    }
}
