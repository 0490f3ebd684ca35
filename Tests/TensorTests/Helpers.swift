import Tensor

/// Random float32 tensors and comparisons shared by the tests.
enum TestData {
    static func random(_ shape: Shape, _ rng: inout SeededGenerator, low: Float = -1, high: Float = 1) -> Tensor {
        let t = try! Tensor(zeros: shape)
        for i in 0..<t.count { t.floats[i] = rng.uniformFloat(low, high) }
        return t
    }

    /// The largest difference between two tensors, relative to max(1, |expected|) per element, or
    /// with `relativeToLargest` to max(1, the largest |expected|) (for sums of large terms that can
    /// cancel); nil when the shapes differ.
    static func maxDifference(_ actual: Tensor, _ expected: Tensor,
                              relativeToLargest: Bool = false) -> (diff: Float, index: Int)? {
        guard actual.shape == expected.shape else { return nil }
        var worst: Float = 0, at = -1
        let largest = expected.floats.reduce(Float(1)) { max($0, abs($1)) }
        for i in 0..<actual.count {
            let e = expected.floats[i], a = actual.floats[i]
            let d = abs(a - e) / (relativeToLargest ? largest : max(1, abs(e)))
            if d > worst || d.isNaN { worst = d.isNaN ? .infinity : d; at = i }
        }
        return (worst, at)
    }
}

extension Int {
    static func random(in range: ClosedRange<Int>, _ rng: inout SeededGenerator) -> Int {
        Int.random(in: range, using: &rng)
    }
}
