import Glibc
import Testing
import Tensor
import NeuralNet

/// Every loss against values worked out by hand (or from Keras's docstrings), its gradient
/// against central finite differences, and the target checks' messages.
@Suite struct LossTests {
    func tensor(_ shape: [Int], _ values: [Float]) throws -> Tensor { try Tensor(shape: Shape(shape), floats: values) }

    // MARK: values

    @Test func sparseCategoricalFromProbabilities() throws {
        // Keras's docstring: per-sample [0.10536, 0.11653, 0.06188].
        let p = try tensor([3, 3], [0.9, 0.05, 0.05, 0.05, 0.89, 0.06, 0.05, 0.01, 0.94])
        let labels = try Tensor(shape: [3], int64s: [0, 1, 2])
        let expected = (-log(0.9) - log(0.89) - log(0.94)) / 3   // 0.0945899
        let loss = Loss.sparseCategoricalCrossentropy(fromLogits: false)
        #expect(abs(try loss.value(predictions: p, targets: labels) - expected) < 1e-6)
    }

    @Test func sparseLabelsAnyDtypeAndShape() throws {
        let p = try tensor([2, 3], [0.1, 0.8, 0.1, 0.2, 0.3, 0.5])
        let expected = (-log(0.8) - log(0.5)) / 2
        let loss = Loss.sparseCategoricalCrossentropy(fromLogits: false)
        for labels in [try Tensor(shape: [2], bytes: [1, 2]), try Tensor(shape: [2, 1], int64s: [1, 2]),
                       try tensor([2], [1, 2]), try tensor([2, 1], [1, 2])] {
            #expect(abs(try loss.value(predictions: p, targets: labels) - expected) < 1e-6)
        }
    }

    @Test func sparseCategoricalFromLogits() throws {
        let p = try tensor([1, 3], [1, 2, 3])
        let loss = Loss.sparseCategoricalCrossentropy(fromLogits: true)
        let value = try loss.value(predictions: p, targets: try Tensor(shape: [1], bytes: [0]))
        #expect(abs(value - 2.40760596444438) < 1e-6)   // log(e + e^2 + e^3) - 1
    }

    @Test func probabilitiesAreClippedLikeKeras() throws {
        // A zero probability for the true class costs -log(1e-7), not infinity.
        let p = try tensor([1, 2], [0, 1])
        let loss = Loss.sparseCategoricalCrossentropy(fromLogits: false)
        let value = try loss.value(predictions: p, targets: try Tensor(shape: [1], bytes: [0]))
        // -log(clip(0)) + log(clip(0) + clip(1)), all in float32 as TensorFlow clips.
        let low = Double(Float(1e-7)), high = Double(Float(1 - 1e-7))
        #expect(abs(value - (-log(low) + log(low + high))) < 1e-5)
        #expect(abs(value - 16.118) < 1e-3)
    }

    @Test func categoricalFromProbabilities() throws {
        // Keras's docstring example: 1.177.
        let p = try tensor([2, 3], [0.05, 0.95, 0, 0.1, 0.8, 0.1])
        let t = try tensor([2, 3], [0, 1, 0, 0, 0, 1])
        let value = try Loss.categoricalCrossentropy(fromLogits: false).value(predictions: p, targets: t)
        #expect(abs(value - 1.176939193690798) < 1e-6)
    }

    @Test func categoricalNormalisesRowsFirst() throws {
        let p = try tensor([1, 2], [1, 3])   // read as [0.25, 0.75]
        let t = try Tensor(shape: [1, 2], bytes: [0, 1])
        let value = try Loss.categoricalCrossentropy(fromLogits: false).value(predictions: p, targets: t)
        #expect(abs(value - -log(0.75)) < 1e-6)
    }

    @Test func categoricalFromLogits() throws {
        let p = try tensor([1, 3], [1, 2, 3])
        let t = try tensor([1, 3], [0, 0, 1])
        let value = try Loss.categoricalCrossentropy(fromLogits: true).value(predictions: p, targets: t)
        #expect(abs(value - (log(exp(1.0) + exp(2.0) + exp(3.0)) - 3)) < 1e-6)
    }

    @Test func binaryFromProbabilities() throws {
        // Keras's docstring: 0.815.
        let p = try tensor([2, 2], [0.6, 0.4, 0.4, 0.6])
        let t = try tensor([2, 2], [0, 1, 0, 0])
        let expected = (-3 * log(0.4) - log(0.6)) / 4
        let value = try Loss.binaryCrossentropy(fromLogits: false).value(predictions: p, targets: t)
        #expect(abs(value - expected) < 1e-6)
        #expect(abs(value - 0.815) < 1e-3)
    }

    @Test func binaryFromLogits() throws {
        // Keras's docstring: 0.865.
        let p = try tensor([4, 1], [-18.6, 0.51, 2.94, -12.8])
        let t = try Tensor(shape: [4], bytes: [0, 1, 0, 0])   // (N,) against (N, 1)
        let value = try Loss.binaryCrossentropy(fromLogits: true).value(predictions: p, targets: t)
        #expect(abs(value - 0.8654579497810972) < 1e-6)
    }

