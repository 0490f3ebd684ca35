import Glibc
import Testing
import Tensor
import NeuralNet

/// The optimizers against Keras 3's update rules: a few steps worked out by hand, then several
/// steps of every variant against the formulas written out here in double precision.
@Suite struct OptimizerTests {
    /// A Dense layer's kernel (rows x units) and bias, set to the given values.
    func makeWeights(kernel: [Float], bias: [Float]) throws -> [Weight] {
        let dense = try Dense(units: bias.count, session: Session(seed: 1))
        let rows = kernel.count / bias.count
        try dense.build([nil, rows])
        try dense.weights[0].assign(try Tensor(shape: [rows, bias.count], floats: kernel))
        try dense.weights[1].assign(try Tensor(shape: [bias.count], floats: bias))
        return dense.weights
    }

    /// One weight holding a single value (a Dense(1) bias).
    func scalarWeight(_ value: Float) throws -> Weight { try makeWeights(kernel: [0], bias: [value])[1] }

    func step(_ optimizer: Optimizer, _ weight: Weight, gradient: Float) throws -> Float {
        try optimizer.apply(gradients: [try Tensor(shape: [1], floats: [gradient])], to: [weight])
        return weight.value.floatArray[0]
    }

    // MARK: steps by hand

    @Test func plainSGD() throws {
        let w = try scalarWeight(1), sgd = try SGD(learningRate: 0.1)
        #expect(abs(try step(sgd, w, gradient: 0.5) - 0.95) < 1e-6)
        #expect(abs(try step(sgd, w, gradient: 0.5) - 0.90) < 1e-6)
        #expect(sgd.iterations == 2)
    }

    @Test func sgdWithMomentum() throws {
        // m1 = -0.05 -> 0.95; m2 = 0.9 * -0.05 - 0.05 = -0.095 -> 0.855; m3 = -0.1355 -> 0.7195.
        let w = try scalarWeight(1), sgd = try SGD(learningRate: 0.1, momentum: 0.9)
        #expect(abs(try step(sgd, w, gradient: 0.5) - 0.95) < 1e-6)
        #expect(abs(try step(sgd, w, gradient: 0.5) - 0.855) < 1e-6)
        #expect(abs(try step(sgd, w, gradient: 0.5) - 0.7195) < 1e-6)
    }

