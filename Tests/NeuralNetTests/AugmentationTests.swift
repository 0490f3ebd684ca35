import Testing
import Tensor
import NeuralNet

/// Keras's image augmentation layers: the identity at inference, their transforms when training
/// (each held against a plain twin written here), seeding, and their place in a model.
@Suite struct AugmentationTests {
    func randomBatch(_ dims: [Int], seed: UInt64, range: (Float, Float) = (0, 1)) throws -> Tensor {
        var g = SeededGenerator(seed: seed)
        return try Tensor(shape: Shape(dims), floats: (0..<dims.reduce(1, *)).map { _ in g.uniformFloat(range.0, range.1) })
    }

    func allLayers(_ s: Session) throws -> [any Layer] {
        [try RandomFlip(session: s), try RandomRotation(factor: AugmentationFactor(0.2), session: s),
         try RandomZoom(heightFactor: AugmentationFactor(0.3), session: s),
         try RandomTranslation(heightFactor: AugmentationFactor(0.2), widthFactor: AugmentationFactor(0.2), session: s),
         try RandomContrast(factor: AugmentationFactor(0.5), session: s)]
    }

    /// The value at (image b, row i, column j, channel k) of an NHWC batch.
    func at(_ v: [Float], _ d: [Int], _ b: Int, _ i: Int, _ j: Int, _ k: Int) -> Float {
        v[((b * d[1] + i) * d[2] + j) * d[3] + k]
    }

    @Test func inferencePassesTheInputThroughAndTrainingChangesIt() throws {
        let s = Session(seed: 1)
        let x = try randomBatch([16, 9, 9, 3], seed: 2, range: (10, 200))
        for layer in try allLayers(s) {
            #expect(try layer(x).floatArray == x.floatArray, "\(layer.name) at inference")
            #expect(try layer.forward(x, training: false).floatArray == x.floatArray, "\(layer.name)")
            #expect(try layer(x, training: true).floatArray != x.floatArray, "\(layer.name) when training")
            #expect(try layer.computeOutputShape([nil, 9, 9, 3]) == [nil, 9, 9, 3])
            #expect(layer.weights.isEmpty)
            #expect(try layer.countParams() == 0)
        }
    }

    @Test func defaultNamesAndClassNames() throws {
        let layers = try allLayers(Session())
        #expect(layers.map(\.name) == ["random_flip", "random_rotation", "random_zoom", "random_translation", "random_contrast"])
        #expect(layers.map(\.className) == ["RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast"])
        let s = Session()
        _ = try RandomFlip(session: s)
        #expect(try RandomFlip(mode: "horizontal", session: s).name == "random_flip_1")
    }

    @Test func horizontalFlipMirrorsSomeImagesAndLeavesTheOthers() throws {
        let d = [64, 5, 4, 3]
        let x = try randomBatch(d, seed: 3)
        let y = try RandomFlip(mode: "horizontal", session: Session(seed: 4))(x, training: true)
        let xv = x.floatArray, yv = y.floatArray
        var mirrored = 0, kept = 0
        for b in 0..<d[0] {
            var same = true, mirror = true
            for i in 0..<d[1] { for j in 0..<d[2] { for k in 0..<d[3] {
                let out = at(yv, d, b, i, j, k)
                if out != at(xv, d, b, i, j, k) { same = false }
                if out != at(xv, d, b, i, d[2] - 1 - j, k) { mirror = false }
            } } }
            #expect(same || mirror, "image \(b) is neither the input nor its mirror")
            if same { kept += 1 }
            if mirror { mirrored += 1 }
        }
        #expect(mirrored > 0 && kept > 0)
        #expect(mirrored + kept == 64)
    }