    @Test func meanSquaredError() throws {
        let p = try tensor([2, 2], [1, 1, 1, 0])
        let t = try tensor([2, 2], [0, 1, 0, 0])
        #expect(try Loss.meanSquaredError.value(predictions: p, targets: t) == 0.5)
        let (value, gradient) = try Loss.meanSquaredError.valueAndGradient(predictions: p, targets: t)
        #expect(value == 0.5)
        #expect(gradient.floatArray == [0.5, 0, 0.5, 0])   // 2 (p - t) / 4
    }

    @Test func softmaxGradientIsSoftmaxMinusOneHotOverBatch() throws {
        let p = try tensor([2, 2], [0, 0, 0, 0])
        let labels = try Tensor(shape: [2], bytes: [0, 1])
        let (_, g) = try Loss.sparseCategoricalCrossentropy(fromLogits: true).valueAndGradient(predictions: p, targets: labels)
        #expect(g.floatArray == [-0.25, 0.25, 0.25, -0.25])
    }

    // MARK: gradients against finite differences

    static let gradientCases: [(String, Loss)] = [
        ("sparse, probabilities", .sparseCategoricalCrossentropy(fromLogits: false)),
        ("sparse, logits", .sparseCategoricalCrossentropy(fromLogits: true)),
        ("categorical, probabilities", .categoricalCrossentropy(fromLogits: false)),
        ("categorical, logits", .categoricalCrossentropy(fromLogits: true)),
        ("binary, probabilities", .binaryCrossentropy(fromLogits: false)),
        ("binary, logits", .binaryCrossentropy(fromLogits: true)),
        ("mse", .meanSquaredError),
    ]

