/// A clause number ordered the way readers expect: 9.1.10 after 9.1.2.
public struct ClauseNumber: Comparable, Sendable {
    let parts: [Int]
    let text: String

    public init(_ text: String) {
        self.text = text
        parts = text.split(separator: ".").map { Int($0) ?? Int.max }
    }

    public static func < (lhs: ClauseNumber, rhs: ClauseNumber) -> Bool {
        lhs.parts != rhs.parts ? lhs.parts.lexicographicallyPrecedes(rhs.parts) : lhs.text < rhs.text
    }
}
