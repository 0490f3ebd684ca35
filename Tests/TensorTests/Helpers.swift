import Testing
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

/// Records an issue unless `actual` is within `tolerance` of `expected`, relative to the largest
/// |expected| (see TestData.maxDifference); nil or a shape mismatch is an issue too.
func expectClose(_ actual: Tensor?, _ expected: Tensor, _ what: String, tolerance: Float = 1e-4) {
    guard let actual else { Issue.record("\(what): no tensor"); return }
    guard let (diff, at) = TestData.maxDifference(actual, expected, relativeToLargest: true) else {
        Issue.record("\(what): shapes \(actual.shape) vs \(expected.shape)")
        return
    }
    #expect(diff <= tolerance, "\(what): largest difference \(diff) at \(at)")
}

extension TestData {
    /// A relu convolution's training step against the naive twins: conv2dForTraining gives
    /// `expected` (relu of the naive convolution), nothing negative, and conv2dBackward, with and
    /// without the input gradient, gives the naive gradients of a random dy masked where that
    /// output is positive.
    static func checkReluTrainingStep(input x: Tensor, kernel: Tensor, bias: Tensor, strides: (Int, Int),
                                      padding: Padding, expected: Tensor, _ rng: inout SeededGenerator,
                                      _ what: String) throws {
        let (trained, columns) = try Kernels.conv2dForTraining(input: x, kernel: kernel, bias: bias, strides: strides,
                                                               padding: padding, relu: true)
        expectClose(trained, expected, "relu training forward \(what)")
        #expect(trained.floatArray.allSatisfy { $0 >= 0 }, "relu training forward \(what): no negative outputs")
        let dy = random(trained.shape, &rng)
        let dz = try Tensor(shape: dy.shape, floats: zip(dy.floatArray, trained.floatArray).map { $1 > 0 ? $0 : 0 })
        let naive = try NaiveKernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dz, strides: strides,
                                                    padding: padding)
        for needInput in [false, true] {
            let fast = try Kernels.conv2dBackward(input: x, kernel: kernel, gradOutput: dy, strides: strides,
                                                  padding: padding, needInputGradient: needInput, columns: columns,
                                                  reluOutput: trained)
            expectClose(fast.kernel, naive.kernel, "relu dkernel \(what) needInput \(needInput)")
            expectClose(fast.bias, naive.bias, "relu dbias \(what) needInput \(needInput)")
            #expect((fast.input != nil) == needInput, "\(what): an input gradient exactly when asked for")
            if let dx = fast.input { expectClose(dx, naive.input, "relu dx \(what)") }
        }
    }
}

extension Int {
    static func random(in range: ClosedRange<Int>, _ rng: inout SeededGenerator) -> Int {
        Int.random(in: range, using: &rng)
    }
}
