import Testing
import Tensor
import NeuralNet

/// Finite-difference checks of every layer's backward pass: loss = Σ output · r for a fixed random
/// r, so dL/dy = r; the analytic dL/dx and dL/dw must match central differences of the forward pass
/// (training mode, float32; the loss summed in Double).
enum GradientCheck {
    static func random(_ shape: [Int], _ rng: inout SeededGenerator, low: Float = -1, high: Float = 1) -> Tensor {
        try! Tensor(shape: Shape(shape), floats: (0..<shape.reduce(1, *)).map { _ in rng.uniformFloat(low, high) })
    }

    static func dot(_ y: Tensor, _ r: Tensor) -> Double {
        y.withFloats { a in r.withFloats { b in (0..<a.count).reduce(0.0) { $0 + Double(a[$1]) * Double(b[$1]) } } }
    }

    /// Compares `analytic` with central differences of `loss` in `t` at up to 40 indices.
    static func check(_ analytic: Tensor?, of t: Tensor, _ what: String, step: Float = 1e-2,
                      tolerance: Double = 1e-2, loss: () throws -> Double) throws {
        guard let analytic else { Issue.record("\(what): no gradient"); return }
        #expect(analytic.shape == t.shape, "\(what): gradient shape \(analytic.shape) vs \(t.shape)")
        let limit = 40
        let indices = t.count <= limit ? Array(0..<t.count) : (0..<limit).map { $0 * t.count / limit + $0 % 3 }
        let values = t.floats
        for i in indices {
            let original = values[i]
            let plus = original + step, minus = original - step
            values[i] = plus
            let lp = try loss()
            values[i] = minus
            let lm = try loss()
            values[i] = original
            let fd = (lp - lm) / (Double(plus) - Double(minus))
            let a = Double(analytic.floatArray[i])
            #expect(abs(a - fd) <= tolerance * max(1, abs(fd)), "\(what)[\(i)]: analytic \(a), finite difference \(fd)")
        }
    }

    /// Builds the layer for x, runs a training forward and backward with dL/dy = r, then checks
    /// dL/dx and every trainable weight's gradient against finite differences.
    static func layer(_ layer: any Layer, input x: Tensor, seed: UInt64 = 9, step: Float = 1e-2,
                      tolerance: Double = 1e-2) throws {
        var rng = SeededGenerator(seed: seed)
        let y = try layer(x, training: true)
        let r = random(y.shape.dims, &rng)
        let dx = try layer.backward(r, needInputGradient: true)
        let gradients = layer.core.gradients
        #expect(gradients.count == layer.weights.count, "\(layer.name): one gradient slot per weight")
        let loss = { dot(try layer(x, training: true), r) }
        try check(dx, of: x, "\(layer.name) dx", step: step, tolerance: tolerance, loss: loss)
        for (w, g) in zip(layer.weights, gradients) {
            if w.isTrainableVariable {
                try check(g, of: w.value, "\(layer.name) d\(w.name)", step: step, tolerance: tolerance, loss: loss)
            } else {
                #expect(g == nil, "\(layer.name) \(w.name) is not trainable: no gradient")
            }
        }
        // Without the input gradient: nil, and the same weight gradients.
        _ = try layer(x, training: true)
        #expect(try layer.backward(r, needInputGradient: false) == nil)
        for (g1, g2) in zip(gradients, layer.core.gradients) {
            if let g1, let g2 { #expect(g1.floatArray == g2.floatArray, "\(layer.name): weight gradients") }
        }
    }
}

@Suite struct LayerGradientTests {
    @Test(arguments: [("tanh", 1, "valid"), ("linear", 2, "same"), ("gelu", 1, "same"), ("sigmoid", 2, "valid")])
    func conv2D(_ activation: String, _ stride: Int, _ padding: String) throws {
        let s = Session(seed: 1)
        var rng = SeededGenerator(seed: 2)
        let layer = try Conv2D(filters: 3, kernelSize: [3, 2], strides: IntOrTuple(stride), padding: padding, activation: activation,
                               session: s)
        try GradientCheck.layer(layer, input: GradientCheck.random([2, 7, 6, 2], &rng))
    }

    @Test func conv2DOneByOneWithoutBias() throws {
        let s = Session(seed: 3)
        var rng = SeededGenerator(seed: 4)
        let layer = try Conv2D(filters: 4, kernelSize: 1, activation: "swish", useBias: false, session: s)
        try GradientCheck.layer(layer, input: GradientCheck.random([3, 4, 4, 3], &rng))
        #expect(layer.core.gradients.count == 1)
    }