    @Test func verticalFlipMirrorsTopToBottom() throws {
        let d = [32, 4, 3, 1]
        let x = try randomBatch(d, seed: 5)
        let y = try RandomFlip(mode: "vertical", session: Session(seed: 6))(x, training: true)
        let xv = x.floatArray, yv = y.floatArray
        var flipped = 0
        for b in 0..<d[0] {
            let upsideDown = (0..<d[1]).allSatisfy { i in (0..<d[2]).allSatisfy { j in
                at(yv, d, b, i, j, 0) == at(xv, d, b, d[1] - 1 - i, j, 0) } }
            let same = (0..<d[1]).allSatisfy { i in (0..<d[2]).allSatisfy { j in at(yv, d, b, i, j, 0) == at(xv, d, b, i, j, 0) } }
            #expect(upsideDown || same)
            if upsideDown { flipped += 1 }
        }
        #expect(flipped > 0 && flipped < 32)
    }

    /// factor (0.25, 0.25) is a quarter turn counter-clockwise: numpy's rot90, out[i][j] = in[j][n-1-i].
    @Test func rotationByAQuarterTurnIsRot90() throws {
        let n = 9
        let d = [3, n, n, 2]
        let x = try randomBatch(d, seed: 7)
        let layer = try RandomRotation(factor: AugmentationFactor(0.25, 0.25), session: Session(seed: 8))
        let y = try layer(x, training: true).floatArray
        let xv = x.floatArray
        for b in 0..<d[0] { for i in 1..<(n - 1) { for j in 1..<(n - 1) { for k in 0..<2 {
            let expected = at(xv, d, b, j, n - 1 - i, k)
            #expect(abs(at(y, d, b, i, j, k) - expected) < 1e-5, "(\(b), \(i), \(j), \(k))")
        } } } }
    }

    /// TensorFlow's bilinear interpolation with every tap outside the image reading `fill`, for a
    /// map from output (row, column) to input (row, column): the plain twin of 'constant'.
    func constantWarp(_ x: Tensor, fill: Float, _ map: (Double, Double) -> (Double, Double)) -> [Float] {
        let d = x.shape.dims, v = x.floatArray
        var out = [Float](repeating: 0, count: v.count)
        func read(_ b: Int, _ i: Int, _ j: Int, _ k: Int) -> Float {
            (i < 0 || i >= d[1] || j < 0 || j >= d[2]) ? fill : at(v, d, b, i, j, k)
        }
        for b in 0..<d[0] { for i in 0..<d[1] { for j in 0..<d[2] { for k in 0..<d[3] {
            let (r, c) = map(Double(i), Double(j))
            let r0 = Int(r.rounded(.down)), c0 = Int(c.rounded(.down))
            let fr = Float(r - r.rounded(.down)), fc = Float(c - c.rounded(.down))
            let top = (1 - fc) * read(b, r0, c0, k) + fc * read(b, r0, c0 + 1, k)
            let bottom = (1 - fc) * read(b, r0 + 1, c0, k) + fc * read(b, r0 + 1, c0 + 1, k)
            out[((b * d[1] + i) * d[2] + j) * d[3] + k] = (1 - fr) * top + fr * bottom
        } } } }
        return out
    }

    @Test func zoomMatchesAPlainTwin() throws {
        let d = [2, 7, 10, 2]
        let x = try randomBatch(d, seed: 9)
        // Fixed draws: zoom out 20% vertically, in 30% horizontally, about the centre.
        let layer = try RandomZoom(heightFactor: AugmentationFactor(0.2, 0.2), widthFactor: AugmentationFactor(-0.3, -0.3),
                                   fillMode: "constant", fillValue: 0.5, session: Session(seed: 10))
        let y = try layer(x, training: true).floatArray
        let (zy, zx) = (1.2, 0.7)
        let expected = constantWarp(x, fill: 0.5) { i, j in (zy * i + 3 * (1 - zy), zx * j + 4.5 * (1 - zx)) }
        #expect(zip(y, expected).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(y != x.floatArray)
    }

