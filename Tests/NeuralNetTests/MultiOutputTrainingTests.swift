import NeuralNet
import Tensor
import Testing

/// Training a functional model with two inputs and two outputs: the combined gradient of
/// loss_weight_a * loss_a + loss_weight_b * loss_b through a shared layer and a Concatenate
/// against finite differences, and fitMulti's step and logs against the same numbers.
@Suite struct MultiOutputTrainingTests {
    /// in_a (4) -> shared Dense(3, tanh); in_b (3) -> proj Dense(4) -> the same shared layer;
    /// Concatenate; out_a Dense(3, softmax) and out_b Dense(1) on the joined tensor.
    static func model(_ s: Session) throws -> (Sequential, Dense) {
        let a = try InputLayer(shape: [4], name: "in_a", session: s).placeholder
        let b = try InputLayer(shape: [3], name: "in_b", session: s).placeholder
        let shared = try Dense(units: 3, activation: "tanh", name: "shared", session: s)
        let fromA = try shared.callSymbolic([a], asList: false)
        let projected = try Dense(units: 4, activation: "sigmoid", name: "proj", session: s).callSymbolic([b], asList: false)
        let fromB = try shared.callSymbolic([projected], asList: false)
        let joined = try Concatenate(name: "cat", session: s).callSymbolic([fromA, fromB], asList: true)
        let outA = try Dense(units: 3, activation: "softmax", name: "out_a", session: s).callSymbolic([joined], asList: false)
        let outB = try Dense(units: 1, name: "out_b", session: s).callSymbolic([joined], asList: false)
        return (try Sequential(graph: try LayerGraph(inputs: [a, b], outputs: [outA, outB]), session: s), shared)
    }

    static func data(_ n: Int, seed: UInt64) throws -> MultiArrays {
        var rng = SeededGenerator(seed: seed)
        let xa = GradientCheck.random([n, 4], &rng), xb = GradientCheck.random([n, 3], &rng)
        let ya = try Tensor(shape: [n], floats: (0..<n).map { Float($0 % 3) })
        let yb = GradientCheck.random([n, 1], &rng)
        return MultiArrays(xs: [xa, xb], ys: [ya, yb])
    }

    static let outputs = [
        OutputCompile(name: "out_a", loss: .sparseCategoricalCrossentropy(fromLogits: false), weight: 1.0,
                      metrics: [("accuracy", .sparseCategoricalAccuracy)]),
        OutputCompile(name: "out_b", loss: .meanSquaredError, weight: 0.5, metrics: [("mae", .meanAbsoluteError)]),
    ]

    /// The total loss of the model on `d`, in inference mode.
    static func total(_ m: Sequential, _ d: MultiArrays) throws -> Double {
        let p = try m.graph!.forward(d.xs, training: false)
        return try 1.0 * Loss.sparseCategoricalCrossentropy(fromLogits: false).value(predictions: p[0], targets: d.ys[0]!)
            + 0.5 * Loss.meanSquaredError.value(predictions: p[1], targets: d.ys[1]!)
    }

    @Test func combinedGradientThroughASharedLayerAndAConcatenateMatchesFiniteDifferences() throws {
        let s = Session(seed: 41)
        let (model, shared) = try Self.model(s)
        let graph = model.graph!
        #expect(graph.connections(of: shared) == ["in_a[0][0]", "proj[0][0]"])
        let d = try Self.data(5, seed: 42)
        let p = try graph.forward(d.xs, training: true)
        let (_, ga) = try Loss.sparseCategoricalCrossentropy(fromLogits: false).valueAndGradient(predictions: p[0], targets: d.ys[0]!)
        let (_, gb) = try Loss.meanSquaredError.valueAndGradient(predictions: p[1], targets: d.ys[1]!)
        let half = gb.floats
        for i in 0..<half.count { half[i] *= 0.5 }
        let dxs = try graph.backward([ga, gb], inputGradients: true)
        let loss = { try Self.total(model, d) }
        try GradientCheck.check(dxs[0], of: d.xs[0], "d in_a", step: 1e-3, tolerance: 2e-2, loss: loss)
        try GradientCheck.check(dxs[1], of: d.xs[1], "d in_b", step: 1e-3, tolerance: 2e-2, loss: loss)
        let gradients = graph.layers.flatMap { layer in zip(layer.weights, layer.core.gradients).map { ($0, $1, layer.name) } }
        #expect(gradients.count == 8)
        for (w, g, name) in gradients {
            try GradientCheck.check(g, of: w.value, "\(name) d\(w.name)", step: 1e-3, tolerance: 2e-2, loss: loss)
        }
    }

