import NeuralNet
import Tensor
import Testing

/// SeparableConv2D and Conv2DTranspose: forward passes against naive twins (the separable layer as
/// DepthwiseConvTests's naive depthwise then NaiveKernels.conv2d; the transposed kernel as a
/// scatter loop in Double, and its backward as that loop's adjoint), backward passes against
/// finite differences, and Keras's shapes, parameter counts and argument checks.
@Suite struct SeparableTransposeConvTests {
    /// TensorFlow's conv_transpose written out: every input pixel adds x · K[ky, kx, :, c] at
    /// (iy * s + ky - padTop, ix * s + kx - padLeft) of an output of size `out`.
    static func naiveTranspose(_ x: Tensor, _ k: Tensor, _ bias: Tensor?, strides: (Int, Int), padding: Padding,
                               out: (Int, Int)) throws -> Tensor {
        let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw, f) = (k.shape[0], k.shape[1], k.shape[2])
        let (padTop, padLeft) = pads(h, w, kh, kw, strides, padding, out)
        let xv = x.floatArray, kv = k.floatArray, bv = bias?.floatArray
        var y = [Double](repeating: 0, count: n * out.0 * out.1 * f)
        for img in 0..<n {
            if let bv { for p in 0..<(out.0 * out.1) { for j in 0..<f { y[(img * out.0 * out.1 + p) * f + j] = Double(bv[j]) } } }
            for iy in 0..<h { for ix in 0..<w { for ky in 0..<kh { for kx in 0..<kw {
                let oy = iy * strides.0 + ky - padTop, ox = ix * strides.1 + kx - padLeft
                if oy < 0 || oy >= out.0 || ox < 0 || ox >= out.1 { continue }
                for ch in 0..<c {
                    let v = Double(xv[((img * h + iy) * w + ix) * c + ch])
                    for j in 0..<f { y[((img * out.0 + oy) * out.1 + ox) * f + j] += v * Double(kv[((ky * kw + kx) * f + j) * c + ch]) }
                }
            } } } }
        }
        return try Tensor(shape: Shape([n, out.0, out.1, f]), floats: y.map { Float($0) })
    }

    /// The adjoint of naiveTranspose: dX, dK and dB for dL/dy = dy.
    static func naiveTransposeBackward(_ x: Tensor, _ k: Tensor, _ dy: Tensor, strides: (Int, Int), padding: Padding)
        throws -> (Tensor, Tensor, Tensor) {
        let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw, f) = (k.shape[0], k.shape[1], k.shape[2])
        let out = (dy.shape[1], dy.shape[2])
        let (padTop, padLeft) = pads(h, w, kh, kw, strides, padding, out)
        let xv = x.floatArray, kv = k.floatArray, dv = dy.floatArray
        var dx = [Double](repeating: 0, count: x.count), dk = [Double](repeating: 0, count: k.count), db = [Double](repeating: 0, count: f)
        for i in 0..<dv.count { db[i % f] += Double(dv[i]) }
        for img in 0..<n {
            for iy in 0..<h { for ix in 0..<w { for ky in 0..<kh { for kx in 0..<kw {
                let oy = iy * strides.0 + ky - padTop, ox = ix * strides.1 + kx - padLeft
                if oy < 0 || oy >= out.0 || ox < 0 || ox >= out.1 { continue }
                for ch in 0..<c {
                    let xi = ((img * h + iy) * w + ix) * c + ch
                    for j in 0..<f {
                        let d = Double(dv[((img * out.0 + oy) * out.1 + ox) * f + j])
                        let ki = ((ky * kw + kx) * f + j) * c + ch
                        dx[xi] += Double(kv[ki]) * d
                        dk[ki] += Double(xv[xi]) * d
                    }
                }
            } } } }
        }
        func t(_ s: Shape, _ v: [Double]) throws -> Tensor { try Tensor(shape: s, floats: v.map { Float($0) }) }
        return (try t(x.shape, dx), try t(k.shape, dk), try t(Shape([f]), db))
    }

    /// TensorFlow's SAME padding of the conv2d from `out` back to (h, w): total = max((h - 1) * s + k - out, 0), half before.
    static func pads(_ h: Int, _ w: Int, _ kh: Int, _ kw: Int, _ s: (Int, Int), _ padding: Padding, _ out: (Int, Int)) -> (Int, Int) {
        guard padding == .same else { return (0, 0) }
        return (max((h - 1) * s.0 + kh - out.0, 0) / 2, max((w - 1) * s.1 + kw - out.1, 0) / 2)
    }

    static func close(_ a: Tensor, _ b: Tensor, _ tolerance: Float = 1e-4) -> Bool {
        a.shape == b.shape && zip(a.floatArray, b.floatArray).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    // MARK: Conv2DTranspose

    /// (kernel, strides, padding, output_padding, input h x w, Keras's output size).
    static let transposeCases: [((Int, Int), (Int, Int), Padding, (Int, Int)?, (Int, Int), (Int, Int))] = [
        ((3, 3), (2, 2), .valid, nil, (5, 4), (11, 9)), ((3, 3), (2, 2), .same, nil, (5, 4), (10, 8)),
        ((2, 3), (3, 1), .valid, nil, (3, 4), (9, 6)), ((4, 4), (2, 2), .same, nil, (3, 5), (6, 10)),
        ((3, 3), (2, 2), .same, (1, 0), (4, 3), (8, 5)), ((3, 2), (2, 3), .valid, (1, 2), (3, 3), (8, 10)),
        ((1, 1), (1, 1), .valid, nil, (4, 4), (4, 4)),
    ]

    @Test(arguments: transposeCases)
    func transposeForwardAndBackwardMatchTheNaiveTwin(_ kernel: (Int, Int), _ strides: (Int, Int), _ padding: Padding,
                                                     _ outputPadding: (Int, Int)?, _ size: (Int, Int), _ want: (Int, Int)) throws {
        let out = (Conv2DTranspose.outputLength(size.0, kernel: kernel.0, stride: strides.0, padding: padding, outputPadding: outputPadding?.0),
                   Conv2DTranspose.outputLength(size.1, kernel: kernel.1, stride: strides.1, padding: padding, outputPadding: outputPadding?.1))
        #expect(out == want)
        var rng = SeededGenerator(seed: 51)
        let x = GradientCheck.random([2, size.0, size.1, 3], &rng)
        let k = GradientCheck.random([kernel.0, kernel.1, 4, 3], &rng)
        let b = GradientCheck.random([4], &rng)
        let fast = try Kernels.conv2dTranspose(input: x, kernel: k, bias: b, strides: strides, padding: padding, outputSize: out)
        #expect(Self.close(fast, try Self.naiveTranspose(x, k, b, strides: strides, padding: padding, out: out)))
        let dy = GradientCheck.random([2, out.0, out.1, 4], &rng)
        let g = try Kernels.conv2dTransposeBackward(input: x, kernel: k, gradOutput: dy, strides: strides, padding: padding,
                                                    needInputGradient: true)
        let (dx, dk, db) = try Self.naiveTransposeBackward(x, k, dy, strides: strides, padding: padding)
        let gx = try #require(g.input)
        #expect(Self.close(gx, dx))
        #expect(Self.close(g.kernel, dk))
        #expect(Self.close(g.bias, db))
    }

    @Test func theNaiveTransposeIsTheAdjointOfNaiveConv2D() throws {
        // <conv2dᵀ(x), y> == <x, conv2d(y)> for the conv2d from the output size back to the input's.
        var rng = SeededGenerator(seed: 52)
        let x = GradientCheck.random([1, 4, 3, 2], &rng), k = GradientCheck.random([3, 3, 5, 2], &rng)
        let y = GradientCheck.random([1, 8, 6, 5], &rng)
        let t = try Self.naiveTranspose(x, k, nil, strides: (2, 2), padding: .same, out: (8, 6))
        let c = try NaiveKernels.conv2d(input: y, kernel: k, bias: nil, strides: (2, 2), padding: .same)
        #expect(abs(GradientCheck.dot(t, y) - GradientCheck.dot(x, c)) < 1e-3)
    }

    @Test(arguments: [(2, "same", "linear", nil as Int?), (2, "valid", "tanh", nil), (2, "same", "relu", 1), (1, "valid", "sigmoid", nil)])
    func transposeBackwardMatchesFiniteDifferences(_ stride: Int, _ padding: String, _ activation: String, _ outputPadding: Int?) throws {
        var rng = SeededGenerator(seed: 53)
        let layer = try Conv2DTranspose(filters: 3, kernelSize: 3, strides: IntOrTuple(stride), padding: padding,
                                        outputPadding: outputPadding.map { IntOrTuple($0) }, activation: activation, session: Session(seed: 54))
        try GradientCheck.layer(layer, input: GradientCheck.random([2, 4, 3, 2], &rng), step: 1e-3, tolerance: 2e-2)
        #expect(layer.weights.map(\.name) == ["kernel", "bias"])
        #expect(layer.weights.map(\.shape) == [[3, 3, 3, 2], [3]])
    }

    @Test func transposeShapesAndCountsAreKerass() throws {
        let s = Session(seed: 5)
        let up = try Conv2DTranspose(filters: 16, kernelSize: 3, strides: 2, padding: "same", session: s)
        #expect(up.name == "conv2d_transpose")
        #expect(try up.computeOutputShape([nil, 7, 7, 32]) == [nil, 14, 14, 16])
        #expect(try up.computeOutputShape([nil, nil, 7, 32]) == [nil, nil, 14, 16])
        #expect(up.weightSpecs(for: [nil, 7, 7, 32]).reduce(0) { $0 + $1.count } == 3 * 3 * 16 * 32 + 16)
        let valid = try Conv2DTranspose(filters: 4, kernelSize: 3, strides: 2, session: s)
        #expect(try valid.computeOutputShape([nil, 5, 5, 2]) == [nil, 11, 11, 4])
        // TensorFlow cannot run an even kernel with 'same' padding and output_padding=0 from 5 to 8.
        let even = try Conv2DTranspose(filters: 4, kernelSize: 2, strides: 2, padding: "same", outputPadding: 0, session: s)
        #expect(throws: LayerError.self) { try even.computeOutputShape([nil, 5, 5, 2]) }
    }

    @Test func transposeArgumentErrorsAreKerass() throws {
        let s = Session(seed: 6)
        #expect { try Conv2DTranspose(filters: 0, kernelSize: 3, session: s) } throws: {
            (($0 as? LayerError)?.message ?? "").contains("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.")
        }
        #expect { try Conv2DTranspose(filters: 4, kernelSize: 3, strides: 2, outputPadding: 2, session: s) } throws: {
            (($0 as? LayerError)?.message ?? "").contains("`output_padding` must be strictly less than `strides` for all dimensions. At dimension 0, "
                             + "`output_padding` is 2 but `strides` is 2. Received: output_padding=(2, 2), strides=(2, 2)")
        }
    }

    // MARK: SeparableConv2D

    static func naiveSeparable(_ x: Tensor, _ depthwise: Tensor, _ pointwise: Tensor, _ bias: Tensor?, strides: (Int, Int),
                               padding: Padding) throws -> Tensor {
        let d = try DepthwiseConvTests.naive(x, depthwise, nil, strides: strides, padding: padding)
        return try NaiveKernels.conv2d(input: d, kernel: pointwise, bias: bias, strides: (1, 1), padding: .valid)
    }

    @Test(arguments: [((1, 1), "same", 1, true), ((2, 2), "valid", 2, true), ((2, 1), "same", 3, false)])
    func separableForwardMatchesTheNaiveTwin(_ strides: (Int, Int), _ padding: String, _ multiplier: Int, _ useBias: Bool) throws {
        var rng = SeededGenerator(seed: 55)
        let layer = try SeparableConv2D(filters: 5, kernelSize: 3, strides: IntOrTuple([strides.0, strides.1]), padding: padding,
                                        depthMultiplier: multiplier, useBias: useBias, session: Session(seed: 56))
        let x = GradientCheck.random([2, 7, 6, 3], &rng)
        let y = try layer(x, training: false)
        let w = layer.weights.map(\.value)
        let want = try Self.naiveSeparable(x, w[0], w[1], useBias ? w[2] : nil, strides: strides, padding: Padding(rawValue: padding)!)
        #expect(Self.close(y, want))
        let shape = try layer.computeOutputShape([2, 7, 6, 3])
        #expect(y.shape.dims == shape.map { $0! })
    }

    /// The depthwise backward written with NaiveKernels.conv2dBackward, one channel at a time:
    /// (dX, dKernel) for dL/dy = dy.
    static func naiveDepthwiseBackward(_ x: Tensor, _ k: Tensor, _ dy: Tensor, strides: (Int, Int), padding: Padding)
        throws -> (Tensor, Tensor) {
        let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw, m) = (k.shape[0], k.shape[1], k.shape[3])
        let (oh, ow) = (dy.shape[1], dy.shape[2])
        let xv = x.floatArray, kv = k.floatArray, dv = dy.floatArray
        var dx = [Float](repeating: 0, count: x.count), dk = [Float](repeating: 0, count: k.count)
        for ch in 0..<c {
            let one = (0..<(n * h * w)).map { xv[$0 * c + ch] }
            let kernel = (0..<(kh * kw)).flatMap { p in (0..<m).map { kv[(p * c + ch) * m + $0] } }
            let grad = (0..<(n * oh * ow)).flatMap { p in (0..<m).map { dv[p * c * m + ch * m + $0] } }
            let g = try NaiveKernels.conv2dBackward(input: Tensor(shape: Shape([n, h, w, 1]), floats: one),
                                                    kernel: Tensor(shape: Shape([kh, kw, 1, m]), floats: kernel),
                                                    gradOutput: Tensor(shape: Shape([n, oh, ow, m]), floats: grad),
                                                    strides: strides, padding: padding)
            let gx = g.input.floatArray, gk = g.kernel.floatArray
            for i in 0..<(n * h * w) { dx[i * c + ch] = gx[i] }
            for p in 0..<(kh * kw) { for j in 0..<m { dk[(p * c + ch) * m + j] = gk[p * m + j] } }
        }
        return (try Tensor(shape: x.shape, floats: dx), try Tensor(shape: k.shape, floats: dk))
    }

    /// Inputs large enough for the depthwise kernels to split the work across cores (4.4 M
    /// multiply-adds and more: two parts or more of 2,000,000), against the naive twins.
    @Test(arguments: [(1, Padding.same), (2, Padding.valid)])
    func depthwiseKernelsSplitAcrossCoresMatchTheNaiveTwins(_ multiplier: Int, _ padding: Padding) throws {
        var rng = SeededGenerator(seed: 61)
        let x = GradientCheck.random([8, 48, 40, 32], &rng)
        let k = GradientCheck.random([3, 3, 32, multiplier], &rng)
        let b = GradientCheck.random([32 * multiplier], &rng)
        let y = try Kernels.depthwiseConv2d(input: x, kernel: k, bias: b, strides: (1, 1), padding: padding)
        #expect(Self.close(y, try DepthwiseConvTests.naive(x, k, b, strides: (1, 1), padding: padding)))
        let dy = GradientCheck.random(y.shape.dims, &rng)
        let g = try Kernels.depthwiseConv2dBackward(input: x, kernel: k, gradOutput: dy, strides: (1, 1), padding: padding,
                                                    needInputGradient: true)
        let (dx, dk) = try Self.naiveDepthwiseBackward(x, k, dy, strides: (1, 1), padding: padding)
        let gx = try #require(g.input)
        #expect(Self.close(gx, dx))
        #expect(Self.close(g.kernel, dk, 1e-3))
        let dv = dy.floatArray
        let db = (0..<(32 * multiplier)).map { o in stride(from: o, to: dv.count, by: 32 * multiplier).reduce(Float(0)) { $0 + dv[$1] } }
        #expect(zip(g.bias.floatArray, db).allSatisfy { abs($0 - $1) <= 1e-3 * max(1, abs($1)) })
    }

    @Test(arguments: [((1, 1), "same", 1), ((2, 2), "valid", 2), ((2, 1), "same", 3)])
    func separableBackwardMatchesTheNaiveTwin(_ strides: (Int, Int), _ padding: String, _ multiplier: Int) throws {
        var rng = SeededGenerator(seed: 59)
        let layer = try SeparableConv2D(filters: 4, kernelSize: [3, 2], strides: IntOrTuple([strides.0, strides.1]), padding: padding,
                                        depthMultiplier: multiplier, session: Session(seed: 60))
        let x = GradientCheck.random([2, 7, 6, 3], &rng)
        let y = try layer(x, training: true)
        let dy = GradientCheck.random(y.shape.dims, &rng)
        let dx = try #require(try layer.backward(dy, needInputGradient: true))
        let w = layer.weights.map(\.value), p = Padding(rawValue: padding)!
        let mid = try DepthwiseConvTests.naive(x, w[0], nil, strides: strides, padding: p)
        let point = try NaiveKernels.conv2dBackward(input: mid, kernel: w[1], gradOutput: dy, strides: (1, 1), padding: .valid)
        let (wantX, wantDepthwise) = try Self.naiveDepthwiseBackward(x, w[0], point.input, strides: strides, padding: p)
        let got = layer.core.gradients.map { $0! }
        #expect(Self.close(dx, wantX))
        #expect(Self.close(got[0], wantDepthwise))
        #expect(Self.close(got[1], point.kernel))
        #expect(Self.close(got[2], point.bias))
    }

    @Test(arguments: [(1, "same", "linear", 1, true), (2, "valid", "tanh", 2, true), (2, "same", "relu", 1, false)])
    func separableBackwardMatchesFiniteDifferences(_ stride: Int, _ padding: String, _ activation: String, _ multiplier: Int,
                                                  _ useBias: Bool) throws {
        var rng = SeededGenerator(seed: 57)
        let layer = try SeparableConv2D(filters: 3, kernelSize: 3, strides: IntOrTuple(stride), padding: padding,
                                        depthMultiplier: multiplier, activation: activation, useBias: useBias, session: Session(seed: 58))
        try GradientCheck.layer(layer, input: GradientCheck.random([2, 6, 5, 2], &rng), step: 1e-3, tolerance: 2e-2)
        #expect(layer.weights.map(\.name) == ["depthwise_kernel", "pointwise_kernel"] + (useBias ? ["bias"] : []))
    }

    @Test func separableShapesAndCountsAreKerass() throws {
        let s = Session(seed: 7)
        let layer = try SeparableConv2D(filters: 64, kernelSize: 3, padding: "same", useBias: false, session: s)
        #expect(layer.name == "separable_conv2d")
        // The f_rescaling reference: 3x3x32 depthwise + 32x64 pointwise = 2,336.
        #expect(layer.weightSpecs(for: [nil, 89, 89, 32]).reduce(0) { $0 + $1.count } == 2_336)
        #expect(try layer.computeOutputShape([nil, 89, 89, 32]) == [nil, 89, 89, 64])
        let biased = try SeparableConv2D(filters: 8, kernelSize: 5, strides: 2, depthMultiplier: 2, session: s)
        #expect(biased.weightSpecs(for: [nil, 20, 20, 3]).map(\.shape) == [[5, 5, 3, 2], [1, 1, 6, 8], [8]])
        #expect(try biased.computeOutputShape([nil, 20, 20, 3]) == [nil, 8, 8, 8])
    }

    @Test func separableArgumentErrorsAreKerass() throws {
        let s = Session(seed: 8)
        #expect { try SeparableConv2D(filters: 0, kernelSize: 3, session: s) } throws: {
            (($0 as? LayerError)?.message ?? "").contains("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.")
        }
        #expect { try SeparableConv2D(filters: 4, kernelSize: 3, depthMultiplier: 0, session: s) } throws: {
            (($0 as? LayerError)?.message ?? "").contains("Received depth_multiplier=0.")
        }
        #expect(throws: LayerError.self) { try SeparableConv2D(filters: 4, kernelSize: 0, session: s) }
    }
}
