import Testing
import Tensor
import NeuralNet

/// The accuracy metrics, how 'accuracy' resolves, and unknown metric names.
@Suite struct MetricTests {
    func tensor(_ shape: [Int], _ values: [Float]) throws -> Tensor { try Tensor(shape: Shape(shape), floats: values) }

    @Test func sparseCategoricalAccuracy() throws {
        let p = try tensor([4, 3], [0.1, 0.7, 0.2,  0.5, 0.2, 0.3,  0.3, 0.3, 0.4,  0.4, 0.4, 0.2])
        // Argmax per row: 1, 0, 2, 0 (a tie goes to the first index, as numpy's argmax).
        let metric = Metric.sparseCategoricalAccuracy
        for labels in [try Tensor(shape: [4], bytes: [1, 0, 1, 0]), try Tensor(shape: [4, 1], int64s: [1, 0, 1, 0]),
                       try tensor([4], [1, 0, 1, 0])] {
            #expect(try metric.correctCount(predictions: p, targets: labels) == 3)
            #expect(try metric.scoreSum(predictions: p, targets: labels) == 3)
        }
        #expect(try metric.correctCount(predictions: p, targets: try Tensor(shape: [4], bytes: [1, 1, 1, 1])) == 1)
        #expect(throws: LayerError.self) {
            try metric.correctCount(predictions: p, targets: try Tensor(zeros: [4, 3]))
        }
    }

    @Test func categoricalAccuracy() throws {
        let p = try tensor([3, 2], [0.9, 0.1,  0.4, 0.6,  0.2, 0.8])
        let t = try tensor([3, 2], [1, 0,  1, 0,  0, 1])
        #expect(try Metric.categoricalAccuracy.correctCount(predictions: p, targets: t) == 2)
        #expect(throws: LayerError.self) {
            try Metric.categoricalAccuracy.correctCount(predictions: p, targets: try Tensor(zeros: [3]))
        }
    }

    @Test func binaryAccuracyUsesStrictThreshold() throws {
        let p = try tensor([4, 1], [0.5, 0.51, 0.2, 0.9])
        let t = try Tensor(shape: [4], bytes: [1, 1, 0, 0])
        // 0.5 is not > 0.5, so it predicts 0: predictions [0, 1, 0, 1] -> [wrong, right, right, wrong].
        #expect(try Metric.binaryAccuracy(threshold: 0.5).correctCount(predictions: p, targets: t) == 2)
        #expect(try Metric.binaryAccuracy(threshold: 0.1).correctCount(predictions: p, targets: t) == 2)
        #expect(try Metric.binaryAccuracy(threshold: 0.95).correctCount(predictions: p, targets: t) == 2)
        #expect(try Metric.binaryAccuracy(threshold: 0.3).correctCount(predictions: p, targets: try tensor([4, 1], [1, 1, 0, 1])) == 4)
    }

    @Test func binaryAccuracyAveragesOutputsPerSample() throws {
        let p = try tensor([2, 2], [0.9, 0.9, 0.1, 0.9])
        let t = try tensor([2, 2], [1, 1, 1, 1])
        let metric = Metric.binaryAccuracy(threshold: 0.5)
        #expect(try metric.correctCount(predictions: p, targets: t) == 3)    // outputs right
        #expect(try metric.scoreSum(predictions: p, targets: t) == 1.5)      // 1 + 0.5 per sample
    }

    @Test func accuracyResolvesByLoss() throws {
        for name in ["accuracy", "acc", "Accuracy", "ACC"] {
            #expect(try Metric.resolve(name, loss: .sparseCategoricalCrossentropy(fromLogits: false)) == .sparseCategoricalAccuracy)
            #expect(try Metric.resolve(name, loss: .categoricalCrossentropy(fromLogits: true)) == .categoricalAccuracy)
            #expect(try Metric.resolve(name, loss: .binaryCrossentropy(fromLogits: false)) == .binaryAccuracy(threshold: 0.5))
            #expect(try Metric.resolve(name, loss: .meanSquaredError) == .categoricalAccuracy)
        }
        #expect(try Metric.resolve("binary_accuracy", loss: .meanSquaredError) == .binaryAccuracy(threshold: 0.5))
        #expect(try Metric.resolve("SparseCategoricalAccuracy", loss: .meanSquaredError) == .sparseCategoricalAccuracy)
        #expect(try Metric.resolve("categorical_accuracy", loss: .binaryCrossentropy(fromLogits: false)) == .categoricalAccuracy)
    }

    @Test func accuracyResolvesByShapesAsKeras3() throws {
        #expect(try Metric.resolve("accuracy", targetShape: [32], predictionShape: [32, 10]) == .sparseCategoricalAccuracy)
        #expect(try Metric.resolve("accuracy", targetShape: [32, 1], predictionShape: [32, 10]) == .sparseCategoricalAccuracy)
        #expect(try Metric.resolve("accuracy", targetShape: [32, 10], predictionShape: [32, 10]) == .categoricalAccuracy)
        #expect(try Metric.resolve("accuracy", targetShape: [32], predictionShape: [32, 1]) == .binaryAccuracy(threshold: 0.5))
        #expect(try Metric.resolve("categorical_accuracy", targetShape: [32], predictionShape: [32, 1]) == .categoricalAccuracy)
    }

    @Test func unknownMetricNames() throws {
        let error = try #require(throws: LayerError.self) { try Metric.resolve("acuracy", loss: .meanSquaredError) }
        #expect(error.message == "Could not interpret metric identifier: acuracy")
        #expect(error.hint == "Did you mean 'accuracy'?")
        #expect(error.argument == "metrics")
        let unsupported = try #require(throws: LayerError.self) { try Metric.resolve("mape", loss: .meanSquaredError) }
        #expect(unsupported.message.contains("not supported by Fovea"))
        #expect(Metric.sparseCategoricalAccuracy.name == "sparse_categorical_accuracy")
    }
}
