import Glibc
import Testing
import Tensor
import NeuralNet

/// The layers added for issue 13: each forward against a naive twin written out here with plain
/// loops, each backward against finite differences, and their shapes, parameter counts, names and
/// argument errors as Keras has them.

private func random(_ dims: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    return GradientCheck.random(dims, &rng, low: low, high: high)
}

/// The same values, none within 0.05 of 0 (a finite difference across a kink means nothing).
private func awayFromZero(_ x: Tensor) -> Tensor {
    let v = x.floats
    for i in 0..<v.count where abs(v[i]) < 0.05 { v[i] += v[i] < 0 ? -0.1 : 0.1 }
    return x
}

private func close(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

/// Row-major offset of `index` in a tensor of `dims`.
private func at(_ dims: [Int], _ index: [Int]) -> Int {
    var offset = 0
    for (d, i) in zip(dims, index) { offset = offset * d + i }
    return offset
}

/// Builds for `input` (without the batch) and returns (output shape, parameter count).
private func built(_ layer: any Layer, _ input: [Int?]) throws -> ([Int?], Int) {
    try layer.build([nil] + input)
    return (layer.outputShape!, try layer.countParams())
}

private func error(_ body: () throws -> Void) -> LayerError? {
    do { try body() } catch let e as LayerError { return e } catch { Issue.record("not a LayerError: \(error)") }
    return nil
}

@Suite struct MoreLayerActivationTests {
    @Test func leakyReLUAgainstItsTwin() throws {
        let s = Session(seed: 1)
        let x = awayFromZero(random([3, 4, 5], seed: 2, low: -3, high: 3))
        for slope in [0.3, 0.05, 0] {
            let layer = try LeakyReLU(negativeSlope: slope, session: s)
            let y = try layer(x).floatArray
            let twin = x.floatArray.map { $0 >= 0 ? $0 : Float(slope) * $0 }
            #expect(close(y, twin))
            try GradientCheck.layer(layer, input: x)
        }
        #expect(try built(LeakyReLU(session: s), [4, 5]) == ([nil, 4, 5], 0))
        let e = error { _ = try LeakyReLU(negativeSlope: -0.1, argument: "alpha", session: s) }
        #expect(e?.message == "The negative_slope value of a Leaky ReLU layer cannot be None or negative value. "
                    + "Expected a float. Received: negative_slope=-0.1")
        #expect(e?.argument == "alpha")
    }

    @Test func eluAgainstItsTwin() throws {
        let s = Session(seed: 3)
        let x = awayFromZero(random([2, 3, 3, 2], seed: 4, low: -3, high: 2))
        for alpha in [1.0, 0.5] {
            let layer = try ELU(alpha: alpha, session: s)
            let twin = x.floatArray.map { $0 > 0 ? $0 : Float(alpha) * (exp($0) - 1) }
            #expect(close(try layer(x).floatArray, twin))
            try GradientCheck.layer(layer, input: x, step: 1e-3)
        }
    }

    @Test func preluAlphaPerValueAndShared() throws {
        let s = Session(seed: 5)
        let x = awayFromZero(random([2, 3, 4, 2], seed: 6))
        // One alpha per value: the input's shape without the batch.
        let full = try PReLU(session: s)
        #expect(try built(full, [3, 4, 2]) == ([nil, 3, 4, 2], 24))
        #expect(full.weights.map(\.name) == ["alpha"] && full.weights[0].shape == [3, 4, 2])
        #expect(full.weights[0].value.floatArray.allSatisfy { $0 == 0 })   // zeros: relu at first
        // Shared over height and width: one per channel.
        let shared = try PReLU(sharedAxes: [1, 2], session: s)
        #expect(try built(shared, [3, 4, 2]) == ([nil, 3, 4, 2], 2))
        #expect(shared.weights[0].shape == [1, 1, 2])
        try full.setWeights([random([3, 4, 2], seed: 7, low: 0, high: 0.5)])
        try shared.setWeights([try Tensor(shape: [1, 1, 2], floats: [0.25, 0.1])])
        let a = full.weights[0].value.floatArray
        var twinFull = [Float](), twinShared = [Float]()
        for b in 0..<2 { for i in 0..<3 { for j in 0..<4 { for c in 0..<2 {
            let v = x.floatArray[at([2, 3, 4, 2], [b, i, j, c])]
            twinFull.append(v > 0 ? v : a[at([3, 4, 2], [i, j, c])] * v)
            twinShared.append(v > 0 ? v : [0.25, 0.1][c] * v)
        } } } }
        #expect(close(try full(x).floatArray, twinFull))
        #expect(close(try shared(x).floatArray, twinShared))
        try GradientCheck.layer(full, input: x)
        try GradientCheck.layer(shared, input: x)
        #expect(full.core.gradients.count == 1)
        let e = error { try PReLU(sharedAxes: [3], session: s).build([nil, 5, 2]) }
        #expect(e?.argument == "shared_axes")
        #expect(e?.message.contains("Received: shared_axes=[3]") == true)
    }
}

