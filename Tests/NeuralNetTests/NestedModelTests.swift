import NeuralNet
import Tensor
import Testing

/// A Sequential inside a Sequential: its gradients are the inner layers' (finite differences),
/// it owns the inner weights themselves, and freezing the inner model freezes them.
@Suite struct NestedModelTests {
    static func inner(_ s: Session, name: String? = nil) throws -> Sequential {
        try Sequential(layers: [
            try Conv2D(filters: 2, kernelSize: 3, activation: "tanh", inputShape: [5, 5, 1], session: s),
            try Flatten(session: s),
            try Dense(units: 3, activation: "tanh", session: s),
        ], name: name, session: s)
    }

    @Test func gradientsThroughTheInnerLayersMatchFiniteDifferences() throws {
        let s = Session(seed: 3)
        var rng = SeededGenerator(seed: 4)
        let nested = try NestedModel(try Self.inner(s), session: s)
        try nested.build([nil, 5, 5, 1])
        #expect(nested.outputShape == [nil, 3])
        #expect(nested.weights.count == 4 && nested.weights.map(\.count).reduce(0, +) == 20 + 57)
        try GradientCheck.layer(nested, input: GradientCheck.random([2, 5, 5, 1], &rng), step: 1e-3, tolerance: 2e-2)
    }

    @Test func theOuterModelTrainsTheInnerWeightsUnlessFrozen() throws {
        let s = Session(seed: 5)
        let base = try Self.inner(s, name: "base")
        let outer = try Sequential(layers: [try NestedModel(base, session: s), try Dense(units: 2, activation: "softmax", session: s)], session: s)
        try outer.compile(optimizer: try Adam(learningRate: 0.01), loss: .sparseCategoricalCrossentropy(fromLogits: false))
        var rng = SeededGenerator(seed: 6)
        let x = GradientCheck.random([8, 5, 5, 1], &rng)
        let y = try Tensor(shape: [8], bytes: [0, 1, 0, 1, 0, 1, 0, 1])
        var options = FitOptions()
        options.epochs = 1
        options.batchSize = 4

        base.trainable = false
        let frozen = base.layers[0].weights[0].value.floatArray
        _ = try outer.fit(x: x, y: y, options: options)
        #expect(base.layers[0].weights[0].value.floatArray == frozen)
        #expect(outer.trainableWeights.count == 2)

        base.trainable = true
        _ = try outer.fit(x: x, y: y, options: options)
        #expect(base.layers[0].weights[0].value.floatArray != frozen)
        #expect(outer.trainableWeights.count == 6)
    }
}
