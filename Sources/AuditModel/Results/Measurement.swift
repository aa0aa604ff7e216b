/// A value the check measured, shown so a reader sees why it passed or failed.
public struct Measurement: Sendable, Hashable, Codable {
    /// Variable name, e.g. `late-share` or `nps`.
    public var name: String
    /// The value as displayed (numbers formatted, dates as YYYY-MM-DD).
    public var value: String
    /// The numeric value when the measurement is a number.
    public var number: Double?

    public init(name: String, value: String, number: Double? = nil) {
        self.name = name
        self.value = value
        self.number = number.flatMap { $0.isFinite ? $0 : nil }
    }
}