@Suite struct MoreLayerShapeTests {
    @Test func reshapeInfersMinusOne() throws {
        let s = Session(seed: 8)
        let layer = try Reshape(targetShape: [3, -1], session: s)
        #expect(try built(layer, [12]) == ([nil, 3, 4], 0))
        let x = random([2, 12], seed: 9)
        let y = try layer(x)
        #expect(y.shape.dims == [2, 3, 4])
        var twin = [Float]()
        for b in 0..<2 { for i in 0..<3 { for j in 0..<4 { twin.append(x.floatArray[b * 12 + i * 4 + j]) } } }
        #expect(y.floatArray == twin)
        try GradientCheck.layer(try Reshape(targetShape: [2, 2, 3], session: s), input: x)
        #expect(try built(Reshape(targetShape: [7, 7, 64], session: s), [3136]) == ([nil, 7, 7, 64], 0))
        #expect(try Reshape(targetShape: [-1, 2], session: s).computeOutputShape([nil, nil, 4]) == [nil, nil, 2])

        let two = error { _ = try Reshape(targetShape: [-1, -1], session: s) }
        #expect(two?.message == "The `target_shape` argument must not contain more than one `-1` value. "
                    + "Received: target_shape=(-1, -1)")
        let size = error { _ = try Reshape(targetShape: [5, 2], session: s).computeOutputShape([nil, 12]) }
        #expect(size?.message == "The total size of the tensor must be unchanged. Received: input_shape=(12,), "
                    + "target_shape=(5, 2)")
        let divide = error { _ = try Reshape(targetShape: [5, -1], session: s).computeOutputShape([nil, 3, 4]) }
        #expect(divide?.message.hasPrefix("The total size of the tensor must be unchanged, however, the input size "
                    + "cannot by divided") == true)
    }

    @Test func permuteAgainstItsTwin() throws {
        let s = Session(seed: 10)
        let layer = try Permute(dims: [3, 1, 2], session: s)
        #expect(try built(layer, [3, 4, 5]) == ([nil, 5, 3, 4], 0))
        let x = random([2, 3, 4, 5], seed: 11)
        let y = try layer(x)
        #expect(y.shape.dims == [2, 5, 3, 4])
        var twin = [Float]()
        for b in 0..<2 { for p in 0..<5 { for q in 0..<3 { for r in 0..<4 {
            twin.append(x.floatArray[at([2, 3, 4, 5], [b, q, r, p])])
        } } } }
        #expect(y.floatArray == twin)
        try GradientCheck.layer(layer, input: x)
        try GradientCheck.layer(try Permute(dims: [2, 1], session: s), input: random([3, 2, 5], seed: 12))

        let bad = error { _ = try Permute(dims: [0, 1], session: s) }
        #expect(bad?.message == "Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` "
                    + "must be consecutive and start from 1. Received dims=(0, 1)")
        #expect(bad?.argument == "dims")
        let rank = error { _ = try Permute(dims: [2, 1], session: s).computeOutputShape([nil, 28, 28, 1]) }
        #expect(rank?.message == "Input 0 of layer \"permute_3\" is incompatible with the layer: expected ndim=3, "
                    + "found ndim=4. Full shape received: (None, 28, 28, 1)")
    }

    @Test func repeatVectorAgainstItsTwin() throws {
        let s = Session(seed: 13)
        let layer = try RepeatVector(n: 4, session: s)
        #expect(try built(layer, [3]) == ([nil, 4, 3], 0))
        let x = random([2, 3], seed: 14)
        var twin = [Float]()
        for b in 0..<2 { for _ in 0..<4 { for f in 0..<3 { twin.append(x.floatArray[b * 3 + f]) } } }
        #expect(try layer(x).floatArray == twin)
        try GradientCheck.layer(layer, input: x)
        #expect(error { _ = try RepeatVector(n: 2, session: s).computeOutputShape([nil, 2, 3]) }?.message
                    .contains("expected ndim=2, found ndim=3") == true)
    }
}