    @Test func conv2DFusedReLUUsesTheOutputMask() throws {
        let s = Session(seed: 5)
        var rng = SeededGenerator(seed: 6)
        let layer = try Conv2D(filters: 2, kernelSize: 3, activation: "relu", session: s)
        let x = GradientCheck.random([2, 5, 5, 1], &rng)
        let y = try layer(x, training: true)
        let linear = try Conv2D(filters: 2, kernelSize: 3, session: s)
        _ = try linear(x, training: true)
        try linear.setWeights(layer.getWeights())
        _ = try linear(x, training: true)
        let r = GradientCheck.random(y.shape.dims, &rng)
        let masked = try Tensor(shape: y.shape, floats: (0..<y.count).map { y.floats[$0] > 0 ? r.floats[$0] : 0 })
        let dx = try layer.backward(r, needInputGradient: true)!
        let expected = try linear.backward(masked, needInputGradient: true)!
        #expect(dx.floatArray == expected.floatArray)
        #expect(layer.core.gradients[0]!.floatArray == linear.core.gradients[0]!.floatArray)
    }

    @Test(arguments: [(["softmax"], [4, 6]), (["relu6"], [3, 2, 3, 5]), (["elu"], [5, 3]), (["linear"], [2, 3])])
    func dense(_ activation: [String], _ shape: [Int]) throws {
        let s = Session(seed: 7)
        let layer = try Dense(units: 4, activation: activation[0], session: s)
        try layer.build([nil] + shape.dropFirst().map { $0 })
        let linear = try Dense(units: 4, session: s)
        try linear.build([nil] + shape.dropFirst().map { $0 })
        try linear.setWeights(layer.getWeights())
        // A finite difference across relu6's or elu's kink at 0 means nothing: take the first
        // seeded input whose pre-activations are all further from 0 than a step (1e-3 * |x| <= 1e-3)
        // moves them (and far from 6).
        var x = try Tensor(zeros: Shape(shape))
        for seed in UInt64(8)..<100 {
            var rng = SeededGenerator(seed: seed)
            x = GradientCheck.random(shape, &rng)
            if try linear(x).floatArray.allSatisfy({ abs($0) > 0.003 && abs($0) < 5 }) { break }
        }
        #expect(try linear(x).floatArray.allSatisfy { abs($0) > 0.003 && abs($0) < 5 })
        try GradientCheck.layer(layer, input: x, step: 1e-3, tolerance: 2e-2)
    }

    @Test func flattenAndInputLayerPassGradientsThrough() throws {
        let s = Session(seed: 9)
        var rng = SeededGenerator(seed: 10)
        let x = GradientCheck.random([2, 3, 2, 2], &rng)
        try GradientCheck.layer(try Flatten(session: s), input: x)
        try GradientCheck.layer(try InputLayer(shape: [3, 2, 2], session: s), input: x)
    }

    @Test func pooling() throws {
        let s = Session(seed: 11)
        var rng = SeededGenerator(seed: 12)
        // Distinct values far apart, so no maximum changes within a step.
        var values = (0..<(2 * 7 * 6 * 3)).map { Float($0) * 0.05 }
        values.shuffle(using: &rng)
        let x = try Tensor(shape: [2, 7, 6, 3], floats: values)
        let layers: [any Layer] = [
            try MaxPooling2D(session: s), try MaxPooling2D(poolSize: 3, strides: 2, padding: "same", session: s),
            try AveragePooling2D(session: s), try AveragePooling2D(poolSize: 3, strides: 1, padding: "same", session: s),
            try GlobalAveragePooling2D(session: s), try GlobalMaxPooling2D(keepdims: true, session: s),
            try GlobalMaxPooling2D(session: s), try GlobalAveragePooling2D(keepdims: true, session: s),
        ]
        for layer in layers { try GradientCheck.layer(layer, input: x) }
    }

    @Test func activationLayers() throws {
        let s = Session(seed: 13)
        var rng = SeededGenerator(seed: 14)
        let x = GradientCheck.random([3, 8], &rng, low: -3, high: 8)
        // Away from the kinks at 0, 6 and the ReLU arguments' 0.5 and 4.
        for i in 0..<x.count {
            for kink: Float in [0, 0.5, 4, 6] where abs(x.floats[i] - kink) < 0.05 { x.floats[i] += 0.1 }
        }
        var layers: [any Layer] = Activation.allCases.map { try! ActivationLayer($0.rawValue, session: s) }
        layers += [
            try ReLU(session: s), try ReLU(maxValue: 4, session: s), try ReLU(negativeSlope: 0.3, session: s),
            try ReLU(maxValue: 6, negativeSlope: 0.1, threshold: 0.5, session: s),
            try Softmax(session: s), try Softmax(axis: 1, session: s),
        ]
        for layer in layers { try GradientCheck.layer(layer, input: x, step: 1e-3, tolerance: 2e-2) }
        try GradientCheck.layer(try Softmax(axis: 1, session: s), input: GradientCheck.random([2, 4, 3], &rng),
                                step: 1e-3, tolerance: 2e-2)
    }