    @Test(arguments: gradientCases.indices)
    func gradientMatchesFiniteDifferences(index: Int) throws {
        let loss = Self.gradientCases[index].1
        // Probabilities well inside (0, 1) so the clip is not active; rows not normalised, so
        // categorical's normalisation is exercised too.
        let values: [Float] = [0.2, 0.5, 0.3, 0.15, 0.25, 0.6, 0.7, 0.1, 0.35, 0.45, 0.3, 0.4]
        let p = try tensor([4, 3], loss.fromLogits ? values.map { $0 * 4 - 1.5 } : values)
        let targets: Tensor
        switch loss {
        case .sparseCategoricalCrossentropy: targets = try Tensor(shape: [4], bytes: [0, 2, 1, 2])
        case .categoricalCrossentropy: targets = try tensor([4, 3], [1, 0, 0, 0, 0, 1, 0.2, 0.5, 0.3, 0, 1, 0])
        case .binaryCrossentropy: targets = try tensor([4, 3], [1, 0, 0, 0, 1, 1, 0.5, 0, 1, 0, 0, 1])
        case .meanSquaredError: targets = try tensor([4, 3], [1, 0, 0.5, -1, 2, 0, 0, 0, 1, 3, 0, 0])
        }
        let (_, gradient) = try loss.valueAndGradient(predictions: p, targets: targets)
        let analytic = gradient.floatArray
        let h: Float = 1e-3
        for i in 0..<p.count {
            let plus = p.copy(), minus = p.copy()
            plus.floats[i] += h
            minus.floats[i] -= h
            let numeric = (try loss.value(predictions: plus, targets: targets)
                - loss.value(predictions: minus, targets: targets))
                / Double(plus.floats[i] - minus.floats[i])
            #expect(abs(numeric - Double(analytic[i])) < 2e-3 * max(1, abs(numeric)),
                    "\(Self.gradientCases[index].0) element \(i): numeric \(numeric), analytic \(analytic[i])")
        }
    }

    @Test func clippedProbabilitiesHaveNoGradient() throws {
        let p = try tensor([1, 2], [0.5, 1.5])   // 1.5 is above 1 - 1e-7
        let t = try tensor([1, 2], [1, 1])
        let (_, g) = try Loss.binaryCrossentropy(fromLogits: false).valueAndGradient(predictions: p, targets: t)
        #expect(g.floatArray[1] == 0)
        #expect(g.floatArray[0] != 0)
    }

    // MARK: names

    @Test func kerasNamesAndAliases() throws {
        #expect(try Loss.named("sparse_categorical_crossentropy") == .sparseCategoricalCrossentropy(fromLogits: false))
        #expect(try Loss.named("SparseCategoricalCrossentropy") == .sparseCategoricalCrossentropy(fromLogits: false))
        #expect(try Loss.named("categorical_crossentropy") == .categoricalCrossentropy(fromLogits: false))
        #expect(try Loss.named("binary_crossentropy") == .binaryCrossentropy(fromLogits: false))
        #expect(try Loss.named("bce") == .binaryCrossentropy(fromLogits: false))
        for alias in ["mse", "MSE", "mean_squared_error", "MeanSquaredError"] {
            #expect(try Loss.named(alias) == .meanSquaredError)
        }
        #expect(Loss.sparseCategoricalCrossentropy(fromLogits: true).name == "sparse_categorical_crossentropy")
        #expect(Loss.meanSquaredError.name == "mean_squared_error")
    }

    @Test func unknownLossNamesSuggest() throws {
        let error = try #require(throws: LayerError.self) { try Loss.named("sparse_categorial_crossentropy") }
        #expect(error.message == "Could not interpret loss identifier: sparse_categorial_crossentropy")
        #expect(error.hint == "Did you mean 'sparse_categorical_crossentropy'?")
        #expect(error.argument == "loss")
        #expect(error.kind == .valueError)
        let far = try #require(throws: LayerError.self) { try Loss.named("banana") }
        #expect(far.hint?.contains("'categorical_crossentropy'") == true)
        let unsupported = try #require(throws: LayerError.self) { try Loss.named("mae") }
        #expect(unsupported.message.contains("not supported by Fovea"))
    }

    // MARK: target checks

    @Test func oneHotTargetsWithSparseLoss() throws {
        let error = try #require(throws: LayerError.self) {
            try Loss.sparseCategoricalCrossentropy(fromLogits: false)
                .checkTargets(try Tensor(zeros: [32, 10]), predictionShape: [32, 10])
        }
        #expect(error.message == "Argument `output` must have rank (ndim) `target.ndim - 1`. Received: "
            + "target.shape=(32, 10), output.shape=(32, 10)")
        #expect(error.hint?.contains("loss='categorical_crossentropy'") == true)
        #expect(error.argument == "y")
    }

    @Test func labelOutsideTheClasses() throws {
        let labels = try Tensor(shape: [3], bytes: [0, 10, 3])
        let error = try #require(throws: LayerError.self) {
            try Loss.sparseCategoricalCrossentropy(fromLogits: false).checkTargets(labels, predictionShape: [3, 10])
        }
        #expect(error.message == "Received a label value of 10 which is outside the valid range of [0, 10).")
        #expect(error.hint?.contains("Dense(11)") == true)
        let negative = try Tensor(shape: [1], int64s: [-1])
        #expect(throws: LayerError.self) {
            try Loss.sparseCategoricalCrossentropy(fromLogits: true).checkTargets(negative, predictionShape: [1, 10])
        }
        // value() checks too, rather than reading past the row.
        #expect(throws: LayerError.self) {
            try Loss.sparseCategoricalCrossentropy(fromLogits: true).value(predictions: try Tensor(zeros: [3, 10]),
                                                                           targets: labels)
        }
    }

    @Test func fractionalSparseLabels() throws {
        let error = try #require(throws: LayerError.self) {
            try Loss.sparseCategoricalCrossentropy(fromLogits: false)
                .checkTargets(try tensor([2], [1, 0.5]), predictionShape: [2, 3])
        }
        #expect(error.message.hasPrefix("Received a label value of 0.5 which is not an integer"))
    }

    @Test func integerLabelsWithCategoricalLoss() throws {
        let error = try #require(throws: LayerError.self) {
            try Loss.categoricalCrossentropy(fromLogits: false)
                .checkTargets(try Tensor(zeros: [32], dtype: .uint8), predictionShape: [32, 10])
        }
        #expect(error.message == "Arguments `target` and `output` must have the same shape. Received: "
            + "target.shape=(32,), output.shape=(32, 10)")
        #expect(error.hint?.contains("keras.utils.to_categorical(y, 10)") == true)
        #expect(error.hint?.contains("sparse_categorical_crossentropy") == true)
    }

    @Test func sampleCountsMustAgree() throws {
        let error = try #require(throws: LayerError.self) {
            try Loss.sparseCategoricalCrossentropy(fromLogits: false)
                .checkTargets(try Tensor(zeros: [31], dtype: .uint8), predictionShape: [32, 10])
        }
        #expect(error.message.hasPrefix("Arguments `target` and `output` must have the same shape up until the last"))
        #expect(error.hint == "x and y must hold the same number of samples: here 31 targets for 32 predictions.")
        #expect(throws: LayerError.self) {
            try Loss.meanSquaredError.checkTargets(try Tensor(zeros: [31, 1]), predictionShape: [32, 1])
        }
    }

    @Test func binaryTargetsMustBeZeroToOne() throws {
        let loss = Loss.binaryCrossentropy(fromLogits: false)
        try loss.checkTargets(try tensor([3, 1], [0, 1, 0.5]), predictionShape: [3, 1])
        let error = try #require(throws: LayerError.self) {
            try loss.checkTargets(try Tensor(shape: [2], bytes: [1, 3]), predictionShape: [2, 1])
        }
        #expect(error.message == "binary_crossentropy expects targets between 0 and 1. Received a target value of 3.")
        #expect(error.hint?.contains("sparse_categorical_crossentropy") == true)
    }

    @Test func meanSquaredErrorShapes() throws {
        try Loss.meanSquaredError.checkTargets(try Tensor(zeros: [4]), predictionShape: [4, 1])
        try Loss.meanSquaredError.checkTargets(try Tensor(zeros: [4, 1]), predictionShape: [4])
        let error = try #require(throws: LayerError.self) {
            try Loss.meanSquaredError.checkTargets(try Tensor(zeros: [4]), predictionShape: [4, 10])
        }
        #expect(error.hint?.contains("sparse_categorical_crossentropy") == true)
    }
}
