import Testing
import Tensor
import NeuralNet

/// Sequential.backward through a small CNN against finite differences of the whole model.
@Suite struct SequentialBackwardTests {
    func model(_ s: Session) throws -> Sequential {
        try Sequential(layers: [
            try Conv2D(filters: 3, kernelSize: 3, activation: "relu", inputShape: [8, 7, 2], session: s),
            try MaxPooling2D(session: s),
            try Flatten(session: s),
            try Dense(units: 6, activation: "tanh", session: s),
            try Dropout(rate: 0, session: s),
            try Dense(units: 4, session: s),
            try Softmax(session: s),
        ], session: s)
    }

    @Test func matchesFiniteDifferences() throws {
        let s = Session(seed: 31)
        let m = try model(s)
        var rng = SeededGenerator(seed: 32)
        let x = GradientCheck.random([3, 8, 7, 2], &rng)
        let y = try m(x, training: true)
        #expect(y.shape == [3, 4])
        let r = GradientCheck.random([3, 4], &rng)
        try m.backward(r)
        let loss = { GradientCheck.dot(try m(x, training: true), r) }
        let trainable = m.trainableGradients
        #expect(trainable.count == 6, "kernel and bias of conv2d, dense, dense_1")
        #expect(trainable.map(\.weight.path) == m.trainableWeights.map(\.path))
        for (weight, gradient) in trainable {
            try GradientCheck.check(gradient, of: weight.value, weight.path, step: 1e-3, tolerance: 2e-2, loss: loss)
        }
        m.releaseTrainingState()
        #expect(m.layers.allSatisfy { !$0.hasTrainingState })
        #expect(throws: LayerError.self) { try m.backward(r) }
    }

    /// Every layer with weights gets gradients of its weights' shapes; a layer asked for no input
    /// gradient returns none, and each backward pass overwrites the gradients.
    @Test func gradientsHaveTheWeightsShapesAndAreOverwritten() throws {
        let s = Session(seed: 33)
        let m = try model(s)
        var rng = SeededGenerator(seed: 34)
        let x = GradientCheck.random([2, 8, 7, 2], &rng)
        _ = try m(x, training: true)
        try m.backward(GradientCheck.random([2, 4], &rng))
        for layer in m.layers {
            #expect(layer.core.gradients.map { $0?.shape.dims } == layer.weights.map(\.shape), "\(layer.name)")
        }
        let conv = m.layers[0]
        let dKernel = conv.core.gradients[0]!.floatArray
        #expect(try conv.backward(GradientCheck.random([2, 6, 5, 3], &rng), needInputGradient: false) == nil)
        #expect(conv.core.gradients[0]!.floatArray != dKernel, "a new gradient replaced the old one")
    }

    /// Frozen layers keep their gradients out of trainableGradients.
    @Test func frozenLayersHaveNoTrainableGradients() throws {
        let s = Session(seed: 35)
        let m = try model(s)
        var rng = SeededGenerator(seed: 36)
        m.layers[0].trainable = false
        _ = try m(GradientCheck.random([2, 8, 7, 2], &rng), training: true)
        try m.backward(GradientCheck.random([2, 4], &rng))
        #expect(m.trainableGradients.map(\.weight.name) == ["kernel", "bias", "kernel", "bias"])
        m.trainable = false
        #expect(m.trainableGradients.isEmpty)
    }
}