    @Test func sgdWithNesterov() throws {
        // w += 0.9 * m - 0.1 * g: 1 - 0.045 - 0.05 = 0.905; then 0.905 - 0.0855 - 0.05 = 0.7695.
        let w = try scalarWeight(1), sgd = try SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)
        #expect(abs(try step(sgd, w, gradient: 0.5) - 0.905) < 1e-6)
        #expect(abs(try step(sgd, w, gradient: 0.5) - 0.7695) < 1e-6)
    }

    @Test func adamFirstStepIsAboutTheLearningRate() throws {
        // alpha = 0.001 * sqrt(0.001) / 0.1; m = 0.05; v = 0.00025;
        // w = 1 - alpha * m / (sqrt(v) + 1e-7) = 0.99900000632...
        let w = try scalarWeight(1), adam = try Adam()
        let alpha = 0.001 * (0.001).squareRoot() / 0.1
        let expected = 1 - alpha * 0.05 / ((0.00025).squareRoot() + 1e-7)
        #expect(abs(Double(try step(adam, w, gradient: 0.5)) - expected) < 1e-7)
    }

    @Test func rmspropKerasDocstringExample() throws {
        // keras.optimizers.RMSprop(learning_rate=0.1) on loss = var^2 / 2 from var = 10: 9.683772.
        let w = try scalarWeight(10), rmsprop = try RMSprop(learningRate: 0.1)
        #expect(abs(try step(rmsprop, w, gradient: 10) - 9.683772) < 1e-5)
    }

    @Test func learningRateCanChangeBetweenSteps() throws {
        let w = try scalarWeight(1), sgd = try SGD(learningRate: 0.1)
        sgd.learningRate = 0.5
        #expect(abs(try step(sgd, w, gradient: 1) - 0.5) < 1e-6)
        #expect(sgd.learningRate == 0.5)
    }

    // MARK: several steps of every variant against the formulas

    enum Variant: Sendable, CustomTestStringConvertible {
        case sgd(lr: Double, momentum: Double, nesterov: Bool)
        case adam(lr: Double, beta2: Double, amsgrad: Bool)
        case rmsprop(lr: Double, momentum: Double, centered: Bool)

        var testDescription: String { "\(self)" }

        func make() throws -> Optimizer {
            switch self {
            case let .sgd(lr, momentum, nesterov): return try SGD(learningRate: lr, momentum: momentum, nesterov: nesterov)
            case let .adam(lr, beta2, amsgrad): return try Adam(learningRate: lr, beta2: beta2, amsgrad: amsgrad)
            case let .rmsprop(lr, momentum, centered):
                return try RMSprop(learningRate: lr, momentum: momentum, centered: centered)
            }
        }

        /// Keras 3's update of one element over the gradient sequence, in double precision.
        func reference(_ w0: Double, _ gradients: [Double]) -> Double {
            var w = w0, m = 0.0, v = 0.0, vHat = 0.0, a = 0.0
            for (index, g) in gradients.enumerated() {
                let t = Double(index + 1)
                switch self {
                case let .sgd(lr, momentum, nesterov):
                    if momentum == 0 {
                        w -= lr * g
                    } else {
                        m = momentum * m - lr * g
                        w += nesterov ? momentum * m - lr * g : m
                    }
                case let .adam(lr, b2, amsgrad):
                    let (b1, eps) = (0.9, 1e-7)
                    let alpha = lr * (1 - pow(b2, t)).squareRoot() / (1 - pow(b1, t))
                    m += (g - m) * (1 - b1)
                    v += (g * g - v) * (1 - b2)
                    vHat = max(vHat, v)
                    w -= alpha * m / ((amsgrad ? vHat : v).squareRoot() + eps)
                case let .rmsprop(lr, momentum, centered):
                    let (rho, eps) = (0.9, 1e-7)
                    v = rho * v + (1 - rho) * g * g
                    var denominator = v + eps
                    if centered {
                        a = rho * a + (1 - rho) * g
                        denominator = v - a * a + eps
                    }
                    let increment = lr * g / denominator.squareRoot()
                    if momentum > 0 {
                        m = momentum * m + increment
                        w -= m
                    } else {
                        w -= increment
                    }
                }
            }
            return w
        }
    }

    static let variants: [Variant] = [
        .sgd(lr: 0.1, momentum: 0, nesterov: false),
        .sgd(lr: 0.05, momentum: 0.9, nesterov: false),
        .sgd(lr: 0.05, momentum: 0.8, nesterov: true),
        .adam(lr: 0.01, beta2: 0.999, amsgrad: false),
        .adam(lr: 0.01, beta2: 0.999, amsgrad: true),
        .adam(lr: 0.01, beta2: 0.5, amsgrad: false),
        .adam(lr: 0.01, beta2: 0.5, amsgrad: true),
        .rmsprop(lr: 0.01, momentum: 0, centered: false),
        .rmsprop(lr: 0.01, momentum: 0.5, centered: false),
        .rmsprop(lr: 0.01, momentum: 0, centered: true),
        .rmsprop(lr: 0.01, momentum: 0.5, centered: true),
    ]

    /// The gradient of element k at step t: mixed signs, and a large first step followed by
    /// small ones, so Adam's velocity shrinks and AMSGrad's maximum matters.
    static func gradient(_ k: Int, _ t: Int) -> Double {
        (0.3 * Double(k % 5 - 2) + 0.1 + 0.05 * Double(k % 3)) * (t == 1 ? 3 : 0.1 / Double(t))
    }

    /// Weights long enough for the vectorised Adam (8 lanes at a time, then a tail): every element
    /// against the formula, for both betas.
    @Test(arguments: [0.999, 0.5])
    func adamOnLongWeightsMatchesTheFormula(beta2: Double) throws {
        let kernel = (0..<111).map { Float($0 % 13) * 0.1 - 0.6 }  // 37 x 3, then a bias of 3
        let bias: [Float] = [0.2, -0.3, 0]
        let weights = try makeWeights(kernel: kernel, bias: bias)
        let variant = Variant.adam(lr: 0.01, beta2: beta2, amsgrad: false)
        let optimizer = try variant.make()
        for t in 1...4 {
            let gk = try Tensor(shape: [37, 3], floats: (0..<111).map { Float(Self.gradient($0, t)) })
            let gb = try Tensor(shape: [3], floats: (0..<3).map { Float(Self.gradient($0 + 111, t)) })
            try optimizer.apply(gradients: [gk, gb], to: weights)
        }
        let start = kernel + bias
        let actual = weights[0].value.floatArray + weights[1].value.floatArray
        for k in 0..<start.count {
            let expected = variant.reference(Double(start[k]), (1...4).map { Double(Float(Self.gradient(k, $0))) })
            #expect(abs(Double(actual[k]) - expected) < 2e-5, "element \(k): \(actual[k]) vs \(expected)")
        }
    }

    @Test(arguments: variants)
    func severalStepsMatchTheFormulas(variant: Variant) throws {
        let kernel: [Float] = [0.5, -0.25, 1, 0.75, -1, 0.1]
        let bias: [Float] = [0.2, -0.3, 0]
        let weights = try makeWeights(kernel: kernel, bias: bias)
        let optimizer = try variant.make()
        let steps = 5
        for t in 1...steps {
            let gk = try Tensor(shape: [2, 3], floats: (0..<6).map { Float(Self.gradient($0, t)) })
            let gb = try Tensor(shape: [3], floats: (0..<3).map { Float(Self.gradient($0 + 6, t)) })
            try optimizer.apply(gradients: [gk, gb], to: weights)
        }
        #expect(optimizer.iterations == steps)
        let start = kernel + bias
        let actual = weights[0].value.floatArray + weights[1].value.floatArray
        for k in 0..<start.count {
            let gradients = (1...steps).map { Double(Float(Self.gradient(k, $0))) }
            let expected = variant.reference(Double(start[k]), gradients)
            #expect(abs(Double(actual[k]) - expected) < 2e-5, "element \(k): \(actual[k]) vs \(expected)")
            #expect(abs(Double(actual[k]) - Double(start[k])) > 1e-4, "element \(k) did not move")
        }
    }

    @Test func variantsReallyDiffer() {
        let gradients = (1...5).map { Self.gradient(0, $0) }
        // With beta_2 = 0.5 the velocity follows the shrinking gradients, so AMSGrad's max matters.
        #expect(abs(Variant.adam(lr: 0.01, beta2: 0.5, amsgrad: true).reference(1, gradients)
            - Variant.adam(lr: 0.01, beta2: 0.5, amsgrad: false).reference(1, gradients)) > 1e-3)
        #expect(abs(Variant.rmsprop(lr: 0.01, momentum: 0, centered: true).reference(1, gradients)
            - Variant.rmsprop(lr: 0.01, momentum: 0, centered: false).reference(1, gradients)) > 1e-3)
        #expect(abs(Variant.sgd(lr: 0.05, momentum: 0.8, nesterov: true).reference(1, gradients)
            - Variant.sgd(lr: 0.05, momentum: 0.8, nesterov: false).reference(1, gradients)) > 1e-3)
    }

    // MARK: variables, config, names

    @Test func variableCountsAsKerasSummary() throws {
        let weights = try makeWeights(kernel: Array(repeating: 0, count: 640), bias: Array(repeating: 0, count: 10))
        #expect(try Adam().variableCount(for: weights) == 2 * 650 + 2)
        #expect(try Adam(amsgrad: true).variableCount(for: weights) == 3 * 650 + 2)
        #expect(try SGD().variableCount(for: weights) == 2)
        #expect(try SGD(momentum: 0.9).variableCount(for: weights) == 650 + 2)
        #expect(try RMSprop().variableCount(for: weights) == 650 + 2)
        #expect(try RMSprop(momentum: 0.9, centered: true).variableCount(for: weights) == 3 * 650 + 2)
    }

    @Test func optimizerParamsOfThePoolingCNN() throws {
        // Model d of the reference (93,322 params): Keras shows "Optimizer params: 186,646 (729.09 KB)".
        let session = Session(seed: 0)
        let layers: [(any Layer, [Int?])] = [
            (try Conv2D(filters: 32, kernelSize: [3, 3], session: session), [nil, 28, 28, 1]),
            (try Conv2D(filters: 64, kernelSize: [3, 3], session: session), [nil, 13, 13, 32]),
            (try Conv2D(filters: 64, kernelSize: [3, 3], session: session), [nil, 5, 5, 64]),
            (try Dense(units: 64, session: session), [nil, 576]),
            (try Dense(units: 10, session: session), [nil, 64]),
        ]
        for (layer, shape) in layers { try layer.build(shape) }
        let weights = layers.flatMap { $0.0.trainableWeights }
        #expect(weights.reduce(0) { $0 + $1.count } == 93_322)
        let adam = try Adam()
        #expect(adam.variableCount(for: weights) == 186_646)
        #expect(adam.variableBytes(for: weights) == 746_588)   // 729.09 KB
    }

    @Test func configsAsKerasGetConfig() throws {
        func text(_ o: Optimizer) -> [String] { o.config.map { "\($0.0)=\($0.1)" } }
        #expect(text(try Adam()) == ["name='adam'", "learning_rate=0.0010000000474974513", "beta_1=0.9",
                                     "beta_2=0.999", "epsilon=1e-07", "amsgrad=False"])
        #expect(text(try SGD(momentum: 0.9, nesterov: true)) == ["name='SGD'", "learning_rate=0.009999999776482582",
                                                                "momentum=0.9", "nesterov=True"])
        #expect(text(try RMSprop(centered: true)) == ["name='rmsprop'", "learning_rate=0.0010000000474974513",
                                                      "rho=0.9", "momentum=0.0", "epsilon=1e-07", "centered=True"])
    }

    @Test func namesAsKeras() throws {
        let adam = try makeOptimizer(named: "Adam")
        #expect(adam is Adam && adam.name == "adam" && adam.className == "Adam")
        #expect(adam.learningRate == Double(Float(0.001)))
        let sgd = try makeOptimizer(named: "sgd")
        #expect(sgd is SGD && sgd.name == "SGD" && sgd.learningRate == Double(Float(0.01)))
        let rmsprop = try makeOptimizer(named: "RMSprop")
        #expect(rmsprop is RMSprop && rmsprop.name == "rmsprop" && rmsprop.className == "RMSprop")
        let typo = try #require(throws: LayerError.self) { try makeOptimizer(named: "adamm") }
        #expect(typo.message == "Could not interpret optimizer identifier: adamm")
        #expect(typo.hint == "Did you mean 'adam'?")
        #expect(typo.argument == "optimizer")
        let unsupported = try #require(throws: LayerError.self) { try makeOptimizer(named: "Nadam") }
        #expect(unsupported.message.contains("not supported by Fovea"))
    }

    // MARK: bad arguments and bad gradients

    @Test func badArguments() throws {
        let lr = try #require(throws: LayerError.self) { try SGD(learningRate: -0.1) }
        #expect(lr.message == "Argument `learning_rate` must be a non-negative float. Received: learning_rate=-0.1")
        #expect(lr.argument == "learning_rate")
        let momentum = try #require(throws: LayerError.self) { try SGD(momentum: 1.5) }
        #expect(momentum.message == "`momentum` must be a float between [0, 1]. Received: momentum=1.5")
        #expect(momentum.argument == "momentum")
        let beta = try #require(throws: LayerError.self) { try Adam(beta1: 1) }
        #expect(beta.message == "`beta_1` must be a float between [0, 1). Received: beta_1=1.0")
        #expect(throws: LayerError.self) { try Adam(beta2: -0.5) }
        #expect(throws: LayerError.self) { try Adam(epsilon: -1) }
        #expect(throws: LayerError.self) { try Adam(learningRate: .nan) }
        #expect(throws: LayerError.self) { try RMSprop(rho: 1) }
        #expect(throws: LayerError.self) { try RMSprop(momentum: -0.1) }
        #expect(throws: LayerError.self) { try RMSprop(epsilon: -1e-7) }
        _ = try SGD(learningRate: 0, momentum: 1)   // the bounds themselves are allowed
    }

    @Test func badGradientsChangeNothing() throws {
        let weights = try makeWeights(kernel: [1, 2], bias: [3])
        let adam = try Adam()
        let count = try #require(throws: LayerError.self) {
            try adam.apply(gradients: [try Tensor(zeros: [2, 1])], to: weights)
        }
        #expect(count.message.contains("1 gradients for 2 weights"))
        let shape = try #require(throws: LayerError.self) {
            try adam.apply(gradients: [try Tensor(zeros: [2, 1]), try Tensor(zeros: [2])], to: weights)
        }
        #expect(shape.message.contains("Gradient 1 has shape (2,)"))
        #expect(adam.iterations == 0)
        #expect(weights[0].value.floatArray == [1, 2] && weights[1].value.floatArray == [3])
        try adam.apply(gradients: [], to: [])
        #expect(adam.iterations == 0)
    }

    @Test func slotsBelongToEachWeight() throws {
        // Two separate weights updated together keep separate momentum: with opposite
        // gradients they move in opposite directions by the same amount.
        let a = try scalarWeight(0), b = try scalarWeight(0)
        let sgd = try SGD(learningRate: 0.1, momentum: 0.9)
        for _ in 0..<3 {
            try sgd.apply(gradients: [try Tensor(shape: [1], floats: [1]), try Tensor(shape: [1], floats: [-1])],
                          to: [a, b])
        }
        let av = a.value.floatArray[0], bv = b.value.floatArray[0]
        #expect(abs(av - -0.561) < 1e-6)   // -0.1, -0.19, -0.271 summed
        #expect(av == -bv)
    }
}
