import Glibc

/// A deterministic random number generator: xoshiro256** seeded through splitmix64, so that the
/// same seed gives the same weights on every machine and every run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// A float in [0, 1) with 24 random bits.
    @inline(__always) private mutating func unitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Uniform in [low, high) (exactly `low` if high <= low).
    public mutating func uniformFloat(_ low: Float, _ high: Float) -> Float {
        guard high > low else { return low }
        let v = low + (high - low) * unitFloat()
        return v < high ? v : high.nextDown
    }

    /// Normal with the given mean and standard deviation (Box–Muller).
    public mutating func normalFloat(mean: Float, std: Float) -> Float {
        let u1 = 1.0 - Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)  // (0, 1]
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let z = (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
        return mean + std * Float(z)
    }
}
