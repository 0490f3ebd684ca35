import NeuralNet
import Tensor
import Testing

/// Sample weights in the losses, held against a naive twin: each sample's loss computed on its
/// own, weighted, summed and divided by the batch size (Keras 3's 'sum_over_batch_size');
/// and fit's initial_epoch, validation_freq and class_weight.
@Suite struct SampleWeightTests {
    static func rows(_ t: Tensor, _ i: Int) throws -> Tensor {
        let width = t.count / t.shape[0]
        let values = Array(t.floatArray[i * width..<(i + 1) * width])
        return try Tensor(shape: Shape([1] + t.shape.dims.dropFirst()), floats: values)
    }

    static let cases: [(Loss, [Int], [Int], [Float], [Float])] = [
        (.sparseCategoricalCrossentropy(fromLogits: false), [4, 3], [4],
         [0.2, 0.5, 0.3, 0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4], [1, 0, 2, 0]),
        (.sparseCategoricalCrossentropy(fromLogits: true), [4, 3], [4],
         [2, -1, 0.5, 0.1, 0.2, 3, -2, 1, 0, 1, 1, 1], [0, 2, 1, 1]),
        (.categoricalCrossentropy(fromLogits: false), [4, 3], [4, 3],
         [0.2, 0.5, 0.3, 0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4], [0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1]),
        (.binaryCrossentropy(fromLogits: false), [4, 2], [4, 2], [0.9, 0.2, 0.4, 0.6, 0.1, 0.7, 0.5, 0.5], [1, 0, 1, 1, 0, 0, 1, 0]),
        (.binaryCrossentropy(fromLogits: true), [4, 1], [4, 1], [2, -1, 0.3, -0.2], [1, 0, 0, 1]),
        (.meanSquaredError, [4, 2], [4, 2], [0.5, 1, -1, 2, 0, 0, 3, 1], [1, 1, 0, 0, 0, 1, 2, 2]),
    ]

    @Test func weightedLossesMatchPerSampleTwin() throws {
        let weights: [Float] = [2, 0, 0.5, 1.5]
        for (loss, pShape, tShape, p, t) in Self.cases {
            let predictions = try Tensor(shape: Shape(pShape), floats: p)
            let targets = try Tensor(shape: Shape(tShape), floats: t)
            let (value, gradient) = try loss.valueAndGradient(predictions: predictions, targets: targets, weights: weights)
            var naive = 0.0
            let g = gradient.floatArray
            let width = p.count / 4
            for i in 0..<4 {
                let (li, gi) = try loss.valueAndGradient(predictions: try Self.rows(predictions, i), targets: try Self.rows(targets, i))
                naive += Double(weights[i]) * li
                for (j, v) in gi.floatArray.enumerated() {
                    #expect(abs(g[i * width + j] - weights[i] * v / 4) < 1e-6, "\(loss) gradient of sample \(i)")
                }
            }
            #expect(abs(value - naive / 4) < 1e-9, "\(loss)")
            #expect(abs(try loss.value(predictions: predictions, targets: targets, weights: weights) - naive / 4) < 1e-9)
            // Weights of 1 change nothing.
            #expect(abs(try loss.value(predictions: predictions, targets: targets, weights: [1, 1, 1, 1])
                        - (try loss.value(predictions: predictions, targets: targets))) < 1e-12)
        }
        #expect(throws: LayerError.self) {
            try Loss.meanSquaredError.value(predictions: try Tensor(zeros: [4, 1]), targets: try Tensor(zeros: [4, 1]), weights: [1, 2])
        }
    }

    @Test func initialEpochCountsOnAndValidationFrequencySkipsEpochs() throws {
        let (x, y) = try FitTests.data(32, seed: 3)
        let m = try FitTests.model()
        var options = FitOptions()
        options.batchSize = 8
        options.epochs = 6
        options.initialEpoch = 2
        options.validationSplit = 0.25
        options.validationFrequency = .every(2)
        let history = try m.fit(x: x, y: y, options: options)
        #expect(history.epochs == [2, 3, 4, 5])
        #expect(history.values("loss")!.count == 4)
        #expect(history.values("val_loss")!.count == 2)   // after epochs 4 and 6 (1-based)
        options.initialEpoch = 6
        #expect(try m.fit(x: x, y: y, options: options).epochs == [])
    }

    @Test func classWeightOfOneChangesNothingAndZeroWeightIgnoresAClass() throws {
        let (x, y) = try FitTests.data(32, seed: 4)
        var options = FitOptions()
        options.batchSize = 8
        options.epochs = 2
        options.shuffle = false
        let plain = try FitTests.model().fit(x: x, y: y, options: options)
        options.classWeight = [0: 1, 1: 1]
        let ones = try FitTests.model().fit(x: x, y: y, options: options)
        #expect(plain.values("loss") == ones.values("loss"))
        options.classWeight = nil
        options.sampleWeight = Array(repeating: 1, count: 32)
        #expect(try FitTests.model().fit(x: x, y: y, options: options).values("loss") == plain.values("loss"))
        options.sampleWeight = nil
        options.classWeight = [0: 0, 1: 0]
        let zero = try FitTests.model().fit(x: x, y: y, options: options)
        #expect(zero.values("loss")!.allSatisfy { $0 == 0 })
    }
}