    @Test func zoomWithoutWidthFactorKeepsTheAspectRatio() throws {
        let d = [1, 6, 6, 1]
        let x = try randomBatch(d, seed: 11)
        let y = try RandomZoom(heightFactor: AugmentationFactor(-0.5, -0.5), fillMode: "constant", session: Session())(x, training: true)
        let expected = constantWarp(x, fill: 0) { i, j in (0.5 * i + 1.25, 0.5 * j + 1.25) }
        #expect(zip(y.floatArray, expected).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    /// A shift of whole pixels: out[i][j] = in[i - 2][j + 2] with the fill mode's index outside.
    @Test func translationMatchesAPlainTwinInEveryFillMode() throws {
        let d = [2, 8, 8, 3]
        let x = try randomBatch(d, seed: 12)
        let xv = x.floatArray
        func reflect(_ k: Int, _ n: Int) -> Int { k < 0 ? -k - 1 : (k >= n ? 2 * n - 1 - k : k) }
        func wrap(_ k: Int, _ n: Int) -> Int { ((k % n) + n) % n }
        func nearest(_ k: Int, _ n: Int) -> Int { min(max(k, 0), n - 1) }
        for (mode, index) in [("reflect", reflect), ("wrap", wrap), ("nearest", nearest)] as [(String, (Int, Int) -> Int)] {
            // Fixed draws: 0.25 of the height down (2 rows), 0.25 of the width left (2 columns).
            let layer = try RandomTranslation(heightFactor: AugmentationFactor(0.25, 0.25),
                                              widthFactor: AugmentationFactor(-0.25, -0.25), fillMode: mode, session: Session())
            let y = try layer(x, training: true).floatArray
            for b in 0..<2 { for i in 0..<8 { for j in 0..<8 { for k in 0..<3 {
                let expected = at(xv, d, b, index(i - 2, 8), index(j + 2, 8), k)
                #expect(abs(at(y, d, b, i, j, k) - expected) < 1e-6, "\(mode) (\(b), \(i), \(j), \(k))")
            } } } }
        }
        let constant = try RandomTranslation(heightFactor: AugmentationFactor(0.25, 0.25), widthFactor: AugmentationFactor(-0.25, -0.25),
                                             fillMode: "constant", fillValue: -1, session: Session())
        let y = try constant(x, training: true).floatArray
        #expect(zip(y, constantWarp(x, fill: -1) { i, j in (i - 2, j + 2) }).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(y.contains(-1), "the uncovered rows take fill_value")
    }

    @Test func contrastKeepsEachChannelsMeanAndScalesDeviations() throws {
        let d = [16, 6, 5, 3]
        let x = try randomBatch(d, seed: 13, range: (60, 190))
        let y = try RandomContrast(factor: AugmentationFactor(0.4), session: Session(seed: 14))(x, training: true)
        let xv = x.floatArray, yv = y.floatArray
        var factors: [Float] = []
        for b in 0..<d[0] {
            var imageFactors: [Float] = []
            for k in 0..<d[3] {
                var xs: [Float] = [], ys: [Float] = []
                for i in 0..<d[1] { for j in 0..<d[2] { xs.append(at(xv, d, b, i, j, k)); ys.append(at(yv, d, b, i, j, k)) } }
                let mx = xs.reduce(0, +) / Float(xs.count), my = ys.reduce(0, +) / Float(ys.count)
                #expect(abs(mx - my) < 1e-3, "image \(b) channel \(k) keeps its mean")
                for (a, o) in zip(xs, ys) where abs(a - mx) > 5 { imageFactors.append((o - my) / (a - mx)) }
            }
            let f = imageFactors[0]
            #expect(imageFactors.allSatisfy { abs($0 - f) < 1e-3 }, "one factor per image")
            #expect(f >= 0.6 - 1e-4 && f <= 1.4 + 1e-4)
            factors.append(f)
        }
        #expect(Set(factors.map { ($0 * 1000).rounded() }).count > 1, "images draw different factors")
    }

    @Test func contrastClipsToTheValueRange() throws {
        let x = try Tensor(shape: [1, 1, 2, 1], floats: [0.2, 0.8])
        // (-1, 1): the range [1 - (-1), 1 + 1], so the only draw is 2: (0.2 - 0.5) * 2 + 0.5 = -0.1 and 1.1, clipped to 0 and 1.
        let y = try RandomContrast(factor: AugmentationFactor(-1, 1), valueRange: (0, 1), session: Session())(x, training: true)
        #expect(y.floatArray == [0, 1])
    }

    @Test func theSameSeedGivesTheSameBatch() throws {
        let x = try randomBatch([8, 6, 6, 2], seed: 15)
        // The layer's own seed.
        let a = try RandomRotation(factor: AugmentationFactor(0.3), seed: 42, session: Session(seed: 1))(x, training: true)
        let b = try RandomRotation(factor: AugmentationFactor(0.3), seed: 42, session: Session(seed: 2))(x, training: true)
        #expect(a.floatArray == b.floatArray)
        // The session's generator, as keras.utils.set_random_seed sets it.
        let s = Session()
        let zoom = try RandomZoom(heightFactor: AugmentationFactor(0.3), session: s)
        try s.setRandomSeed(7)
        let first = try zoom(x, training: true).floatArray
        let second = try zoom(x, training: true).floatArray
        #expect(first != second, "later batches draw new transforms")
        try s.setRandomSeed(7)
        #expect(try zoom(x, training: true).floatArray == first)
    }

    @Test func oneImageWithoutItsBatchAxisIsRefusedWithAHint() throws {
        let image = try randomBatch([8, 8, 3], seed: 20)
        do {
            _ = try RandomFlip(session: Session())(image, training: true)
            Issue.record("a rank-3 input was taken as a batch")
        } catch let e as LayerError {
            #expect(e.message.contains("expected ndim=4"))
            #expect(e.hint?.contains("image[None]") == true)
        }
    }

    @Test func argumentChecksUseKerasWords() throws {
        let s = Session()
        #expect(throws: LayerError.value("RandomFlip layer random_flip received an unknown mode argument horizontl",
                                         argument: "mode")) { try RandomFlip(mode: "horizontl", session: s) }
        #expect(throws: LayerError.value("The `factor` argument should be a number (or a list of two numbers) in the range "
                                         + "[-1, 1]. Received: factor=1.5", argument: "factor")) {
            try RandomRotation(factor: AugmentationFactor(1.5), session: s)
        }
        #expect(throws: LayerError(.notImplementedError, "Unknown `fill_mode` mirror. Expected of one ('reflect', 'wrap', "
                                   + "'constant', 'nearest').", argument: "fill_mode")) {
            try RandomZoom(heightFactor: AugmentationFactor(0.1), fillMode: "mirror", session: s)
        }
        #expect(throws: LayerError.value("The `height_factor` and `width_factor` arguments should be a number (or a list of two "
                                         + "numbers) in the range [-1.0, 1.0]. Received: input_number=-1.5", argument: "width_factor")) {
            try RandomZoom(heightFactor: AugmentationFactor(0.1), widthFactor: AugmentationFactor(-1.5, 0), session: s)
        }
        #expect(throws: LayerError.self) {
            try RandomTranslation(heightFactor: AugmentationFactor(values: [0.1, 0.2, 0.3], isSequence: true, text: "(0.1, 0.2, 0.3)"),
                                  widthFactor: AugmentationFactor(0.1), session: s)
        }
        #expect(throws: LayerError.value("The `factor` argument should be a number (or a list of two numbers) in the range "
                                         + "[0, 1]. Received: factor=-0.2", argument: "factor")) {
            try RandomContrast(factor: AugmentationFactor(-0.2), session: s)
        }
    }

    /// First in a model, the layers train with it (and are asked for no input gradient); after a
    /// trainable layer they pass the gradient back to it.
    @Test func backwardWorksFirstInAModelAndAfterATrainableLayer() throws {
        let s = Session(seed: 16)
        let x = try randomBatch([4, 6, 6, 1], seed: 17)
        let model = try Sequential(layers: [
            try RandomFlip(mode: "horizontal", inputShape: [6, 6, 1], session: s),
            try RandomRotation(factor: AugmentationFactor(0.1), session: s),
            try Rescaling(scale: 2, session: s),
            try Conv2D(filters: 2, kernelSize: 3, session: s), try Flatten(session: s), try Dense(units: 3, session: s),
        ], session: s)
        #expect(model.needsInputGradient == [false, false, false, false, true, true])
        _ = try model(x, training: true)
        try model.backward(try randomBatch([4, 3], seed: 18))
        #expect(model.trainableGradients.count == 4)

        let late = try Sequential(layers: [
            try Conv2D(filters: 1, kernelSize: 1, inputShape: [6, 6, 1], session: s),
            try RandomZoom(heightFactor: AugmentationFactor(0.1), session: s), try Flatten(session: s),
        ], session: s)
        #expect(late.needsInputGradient == [false, true, true])
        _ = try late(x, training: true)
        try late.backward(try randomBatch([4, 36], seed: 19))
        #expect(late.trainableGradients.map(\.weight.name) == ["kernel", "bias"])
    }

    /// Each transform is linear in the images (with fill_value 0, no clipping), so backward must
    /// be its adjoint: <forward(x), g> = <x, backward(g)> for the transforms the pass drew.
    @Test func backwardIsTheAdjointOfTheTransformDrawn() throws {
        let s = Session(seed: 21)
        let layers: [any Layer] = [
            try RandomFlip(session: s),
            try RandomRotation(factor: AugmentationFactor(0.2), session: s),
            try RandomRotation(factor: AugmentationFactor(0.2), fillMode: "constant", session: s),
            try RandomZoom(heightFactor: AugmentationFactor(0.3), widthFactor: AugmentationFactor(0.2), fillMode: "wrap", session: s),
            try RandomZoom(heightFactor: AugmentationFactor(0.3, 0.3), interpolation: "nearest", session: s),
            try RandomTranslation(heightFactor: AugmentationFactor(0.3), widthFactor: AugmentationFactor(0.3),
                                  fillMode: "nearest", session: s),
            try RandomContrast(factor: AugmentationFactor(0.5), valueRange: (-100, 100), session: s),
        ]
        for (n, layer) in layers.enumerated() {
            let x = try randomBatch([3, 7, 6, 2], seed: 22 + UInt64(n), range: (-1, 1))
            let g = try randomBatch([3, 7, 6, 2], seed: 40 + UInt64(n), range: (-1, 1))
            let y = try layer(x, training: true)
            #expect(y.floatArray != x.floatArray, "\(layer.name) changed the batch")
            let dx = try #require(try layer.backward(g, needInputGradient: true))
            let lhs = zip(y.floatArray, g.floatArray).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let rhs = zip(x.floatArray, dx.floatArray).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            #expect(abs(lhs - rhs) < 1e-4 * max(1, abs(lhs)), "\(layer.name): \(lhs) vs \(rhs)")
            #expect(try layer.backward(g, needInputGradient: false) == nil)
        }
    }

    @Test func contrastPassesNoGradientWhereItClipped() throws {
        let x = try Tensor(shape: [1, 1, 3, 1], floats: [0.2, 0.5, 0.8])
        let layer = try RandomContrast(factor: AugmentationFactor(-1, 1), valueRange: (0, 1), session: Session())
        #expect(try layer(x, training: true).floatArray == [0, 0.5, 1])
        let dx = try #require(try layer.backward(try Tensor(shape: [1, 1, 3, 1], floats: [1, 1, 1]), needInputGradient: true))
        // Only the middle value passes: 2 * 1 + (1 - 2) * mean([0, 1, 0]) = 2 - 1/3, and -1/3 for the others.
        #expect(zip(dx.floatArray, [-1.0 / 3, 2 - 1.0 / 3, -1.0 / 3] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
    }
}
