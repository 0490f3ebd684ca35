import Tensor

/// Copies the rows of a batch out of a dataset, in a given order.
enum Batches {
    /// Rows `range` of a float32 tensor, copied into a tensor of their own.
    static func rows(_ t: Tensor, _ range: Range<Int>) throws -> Tensor {
        let row = t.shape[0] == 0 ? 0 : t.count / t.shape[0]
        let shape = Shape([range.count] + t.shape.dims.dropFirst())
        let out = try Tensor(zeros: shape, what: "a batch of shape \(shape)")
        out.floats.baseAddress!.update(from: t.floats.baseAddress! + range.lowerBound * row, count: range.count * row)
        return out
    }

    /// Rows `indices` of `t` (first axis), as a new tensor. With `asFloat`, other data (uint8
    /// images, float64 arrays) becomes float32 as Keras converts it; otherwise the dtype is kept.
    static func gather(_ t: Tensor, _ indices: ArraySlice<Int>, asFloat: Bool) throws -> Tensor {
        try t.rows(Array(indices), as: asFloat ? .float32 : t.dtype)
    }

    /// 0..<n in a random order drawn from `generator` (Fisher-Yates).
    static func shuffled(_ n: Int, _ generator: inout SeededGenerator) -> [Int] {
        var order = Array(0..<n)
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        return order
    }
}

/// Seconds on a monotonic clock, for progress and ETA (never for test assertions).
public struct Stopwatch {
    private let start = ContinuousClock.now
    public init() {}
    public var seconds: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