    /// One full-batch SGD step of fitMulti moves each weight by -lr times the finite-difference
    /// gradient of loss_a + 0.5 * loss_b, and the logs report that loss and each output's own.
    @Test func oneFitStepFollowsTheWeightedTotalLoss() throws {
        let s = Session(seed: 43)
        let (model, _) = try Self.model(s)
        try model.compile(optimizer: try SGD(learningRate: 0.1), outputs: Self.outputs)
        let d = try Self.data(6, seed: 44)
        let before = model.graph!.layers.flatMap { $0.weights.map { $0.value.copy() } }
        let total = try Self.total(model, d)
        let p = try model.graph!.forward(d.xs, training: false)
        let lossA = try Loss.sparseCategoricalCrossentropy(fromLogits: false).value(predictions: p[0], targets: d.ys[0]!)
        let lossB = try Loss.meanSquaredError.value(predictions: p[1], targets: d.ys[1]!)
        // Finite differences of the total at the starting weights.
        var expected: [Tensor] = []
        for w in model.graph!.layers.flatMap({ $0.weights }) {
            let g = try Tensor(zeros: w.value.shape)
            let values = w.value.floats, gf = g.floats
            for i in 0..<values.count {
                let original = values[i]
                values[i] = original + 1e-3
                let plus = try Self.total(model, d)
                values[i] = original - 1e-3
                let minus = try Self.total(model, d)
                values[i] = original
                gf[i] = Float((plus - minus) / 2e-3)
            }
            expected.append(g)
        }
        var options = FitOptions()
        options.batchSize = 6
        options.shuffle = false
        let history = try model.fitMulti(d, options: options)
        #expect(history.history.map(\.name) == ["loss", "out_a_accuracy", "out_a_loss", "out_b_loss", "out_b_mae"])
        #expect(abs(history.values("loss")![0] - total) < 1e-5)
        #expect(abs(history.values("out_a_loss")![0] - lossA) < 1e-5)
        #expect(abs(history.values("out_b_loss")![0] - lossB) < 1e-5)
        let after = model.graph!.layers.flatMap { $0.weights.map(\.value) }
        for (k, (b, a)) in zip(before, after).enumerated() {
            let step = zip(b.floatArray, a.floatArray).map { ($0 - $1) / 0.1 }
            for (i, (got, want)) in zip(step, expected[k].floatArray).enumerated() {
                #expect(abs(got - want) <= 2e-2 * max(1, abs(want)), "weight \(k)[\(i)]: step \(got), finite difference \(want)")
            }
        }
    }

    @Test func evaluateListsLossThenEachOutputsLossThenTheRestByName() throws {
        let s = Session(seed: 45)
        let (model, _) = try Self.model(s)
        try model.compile(optimizer: try SGD(), outputs: Self.outputs)
        let d = try Self.data(7, seed: 46)
        let logs = try model.evaluateMulti(d, batchSize: 7)
        #expect(logs.map(\.name) == ["loss", "out_a_accuracy", "out_a_loss", "out_b_loss", "out_b_mae"])
        #expect(try model.evaluateListOrder(logs).map(\.name) == ["loss", "out_a_loss", "out_b_loss", "out_a_accuracy", "out_b_mae"])
        #expect(abs(logs[0].value - (try Self.total(model, d))) < 1e-5)
    }

    @Test func targetsOfTheWrongCountOrSizeAreRefused() throws {
        let s = Session(seed: 47)
        let (model, _) = try Self.model(s)
        try model.compile(optimizer: try SGD(), outputs: Self.outputs)
        var d = try Self.data(6, seed: 48)
        d.ys = [d.ys[0]]
        d.weights = [nil]
        #expect(throws: LayerError.self) { try model.fitMulti(d) }
        var short = try Self.data(6, seed: 48)
        short.ys[1] = try Tensor(zeros: [4, 1])
        do {
            _ = try model.fitMulti(short)
            Issue.record("expected an error")
        } catch let e as LayerError {
            #expect(e.message.contains("Data cardinality is ambiguous"))
            #expect(e.message.contains("'y' sizes: 6, 4"))
        }
    }

    /// A setup with one loss (as a model loaded from a file gets it) trains every output with it.
    @Test func oneLossAppliesToEveryOutput() throws {
        let s = Session(seed: 49)
        let (model, _) = try Self.model(s)
        try model.compile(optimizer: try SGD(), loss: .meanSquaredError, metrics: ["mae"])
        var d = try Self.data(6, seed: 50)
        d.ys[0] = try Tensor(zeros: [6, 3])
        let logs = try model.evaluateMulti(d, batchSize: 6)
        #expect(logs.map(\.name) == ["loss", "out_a_loss", "out_a_mae", "out_b_loss", "out_b_mae"])
        let p = try model.graph!.forward(d.xs, training: false)
        let want = try Loss.meanSquaredError.value(predictions: p[0], targets: d.ys[0]!)
            + Loss.meanSquaredError.value(predictions: p[1], targets: d.ys[1]!)
        #expect(abs(logs[0].value - want) < 1e-5)
    }
}
