/// A seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64), so that the random
/// part of a site sample is the same for a seed on every machine and every Swift version.
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded, and `random(in:using:)` and
/// `shuffled(using:)` leave the way they consume a generator to the standard library, which
/// may change; so this type is deliberately not a `RandomNumberGenerator`, and bounded draws
/// use its own `next(below:)`.
public struct SplitMix64: Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound, every one equally likely: draws below 2⁶⁴ mod bound are
    /// rejected, so the remainder is not biased towards small numbers.
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "an empty range")
        let threshold = (0 &- bound) % bound
        while true {
            let value = next()
            if value >= threshold { return value % bound }
        }
    }
}
