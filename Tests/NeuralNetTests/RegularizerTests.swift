import NeuralNet
import Tensor
import Testing

/// keras.regularizers: the penalty and its gradient, and how fit and evaluate add them.
@Suite struct RegularizerTests {
    static let values: [Float] = [0.5, -1.5, 0, 2, -0.25, 1]

    static func formula(_ w: [Float], l1: Double, l2: Double) -> Double {
        w.reduce(0) { $0 + l1 * abs(Double($1)) + l2 * Double($1) * Double($1) }
    }

    @Test func penaltyIsL1TimesSumOfAbsolutesPlusL2TimesSumOfSquares() throws {
        let w = try Tensor(shape: [2, 3], floats: Self.values)
        let cases: [(Regularizer, Double, Double)] = [
            (try Regularizer(.l1, l1: 0.01), 0.01, 0), (try Regularizer(.l2, l2: 0.02), 0, 0.02),
            (try Regularizer(.l1l2, l1: 0.3, l2: 0.05), 0.3, 0.05),
        ]
        for (r, l1, l2) in cases {
            #expect(abs(r.penalty(w) - Self.formula(Self.values, l1: l1, l2: l2)) < 1e-12)
        }
        #expect(cases[2].0.config.map(\.name) == ["l1", "l2"])
        #expect(cases[1].0.config.map(\.name) == ["l2"] && cases[1].0.config[0].value == 0.02)
    }

    @Test func gradientIsL1TimesSignPlusTwiceL2TimesW() throws {
        let w = try Tensor(shape: [2, 3], floats: Self.values)
        for (l1, l2) in [(0.1, 0.0), (0.0, 0.01), (0.2, 0.05)] {
            let g = try Tensor(shape: [2, 3], floats: [1, 1, 1, 1, 1, 1])
            try Regularizer(.l1l2, l1: l1, l2: l2).addGradient(of: w, to: g)
            for (i, v) in Self.values.enumerated() {
                let sign: Double = v > 0 ? 1 : (v < 0 ? -1 : 0)
                #expect(abs(Double(g.floats[i]) - (1 + l1 * sign + 2 * l2 * Double(v))) < 1e-6)
            }
        }
    }

    @Test func namesAndNegativeFactors() throws {
        #expect(try Regularizer.named("l2", argument: "kernel_regularizer") == Regularizer(.l2, l2: 0.01))
        #expect(try Regularizer.named("l1", argument: "kernel_regularizer") == Regularizer(.l1, l1: 0.01))
        #expect(try Regularizer.named("l1_l2", argument: "kernel_regularizer") == Regularizer(.l1l2))
        #expect(throws: LayerError.self) { try Regularizer(.l2, l2: -1) }
        #expect(throws: LayerError.self) { try Regularizer.named("l3", argument: "kernel_regularizer") }
    }

    /// One SGD step on Dense(1) with an l2 kernel regularizer under MSE, against the hand computation.
    @Test func oneSGDStepAddsTwiceL2TimesWToTheKernelGradientAndThePenaltyToTheLoss() throws {
        let s = Session(seed: 3)
        let l2 = 0.1, lr = 0.1
        let dense = try Dense(units: 1, kernelRegularizer: try Regularizer(.l2, l2: l2), inputShape: [2], session: s)
        let m = try Sequential(layers: [dense], session: s)
        try m.compile(optimizer: try SGD(learningRate: lr), loss: .meanSquaredError, metrics: [])
        let w: [Double] = [0.5, -0.25], b = 0.1
        try dense.setWeights([try Tensor(shape: [2, 1], floats: w.map(Float.init)), try Tensor(shape: [1], floats: [Float(b)])])
        let xs: [[Double]] = [[1, 2], [3, -1]], ys: [Double] = [1, 0]
        let x = try Tensor(shape: [2, 2], floats: xs.flatMap { $0.map(Float.init) })
        let y = try Tensor(shape: [2, 1], floats: ys.map(Float.init))

        let p = xs.map { $0[0] * w[0] + $0[1] * w[1] + b }
        let dataLoss = zip(p, ys).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 2
        let penalty = l2 * (w[0] * w[0] + w[1] * w[1])
        #expect(abs(m.regularizationLoss - penalty) < 1e-7)
        let evaluated = try m.evaluate(x: x, y: y)
        #expect(abs(evaluated.first { $0.name == "loss" }!.value - (dataLoss + penalty)) < 1e-6)

        var options = FitOptions()
        options.batchSize = 2
        options.shuffle = false
        let history = try m.fit(x: x, y: y, options: options)
        #expect(abs(history.values("loss")![0] - (dataLoss + penalty)) < 1e-6)

        let dp = zip(p, ys).map { 2 * ($0 - $1) / 2 }
        let expectedW = (0..<2).map { j in w[j] - lr * (xs[0][j] * dp[0] + xs[1][j] * dp[1] + 2 * l2 * w[j]) }
        let expectedB = b - lr * (dp[0] + dp[1])  // no bias regularizer
        let kernel = dense.weights[0].value.floats, bias = dense.weights[1].value.floats
        #expect(abs(Double(kernel[0]) - expectedW[0]) < 1e-6 && abs(Double(kernel[1]) - expectedW[1]) < 1e-6)
        #expect(abs(Double(bias[0]) - expectedB) < 1e-6)
    }

    @Test func aFrozenLayerAddsNoPenalty() throws {
        let s = Session(seed: 4)
        let conv = try Conv2D(filters: 2, kernelSize: 3, kernelRegularizer: try Regularizer(.l1, l1: 0.01),
                              biasRegularizer: try Regularizer(.l2, l2: 0.5), inputShape: [4, 4, 1], session: s)
        let m = try Sequential(layers: [conv], session: s)
        let kernel = conv.weights[0].value.floats.reduce(0) { $0 + 0.01 * abs(Double($1)) }
        #expect(m.regularizationLosses.count == 2)
        #expect(abs(m.regularizationLosses[0] - kernel) < 1e-9 && m.regularizationLosses[1] == 0)
        conv.trainable = false
        #expect(m.regularizationLosses.isEmpty)
    }

    @Test func aModelUsedAsALayerAddsItsLayersPenalties() throws {
        let s = Session(seed: 5)
        let dense = try Dense(units: 2, kernelRegularizer: try Regularizer(.l2, l2: 0.1), inputShape: [3], session: s)
        let inner = try Sequential(layers: [dense, try Dense(units: 1, session: s)], session: s)
        let outer = try Sequential(layers: [try NestedModel(inner, session: s)], session: s)
        let expected = dense.weights[0].value.floats.reduce(0) { $0 + 0.1 * Double($1) * Double($1) }
        #expect(outer.regularizationLosses.count == 1 && abs(outer.regularizationLoss - expected) < 1e-9)
        dense.trainable = false
        #expect(outer.regularizationLosses.isEmpty)
    }
}