    @Test func dropoutZeroIsTheIdentityAndItsMaskIsKept() throws {
        let s = Session(seed: 15)
        var rng = SeededGenerator(seed: 16)
        let x = GradientCheck.random([4, 50], &rng, low: 0.5, high: 1)
        try GradientCheck.layer(try Dropout(rate: 0, session: s), input: x)
        let dropout = try Dropout(rate: 0.4, session: s)
        let y = try dropout(x, training: true)
        let r = GradientCheck.random([4, 50], &rng)
        let dx = try dropout.backward(r, needInputGradient: true)!
        var dropped = 0
        for i in 0..<x.count {
            if y.floats[i] == 0 {
                dropped += 1
                #expect(dx.floats[i] == 0)
            } else {
                #expect(dx.floats[i] == r.floats[i] / 0.6)
            }
        }
        #expect(dropped > 40 && dropped < 120, "about 40% of 200 dropped: \(dropped)")
        // Inference leaves the kept mask alone.
        #expect(try dropout(x, training: false) === x)
        #expect(try dropout.backward(r, needInputGradient: true)!.floatArray == dx.floatArray)
    }

    @Test func batchNormalizationWithBatchStatistics() throws {
        let s = Session(seed: 17)
        var rng = SeededGenerator(seed: 18)
        let layer = try BatchNormalization(session: s)
        let x = GradientCheck.random([3, 2, 2, 4], &rng, low: -2, high: 3)
        try layer.build([nil, 2, 2, 4])
        try layer.setWeights([GradientCheck.random([4], &rng, low: 0.5, high: 1.5), GradientCheck.random([4], &rng),
                              try Tensor(zeros: [4]), try Tensor(repeating: 1, shape: [4])])
        try GradientCheck.layer(layer, input: x, step: 1e-3, tolerance: 2e-2)
        let other = try BatchNormalization(axis: 1, center: false, session: s)
        try GradientCheck.layer(other, input: GradientCheck.random([4, 3, 5], &rng), step: 1e-3, tolerance: 2e-2)
    }

    @Test func frozenBatchNormalizationRunsInInferenceMode() throws {
        let s = Session(seed: 19)
        var rng = SeededGenerator(seed: 20)
        let layer = try BatchNormalization(session: s)
        try layer.build([nil, 5])
        try layer.setWeights([GradientCheck.random([5], &rng), GradientCheck.random([5], &rng),
                              GradientCheck.random([5], &rng), GradientCheck.random([5], &rng, low: 0.5, high: 2)])
        layer.trainable = false
        let x = GradientCheck.random([6, 5], &rng)
        let before = layer.getWeights().map(\.floatArray)
        #expect(try layer(x, training: true).floatArray == layer(x, training: false).floatArray)
        #expect(layer.getWeights().map(\.floatArray) == before)
        try GradientCheck.layer(layer, input: x, step: 1e-3, tolerance: 2e-2)
    }

    /// Keras 3: moving = moving * momentum + batch * (1 - momentum), with the biased variance.
    @Test func batchNormalizationUpdatesTheMovingStatisticsAsKeras() throws {
        let s = Session(seed: 21)
        let layer = try BatchNormalization(momentum: 0.9, session: s)
        // Channel 0 holds 1, 2, 3, 4 (mean 2.5, variance 1.25); channel 1 holds 0, 0, 2, 2 (1, 1).
        let x = try Tensor(shape: [4, 2], floats: [1, 0, 2, 0, 3, 2, 4, 2])
        let y = try layer(x, training: true)
        let mean: [Float] = layer.weights[2].value.floatArray
        let variance: [Float] = layer.weights[3].value.floatArray
        let expectedMean: [Float] = [0.25, 0.1], expectedVariance: [Float] = [1.025, 1.0]
        for ch in 0..<2 {
            #expect(abs(mean[ch] - expectedMean[ch]) < 1e-6)
            #expect(abs(variance[ch] - expectedVariance[ch]) < 1e-6)
        }
        // The output uses the batch statistics: (x - 2.5) / sqrt(1.25 + 0.001) for channel 0.
        let expectedY: Float = (1 - 2.5) / (1.25 + 0.001).squareRoot()
        #expect(abs(y.floats[0] - expectedY) < 1e-5)
        // Inference uses the moving ones and changes nothing.
        let z = try layer(x, training: false)
        let expectedZ: Float = (1 - 0.25) / (1.025 + 0.001).squareRoot()
        #expect(abs(z.floats[0] - expectedZ) < 1e-5)
        #expect(layer.weights[2].value.floatArray == mean)
    }

    @Test func backwardNeedsATrainingForwardPass() throws {
        let s = Session(seed: 22)
        var rng = SeededGenerator(seed: 23)
        let layer = try Dense(units: 3, session: s)
        let x = GradientCheck.random([2, 4], &rng)
        _ = try layer(x, training: false)
        #expect(!layer.hasTrainingState)
        let error = #expect(throws: LayerError.self) { try layer.backward(x, needInputGradient: true) }
        #expect(error?.message.contains("training=True") == true)
        let y = try layer(x, training: true)
        _ = try layer(x, training: false)  // inference keeps the training state
        #expect(try layer.backward(y, needInputGradient: true)?.shape == [2, 4])
        layer.releaseTrainingState()
        #expect(throws: LayerError.self) { try layer.backward(y, needInputGradient: true) }
        #expect(layer.core.gradients.count == 2, "the gradients stay")
    }
}
