/// numpy's `Generator` over PCG64 (what `np.random.default_rng(seed)` returns): its algorithms,
/// giving numpy's numbers for the same seed (the normal ones to within the last bits, see
/// `Ziggurat`). Plain Swift values in, plain values out; the arrays are made by `NumpyRandom`.
public final class PCG64Generator {
    public let bits: PCG64

    /// `default_rng(seed)`: PCG64 seeded through `SeedSequence(seed)`.
    public init(_ seeds: SeedSequence) { bits = PCG64(seeds) }
    public convenience init(seed: UInt64) { self.init(SeedSequence(seed)) }

    /// `random`: doubles in [0, 1), the top 53 bits of a 64-bit draw.
    public func random(_ count: Int) -> [Double] { (0..<count).map { _ in bits.nextDouble() } }

    /// `integers(low, high, endpoint=...)` (precondition: low < high, or low <= high with the
    /// endpoint): Lemire's multiply-and-reject.
    public func integers(low: Int64, high: Int64, endpoint: Bool, count: Int) -> [Int64] {
        let top = endpoint ? high : high &- 1
        let range = UInt64(bitPattern: top) &- UInt64(bitPattern: low)
        return bits.boundedLemire(offset: UInt64(bitPattern: low), range: range, count: count).map { Int64(bitPattern: $0) }
    }

    /// `integers(low, high, dtype=np.uint8)` (precondition: 0 <= low <= top <= 255, top the
    /// largest value allowed).
    public func integerBytes(low: Int, top: Int, count: Int) -> [UInt8] {
        bits.boundedBytes(offset: UInt8(low), range: UInt8(top - low), count: count, masked: false)
    }

    public func uniform(low: Double, high: Double, count: Int) -> [Double] {
        let range = high - low
        return (0..<count).map { _ in low + range * bits.nextDouble() }
    }

    public func standardNormal(_ count: Int) -> [Double] { (0..<count).map { _ in Ziggurat.standardNormal(bits) } }

    public func normal(loc: Double, scale: Double, count: Int) -> [Double] {
        (0..<count).map { _ in loc + scale * Ziggurat.standardNormal(bits) }
    }

    /// `shuffle`: the same swaps as RandomState's.
    public func shuffle<T>(_ items: inout [T]) { bits.shuffle(&items) }

    public func permutation(_ n: Int) -> [Int] {
        var idx = Array(0..<max(n, 0))
        shuffle(&idx)
        return idx
    }

    /// The indices `choice` takes (the arguments already checked as for RandomState's).
    public func choice(population: Int, count: Int, replace: Bool, p: [Double]?) -> [Int] {
        switch (replace, p) {
        case (true, let p?):
            return WeightedChoice.withReplacement(p, uniforms: random(count))
        case (true, nil):
            return integers(low: 0, high: Int64(population), endpoint: false, count: count).map { Int($0) }
        case (false, let p?):
            return WeightedChoice.withoutReplacement(p, count: count) { random($0) }
        case (false, nil):
            return sample(population: population, count: count)
        }
    }

    /// Without replacement and without weights: a partial shuffle of the whole population when
    /// the sample is a large part of a large one, otherwise Floyd's algorithm then a shuffle.
    private func sample(population n: Int, count k: Int) -> [Int] {
        if n > 10_000 && k > n / 50 {
            var idx = Array(0..<n)
            shuffleTail(&idx, first: max(n - k, 1))
            return Array(idx[(n - k)...])
        }
        let mask = Int(PCG64.mask(UInt64(1.2 * Double(k))))  // the hash set: a power of two above 1.2 k
        var slots = [Int](repeating: -1, count: mask + 1)
        var out = [Int](repeating: 0, count: k)
        for j in (n - k)..<n {
            let v = Int(bits.boundedLemire(offset: 0, range: UInt64(j)))
            var loc = v & mask
            while slots[loc] != -1 && slots[loc] != v { loc = (loc + 1) & mask }
            if slots[loc] == -1 {
                slots[loc] = v
                out[j - n + k] = v
            } else {
                loc = j & mask
                while slots[loc] != -1 { loc = (loc + 1) & mask }
                slots[loc] = j
                out[j - n + k] = j
            }
        }
        shuffleTail(&out, first: 1)
        return out
    }

    /// `_shuffle_int`: for i from n-1 down to `first`, swap i with a Lemire draw in 0...i.
    private func shuffleTail(_ items: inout [Int], first: Int) {
        var i = items.count - 1
        while i >= first {
            items.swapAt(i, Int(bits.boundedLemire(offset: 0, range: UInt64(i))))
            i -= 1
        }
    }
}
