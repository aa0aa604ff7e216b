/// One site of a multi-site organization, as the sites file lists it.
public struct Site: Sendable, Hashable, Codable {
    /// The site's id, unique in the file; what history runs name in `RunSummary.site`.
    public var id: String
    /// A name for people; nil when the file gives none.
    public var name: String?
    /// The central function (head office), which MD 1 has audited every time and outside the sample.
    public var isCentral: Bool
    /// The line of the sites file the site is on, for messages.
    public var line: Int

    public init(id: String, name: String? = nil, isCentral: Bool = false, line: Int = 0) {
        self.id = id
        self.name = name
        self.isCentral = isCentral
        self.line = line
    }
}
