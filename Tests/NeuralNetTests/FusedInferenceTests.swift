import Testing
import NeuralNet
import Tensor

/// Inference runs a shallow relu Conv2D and the MaxPooling2D((2, 2)) after it as one kernel
/// (NeuralNet/Inference.swift); it must give exactly what the two layers give one by one.
@Suite struct FusedInferenceTests {
    func model(filters: Int, activation: String, pool: IntOrTuple, session s: Session) throws -> Sequential {
        try Sequential(layers: [
            Conv2D(filters: filters, kernelSize: 3, activation: activation, inputShape: [13, 12, 1], session: s),
            MaxPooling2D(poolSize: pool, session: s),
            Flatten(session: s),
            Dense(units: 4, session: s),
        ], session: s)
    }

    @Test(arguments: [(32, "relu", 2), (40, "relu", 2), (8, "tanh", 2), (16, "relu", 3)])
    func callMatchesLayerByLayer(_ setup: (Int, String, Int)) throws {
        let s = Session(seed: 3)
        let m = try model(filters: setup.0, activation: setup.1, pool: [setup.2, setup.2], session: s)
        var rng = SeededGenerator(seed: 9)
        let x = try Tensor(shape: [5, 13, 12, 1], floats: (0..<(5 * 13 * 12)).map { _ in Float.random(in: -1...1, using: &rng) })
        let fused = try m(x)
        var y = x
        for layer in m.layers { y = try layer.forward(y, training: false) }
        #expect(fused.shape == y.shape)
        #expect(fused.floatArray == y.floatArray)
        let predicted = try m.predict(x: x, batchSize: 2)
        #expect(predicted.floatArray == y.floatArray)
    }
}
