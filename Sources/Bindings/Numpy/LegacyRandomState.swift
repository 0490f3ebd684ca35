import Glibc

/// numpy's legacy `RandomState` (what `np.random.seed`, `rand`, `randn`, `randint`, ... use): the
/// MT19937 twister and numpy's legacy algorithms over it, so that the same seed gives numpy's
/// numbers bit for bit. Plain Swift values in, plain values out; the arrays are made by
/// `NumpyRandom`.
public final class LegacyRandomState {
    public let bits: MT19937
    /// The legacy Gaussian's second value, kept for the next call (cleared by seeding).
    private var cachedGauss: Double?

    public init(seed: UInt32) { bits = MT19937(seed: seed) }
    public init(key: [UInt32]) { bits = MT19937(key: key) }
    /// Seeded from the operating system.
    public init() { bits = MT19937() }

    public func seed(_ value: UInt32) { bits.seed(value); cachedGauss = nil }
    public func seed(key: [UInt32]) { bits.seed(key: key); cachedGauss = nil }

    /// `random_sample`: doubles in [0, 1) with 53 random bits.
    public func randomSample(_ count: Int) -> [Double] { (0..<count).map { _ in bits.nextDouble() } }

    /// `legacy_gauss`: Marsaglia's polar method, which makes two values and keeps the second.
    public func gauss() -> Double {
        if let g = cachedGauss {
            cachedGauss = nil
            return g
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * bits.nextDouble() - 1
            x2 = 2 * bits.nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    public func standardNormal(_ count: Int) -> [Double] { (0..<count).map { _ in gauss() } }

    public func normal(loc: Double, scale: Double, count: Int) -> [Double] {
        (0..<count).map { _ in loc + scale * gauss() }
    }

    public func uniform(low: Double, high: Double, count: Int) -> [Double] {
        let range = high - low
        return (0..<count).map { _ in low + range * bits.nextDouble() }
    }

    /// `randint(low, high)` for int64 and int32 (precondition: low < high): masked rejection.
    public func randint(low: Int64, high: Int64, count: Int) -> [Int64] {
        let range = UInt64(bitPattern: high &- 1) &- UInt64(bitPattern: low)
        return bits.boundedMasked(offset: UInt64(bitPattern: low), range: range, count: count).map { Int64(bitPattern: $0) }
    }

    /// `randint(low, high, dtype=np.uint8)` (precondition: 0 <= low < high <= 256).
    public func randintBytes(low: Int, high: Int, count: Int) -> [UInt8] {
        bits.boundedBytes(offset: UInt8(low), range: UInt8(high - 1 - low), count: count, masked: true)
    }

    /// `shuffle`: from the last position down to the second, swap with one at or before it.
    public func shuffle<T>(_ items: inout [T]) { bits.shuffle(&items) }

    /// `permutation(n)`.
    public func permutation(_ n: Int) -> [Int] {
        var idx = Array(0..<max(n, 0))
        shuffle(&idx)
        return idx
    }

    /// The indices `choice` takes (the arguments already checked: population > 0 or count 0,
    /// count <= population without replacement, p valid with enough non-zero weights).
    public func choice(population: Int, count: Int, replace: Bool, p: [Double]?) -> [Int] {
        switch (replace, p) {
        case (true, let p?):
            return WeightedChoice.withReplacement(p, uniforms: randomSample(count))
        case (true, nil):
            return randint(low: 0, high: Int64(population), count: count).map { Int($0) }
        case (false, let p?):
            return WeightedChoice.withoutReplacement(p, count: count) { randomSample($0) }
        case (false, nil):
            return Array(permutation(population).prefix(count))
        }
    }
}

extension NumpyBitGenerator {
    /// numpy's shuffle (RandomState's and Generator's): for i from n-1 down to 1, swap i with
    /// `random_interval(i)`.
    public func shuffle<T>(_ items: inout [T]) {
        var i = items.count - 1
        while i > 0 {
            let j = Int(randomInterval(UInt64(i)))
            items.swapAt(i, j)
            i -= 1
        }
    }
}