@Suite struct MoreLayerImageTests {
    @Test func zeroPaddingAgainstItsTwin() throws {
        let s = Session(seed: 15)
        let layer = try ZeroPadding2D(padding: .items([[1, 2], [3, 0]]), session: s)
        #expect(try built(layer, [3, 4, 2]) == ([nil, 6, 7, 2], 0))
        let x = random([2, 3, 4, 2], seed: 16)
        var twin = [Float]()
        for b in 0..<2 { for i in 0..<6 { for j in 0..<7 { for c in 0..<2 {
            let (si, sj) = (i - 1, j - 3)
            twin.append(si >= 0 && si < 3 && sj >= 0 && sj < 4 ? x.floatArray[at([2, 3, 4, 2], [b, si, sj, c])] : 0)
        } } } }
        #expect(try layer(x).floatArray == twin)
        try GradientCheck.layer(layer, input: x)
        // The three forms of the argument.
        #expect(try built(ZeroPadding2D(session: s), [28, 28, 1]).0 == [nil, 30, 30, 1])
        #expect(try built(ZeroPadding2D(padding: .int(2), session: s), [28, 28, 1]).0 == [nil, 32, 32, 1])
        #expect(try built(ZeroPadding2D(padding: .items([1, 3]), session: s), [28, 28, 1]).0 == [nil, 30, 34, 1])
        let three = error { _ = try ZeroPadding2D(padding: .items([1, 2, 3]), session: s) }
        #expect(three?.message == "`padding` should have two elements. Received: padding=(1, 2, 3).")
        let entry = error { _ = try ZeroPadding2D(padding: .items([[1, 2, 3], 1]), session: s) }
        #expect(entry?.message == "The `1st entry of padding` argument must be a tuple of 2 integers. "
                    + "Received 1st entry of padding=(1, 2, 3)")
        #expect(entry?.argument == "padding")
        #expect(error { _ = try ZeroPadding2D(padding: .other("'same'"), session: s) }?.message
                    == "`padding` should be either an int, a tuple of 2 ints (symmetric_height_crop, symmetric_width_crop), "
                    + "or a tuple of 2 tuples of 2 ints ((top_crop, bottom_crop), (left_crop, right_crop)). "
                    + "Received: padding='same'.")
    }

    @Test func croppingAgainstItsTwin() throws {
        let s = Session(seed: 17)
        let layer = try Cropping2D(cropping: .items([[1, 0], [1, 2]]), session: s)
        #expect(try built(layer, [5, 6, 2]) == ([nil, 4, 3, 2], 0))
        let x = random([2, 5, 6, 2], seed: 18)
        var twin = [Float]()
        for b in 0..<2 { for i in 0..<4 { for j in 0..<3 { for c in 0..<2 {
            twin.append(x.floatArray[at([2, 5, 6, 2], [b, i + 1, j + 1, c])])
        } } } }
        #expect(try layer(x).floatArray == twin)
        try GradientCheck.layer(layer, input: x)
        #expect(try built(Cropping2D(cropping: .int(2), session: s), [28, 28, 1]).0 == [nil, 24, 24, 1])
        let big = error { _ = try Cropping2D(cropping: .items([14, 0]), session: s).computeOutputShape([nil, 28, 28, 1]) }
        #expect(big?.message == "Values in `cropping` argument should be smaller than the corresponding spatial dimension "
                    + "of the input. Received: input_shape=(None, 28, 28, 1), cropping=((14, 14), (0, 0))")
        #expect(error { _ = try Cropping2D(cropping: .int(-1), session: s) }?.message
                    == "`cropping` cannot be negative. Received: cropping=-1.")
    }

    /// tf.image.resize's half-pixel bilinear rule, written out for one axis.
    private func taps(_ out: Int, _ size: Int, _ scale: Double) -> (Int, Int, Double) {
        let p = (Double(out) + 0.5) * scale - 0.5
        return (max(Int(floor(p)), 0), min(Int(ceil(p)), size - 1), p - floor(p))
    }

    private func bilinearTwin(_ x: Tensor, top: Int = 0, left: Int = 0, cropH: Int? = nil, cropW: Int? = nil,
                              to height: Int, _ width: Int) -> [Float] {
        let d = x.shape.dims
        let (h, w) = (cropH ?? d[1], cropW ?? d[2])
        var out = [Float]()
        for b in 0..<d[0] { for i in 0..<height { for j in 0..<width { for c in 0..<d[3] {
            let (y0, y1, fy) = taps(i, h, Double(h) / Double(height))
            let (x0, x1, fx) = taps(j, w, Double(w) / Double(width))
            func v(_ y: Int, _ xx: Int) -> Double { Double(x.floatArray[at(d, [b, top + y, left + xx, c])]) }
            let value = v(y0, x0) * (1 - fy) * (1 - fx) + v(y0, x1) * (1 - fy) * fx
                + v(y1, x0) * fy * (1 - fx) + v(y1, x1) * fy * fx
            out.append(Float(value))
        } } } }
        return out
    }

    @Test func upSamplingNearestAndBilinear() throws {
        let s = Session(seed: 19)
        let nearest = try UpSampling2D(size: [2, 3], session: s)
        #expect(try built(nearest, [3, 4, 2]) == ([nil, 6, 12, 2], 0))
        let x = random([2, 3, 4, 2], seed: 20)
        var twin = [Float]()
        for b in 0..<2 { for i in 0..<6 { for j in 0..<12 { for c in 0..<2 {
            twin.append(x.floatArray[at([2, 3, 4, 2], [b, i / 2, j / 3, c])])
        } } } }
        #expect(try nearest(x).floatArray == twin)
        try GradientCheck.layer(nearest, input: x)

        let bilinear = try UpSampling2D(size: 2, interpolation: "bilinear", session: s)
        #expect(close(try bilinear(x).floatArray, bilinearTwin(x, to: 6, 8)))
        try GradientCheck.layer(bilinear, input: x)
        // tf.image.resize([[0, 1]], (2, 4)): the known half-pixel values.
        let row = try Tensor(shape: [1, 1, 2, 1], floats: [0, 1])
        #expect(try UpSampling2D(size: 2, interpolation: "bilinear", session: s)(row).floatArray
                    == [0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1])

        let bicubic = error { _ = try UpSampling2D(interpolation: "bicubic", session: s) }
        #expect(bicubic?.kind == .notImplementedError && bicubic?.argument == "interpolation")
        let unknown = error { _ = try UpSampling2D(interpolation: "linear", session: s) }
        #expect(unknown?.message == "Invalid value for argument `interpolation`. Expected of one ('bilinear', 'nearest', "
                    + "'lanczos3', 'lanczos5', 'bicubic', 'area'). Received: interpolation=linear")
        #expect(error { _ = try UpSampling2D(size: [0, 2], session: s) }?.message
                    == "The `size` argument must be a tuple of 2 integers. Received size=(0, 2), including values {0} "
                    + "that do not satisfy `value > 0`")
    }

    @Test func resizingBilinearNearestAndCropped() throws {
        let s = Session(seed: 21)
        let x = random([2, 5, 7, 2], seed: 22)
        let bilinear = try Resizing(height: 3, width: 4, session: s)
        #expect(try built(bilinear, [5, 7, 2]) == ([nil, 3, 4, 2], 0))
        #expect(close(try bilinear(x).floatArray, bilinearTwin(x, to: 3, 4)))
        try GradientCheck.layer(bilinear, input: x)

        let nearest = try Resizing(height: 4, width: 3, interpolation: "nearest", session: s)
        var twin = [Float]()
        for b in 0..<2 { for i in 0..<4 { for j in 0..<3 { for c in 0..<2 {
            let si = min(Int(floor((Double(i) + 0.5) * 5 / 4)), 4), sj = min(Int(floor((Double(j) + 0.5) * 7 / 3)), 6)
            twin.append(x.floatArray[at([2, 5, 7, 2], [b, si, sj, c])])
        } } } }
        #expect(try nearest(x).floatArray == twin)
        try GradientCheck.layer(nearest, input: x)

        // 5 x 7 to a square: the centre 5 x 5 (columns 1 to 5), then resized.
        let cropped = try Resizing(height: 3, width: 3, cropToAspectRatio: true, session: s)
        #expect(close(try cropped(x).floatArray, bilinearTwin(x, left: 1, cropH: 5, cropW: 5, to: 3, 3)))
        try GradientCheck.layer(cropped, input: x)
        #expect(error { _ = try Resizing(height: 0, width: 3, session: s) }?.argument == "height")
    }

    @Test func centerCropCropsOrResizesUp() throws {
        let s = Session(seed: 23)
        let layer = try CenterCrop(height: 3, width: 4, session: s)
        #expect(try built(layer, [6, 7, 1]) == ([nil, 3, 4, 1], 0))
        let x = random([2, 6, 7, 1], seed: 24)
        var twin = [Float]()
        for b in 0..<2 { for i in 0..<3 { for j in 0..<4 { twin.append(x.floatArray[at([2, 6, 7, 1], [b, i + 1, j + 1, 0])]) } } }
        #expect(try layer(x).floatArray == twin)
        try GradientCheck.layer(layer, input: x)
        // Smaller than the crop: smart_resize (here a plain bilinear resize, the aspect ratio being the same).
        let up = try CenterCrop(height: 4, width: 4, session: s)
        let small = random([1, 2, 2, 3], seed: 25)
        #expect(close(try up(small).floatArray, bilinearTwin(small, to: 4, 4)))
        try GradientCheck.layer(up, input: small)
    }

    @Test func spatialDropoutDropsWholeChannels() throws {
        let s = Session(seed: 26)
        let layer = try SpatialDropout2D(rate: 0.5, seed: 3, session: s)
        #expect(try built(layer, [4, 5, 6]) == ([nil, 4, 5, 6], 0))
        let x = random([3, 4, 5, 6], seed: 27, low: 0.5, high: 1)
        #expect(try layer(x).floatArray == x.floatArray)   // inference: the identity
        let y = try layer(x, training: true)
        var dropped = 0
        for b in 0..<3 { for c in 0..<6 {
            let ratios = (0..<20).map { p in
                y.floatArray[(b * 20 + p) * 6 + c] / x.floatArray[(b * 20 + p) * 6 + c]
            }
            // Each feature map is kept (times 2) or dropped as a whole.
            #expect(ratios.allSatisfy { abs($0 - 2) < 1e-5 } || ratios.allSatisfy { $0 == 0 })
            if ratios[0] == 0 { dropped += 1 }
        } }
        #expect(dropped > 0 && dropped < 18)
        // The gradient goes through the same factors.
        let r = random(y.shape.dims, seed: 28)
        let dx = try layer.backward(r, needInputGradient: true)!
        for i in 0..<x.count { #expect(abs(dx.floatArray[i] - r.floatArray[i] * y.floatArray[i] / x.floatArray[i]) < 1e-5) }
        try GradientCheck.layer(try SpatialDropout2D(rate: 0, session: s), input: x)
        #expect(error { _ = try SpatialDropout2D(rate: 1, session: s) }?.argument == "rate")
    }

    @Test func layerNormalizationAgainstItsTwin() throws {
        let s = Session(seed: 29)
        let layer = try LayerNormalization(session: s)
        #expect(try built(layer, [3, 4, 5]) == ([nil, 3, 4, 5], 10))
        #expect(layer.weights.map(\.name) == ["gamma", "beta"] && layer.trainableWeights.count == 2)
        try layer.setWeights([random([5], seed: 30, low: 0.5, high: 2), random([5], seed: 31)])
        let x = random([2, 3, 4, 5], seed: 32, low: -2, high: 3)
        let gamma = layer.weights[0].value.floatArray, beta = layer.weights[1].value.floatArray
        var twin = [Float]()
        for row in 0..<24 {
            let v = (0..<5).map { Double(x.floatArray[row * 5 + $0]) }
            let mean = v.reduce(0, +) / 5
            let variance = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5
            for k in 0..<5 { twin.append(Float((v[k] - mean) / (variance + 0.001).squareRoot()) * gamma[k] + beta[k]) }
        }
        #expect(close(try layer(x).floatArray, twin, 1e-4))
        #expect(close(try layer(x, training: true).floatArray, twin, 1e-4))
        try GradientCheck.layer(layer, input: x, step: 1e-3, tolerance: 2e-2)

        // Along axis 1 of (None, 3, 4): each column of 3 values normalised; 6 parameters.
        let middle = try LayerNormalization(axis: 1, center: false, session: s)
        #expect(try built(middle, [3, 4]) == ([nil, 3, 4], 3))
        let z = random([2, 3, 4], seed: 33)
        let out = try middle(z).floatArray
        for b in 0..<2 { for j in 0..<4 {
            let column = (0..<3).map { Double(out[at([2, 3, 4], [b, $0, j])]) }
            #expect(abs(column.reduce(0, +)) < 1e-4)
        } }
        try GradientCheck.layer(middle, input: z, step: 1e-3, tolerance: 2e-2)
        #expect(error { _ = try LayerNormalization(axis: 3, session: s).computeOutputShape([nil, 3, 4]) }?.argument == "axis")
    }

    @Test func namesAndClassNames() throws {
        let s = Session()
        let layers: [any Layer] = [
            try LeakyReLU(session: s), try ELU(session: s), try PReLU(session: s), try Reshape(targetShape: [1], session: s),
            try Permute(dims: [1], session: s), try RepeatVector(n: 1, session: s), try ZeroPadding2D(session: s),
            try Cropping2D(session: s), try UpSampling2D(session: s), try SpatialDropout2D(rate: 0, session: s),
            try LayerNormalization(session: s), try Resizing(height: 1, width: 1, session: s),
            try CenterCrop(height: 1, width: 1, session: s), try LeakyReLU(session: s),
        ]
        #expect(layers.map(\.name) == [
            "leaky_re_lu", "elu", "p_re_lu", "reshape", "permute", "repeat_vector", "zero_padding2d", "cropping2d",
            "up_sampling2d", "spatial_dropout2d", "layer_normalization", "resizing", "center_crop", "leaky_re_lu_1",
        ])
        #expect(layers.map(\.className) == [
            "LeakyReLU", "ELU", "PReLU", "Reshape", "Permute", "RepeatVector", "ZeroPadding2D", "Cropping2D",
            "UpSampling2D", "SpatialDropout2D", "LayerNormalization", "Resizing", "CenterCrop", "LeakyReLU",
        ])
    }
}
