import Testing
import Tensor

@Suite struct Im2colTests {
    /// The dot product and the sum of the magnitudes of its terms (the scale of its rounding error).
    func dot(_ a: Tensor, _ b: Tensor) -> (Double, Double) {
        var s = 0.0, m = 0.0
        for i in 0..<a.count {
            let p = Double(a.floats[i]) * Double(b.floats[i])
            s += p
            m += abs(p)
        }
        return (s, m)
    }

    @Test func col2imIsTheAdjointOfIm2col() throws {
        var rng = SeededGenerator(seed: 8)
        for k in KernelComparisonTests.cases(seed: 400, count: 48) {
            let shape: Shape = [k.n, k.h, k.w, k.c]
            let fits = convOutputSize(k.h, kernel: k.kh, stride: k.sh, padding: k.padding) > 0
                && convOutputSize(k.w, kernel: k.kw, stride: k.sw, padding: k.padding) > 0
            if !fits { continue }
            let x = TestData.random(shape, &rng)
            let cols = try Im2col.im2col(x, kernel: (k.kh, k.kw), strides: (k.sh, k.sw), padding: k.padding)
            let y = TestData.random(cols.shape, &rng)
            let back = try Im2col.col2im(y, inputShape: shape, kernel: (k.kh, k.kw), strides: (k.sh, k.sw),
                                         padding: k.padding)
            #expect(back.shape == shape)
            let (lhs, scale) = dot(cols, y), (rhs, _) = dot(x, back)
            // col2im sums in float32, so allow float rounding relative to the terms' magnitude.
            #expect(abs(lhs - rhs) <= 1e-6 * max(1, scale), "\(k): \(lhs) vs \(rhs)")
        }
    }

    @Test func im2colLayout() throws {
        // 2x2 image with 2 channels, 2x2 kernel, same padding, stride 1: row 0 is the whole image.
        let x = try Tensor(shape: [1, 2, 2, 2], floats: [1, 2, 3, 4, 5, 6, 7, 8])
        let cols = try Im2col.im2col(x, kernel: (2, 2), strides: (1, 1), padding: .same)
        #expect(cols.shape == [4, 8])
        #expect(Array(cols.floatArray[0..<8]) == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(Array(cols.floatArray[8..<16]) == [3, 4, 0, 0, 7, 8, 0, 0])   // window at (0, 1)
        #expect(Array(cols.floatArray[24..<32]) == [7, 8, 0, 0, 0, 0, 0, 0])  // window at (1, 1)
    }
}
