/// `choice(..., p=...)` as numpy computes it, shared by RandomState and Generator (which differ
/// only in how they draw their uniforms): the cumulative sum of p scaled so its last value is 1,
/// and for each uniform the first index whose cumulative value is above it.
public enum WeightedChoice {
    /// `cdf = p.cumsum(); cdf /= cdf[-1]`.
    static func cdf(_ p: [Double]) -> [Double] {
        var sums = [Double](repeating: 0, count: p.count)
        var total = 0.0
        for (i, v) in p.enumerated() { total += v; sums[i] = total }
        let last = sums.last ?? 1
        return sums.map { $0 / last }
    }

    /// `cdf.searchsorted(u, side='right')`: how many values of cdf are <= u.
    static func searchRight(_ cdf: [Double], _ u: Double) -> Int {
        var lo = 0, hi = cdf.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cdf[mid] <= u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// With replacement: one index per uniform.
    public static func withReplacement(_ p: [Double], uniforms: [Double]) -> [Int] {
        let c = cdf(p)
        return uniforms.map { searchRight(c, $0) }
    }

    /// Without replacement: rounds of `count - found` uniforms (from `draw`), the found indices'
    /// weights set to 0 first, each round's new indices kept once, in the order drawn.
    /// Needs at least `count` non-zero weights.
    public static func withoutReplacement(_ weights: [Double], count: Int, draw: (Int) -> [Double]) -> [Int] {
        var p = weights
        var found: [Int] = []
        while found.count < count {
            let uniforms = draw(count - found.count)
            for i in found { p[i] = 0 }
            let c = cdf(p)
            var seen = Set<Int>()
            for u in uniforms {
                let i = searchRight(c, u)
                if seen.insert(i).inserted { found.append(i) }
            }
        }
        return found
    }

    /// numpy's `kahan_sum` of the weights, for the "sum to 1" check.
    static func kahanSum(_ p: [Double]) -> Double {
        guard var sum = p.first else { return 0 }
        var c = 0.0
        for v in p.dropFirst() {
            let y = v - c, t = sum + y
            c = (t - sum) - y
            sum = t
        }
        return sum
    }

    /// What is wrong with p for a population of `size`, in numpy's checking order: nil when p
    /// is fine. `float32` widens the tolerance of the sum to float32's (a float32 array).
    static func problem(_ p: [Double], size: Int, float32: Bool) -> Problem? {
        if p.count != size { return .sizeMismatch }
        let sum = kahanSum(p)
        if sum.isNaN { return .nan }
        if p.contains(where: { $0 < 0 }) { return .negative }
        let atol = float32 ? Double(Float.ulpOfOne).squareRoot() : Double.ulpOfOne.squareRoot()
        if abs(sum - 1) > atol { return .notSummingToOne }
        return nil
    }

    enum Problem { case sizeMismatch, nan, negative, notSummingToOne }
}
