import NeuralNet
import Tensor
import Testing

/// fit/evaluate on a tiny problem the model must learn: 4x4 images, bright top half (class 0)
/// or bright bottom half (class 1), with noise.
@Suite struct FitTests {
    static func data(_ n: Int, seed: UInt64) throws -> (Tensor, Tensor) {
        var g = SeededGenerator(seed: seed)
        var pixels: [Float] = []
        var labels: [UInt8] = []
        for i in 0..<n {
            let label = i % 2
            for r in 0..<4 {
                for _ in 0..<4 {
                    let bright = (r < 2) == (label == 0)
                    pixels.append((bright ? 0.8 : 0.1) + g.uniformFloat(-0.1, 0.1))
                }
            }
            labels.append(UInt8(label))
        }
        return (try Tensor(shape: [n, 4, 4, 1], floats: pixels), try Tensor(shape: [n], bytes: labels))
    }

    static func model(seed: UInt64 = 7, learningRate: Double = 0.05) throws -> Sequential {
        let s = Session(seed: seed)
        let m = try Sequential(layers: [
            try Conv2D(filters: 4, kernelSize: 3, activation: "relu", inputShape: [4, 4, 1], session: s),
            try Flatten(session: s),
            try Dense(units: 2, activation: "softmax", session: s),
        ], session: s)
        try m.compile(optimizer: try Adam(learningRate: learningRate), loss: .sparseCategoricalCrossentropy(fromLogits: false),
                      metrics: ["accuracy"])
        return m
    }

    final class Recorder: TrainingObserver {
        var phases: [TrainingProgress.Phase] = []
        var last: TrainingProgress?
        var stopAfter: Int?
        func progress(_ p: TrainingProgress) { phases.append(p.phase); last = p }
        var shouldStop: Bool { stopAfter.map { phases.count > $0 } ?? false }
    }

    @Test func learnsTheTinyProblemAndRecordsKerasHistory() throws {
        let (x, y) = try Self.data(64, seed: 1)
        let m = try Self.model()
        var options = FitOptions()
        options.batchSize = 16
        options.epochs = 12
        let history = try m.fit(x: x, y: y, options: options)
        #expect(history.history.map(\.name) == ["accuracy", "loss"])
        #expect(history.epochs == Array(0..<12))
        let loss = history.values("loss")!
        #expect(loss.count == 12 && loss.last! < loss.first! * 0.5)
        #expect(history.values("accuracy")!.last! >= 0.9)
        let (tx, ty) = try Self.data(32, seed: 2)
        let logs = try m.evaluate(x: tx, y: ty)
        #expect(logs.map(\.name) == ["accuracy", "loss"])
        #expect(logs[0].value >= 0.9)
        #expect((m.summary().optimizerParams ?? 0) >= 2 * m.trainableWeights.reduce(0) { $0 + $1.count })
    }

    @Test func validationSplitAddsValKeysAndUsesTheFirstPartForTraining() throws {
        let (x, y) = try Self.data(64, seed: 3)
        let m = try Self.model()
        var options = FitOptions()
        options.batchSize = 16
        options.epochs = 2
        options.validationSplit = 0.25
        let recorder = Recorder()
        let history = try m.fit(x: x, y: y, options: options, observer: recorder)
        #expect(history.history.map(\.name) == ["accuracy", "loss", "val_accuracy", "val_loss"])
        #expect(recorder.last?.steps == 3)
        #expect(recorder.last?.phase == .finished)
        #expect(recorder.last?.finishedEpochs.count == 2)
    }

    @Test func progressArrivesInOrder() throws {
        let (x, y) = try Self.data(40, seed: 4)
        let m = try Self.model()
        var options = FitOptions()
        options.batchSize = 16
        options.epochs = 2
        let recorder = Recorder()
        _ = try m.fit(x: x, y: y, options: options, observer: recorder)
        let epoch: [TrainingProgress.Phase] = [.running, .running, .running, .epochEnded]
        #expect(recorder.phases == [.started] + epoch + epoch + [.finished])
    }

    @Test func stoppingKeepsTheStepsDoneAndTheModelUsable() throws {
        let (x, y) = try Self.data(64, seed: 5)
        let m = try Self.model()
        let before = m.weights.map { $0.value.floatArray }
        var options = FitOptions()
        options.batchSize = 8
        options.epochs = 3
        let recorder = Recorder()
        recorder.stopAfter = 2  // stop once started + 2 batches have been reported
        let error = #expect(throws: TrainingInterrupted.self) { _ = try m.fit(x: x, y: y, options: options, observer: recorder) }
        #expect(error?.epoch == 1 && error?.step == 2 && error?.steps == 8)
        #expect(recorder.phases.last == .interrupted)
        #expect(m.weights.map { $0.value.floatArray } != before)
        _ = try m.evaluate(x: x, y: y)
        options.epochs = 1
        _ = try m.fit(x: x, y: y, options: options)
    }

    /// predict reports its batches as evaluate does (no logs), returns what model(x) gives, and
    /// stops between batches when asked, changing no weights.
    @Test func predictReportsStepsAndStops() throws {
        let (x, _) = try Self.data(40, seed: 8)
        let m = try Self.model()
        let recorder = Recorder()
        let y = try m.predict(x: x, batchSize: 16, observer: recorder)
        #expect(recorder.phases == [.started, .running, .running, .running, .finished])
        #expect(recorder.last?.steps == 3 && recorder.last?.isEvaluation == true && recorder.last?.logs.isEmpty == true)
        #expect(y.floatArray == (try m(x)).floatArray)

        let single = Recorder()
        _ = try m.predict(x: x, batchSize: 64, observer: single)
        #expect(single.phases == [.started, .finished] && single.last?.steps == 1)

        let before = m.weights.map { $0.value.floatArray }
        let stopping = Recorder()
        stopping.stopAfter = 2  // stop once started + 2 batches have been reported
        let error = #expect(throws: TrainingInterrupted.self) { _ = try m.predict(x: x, batchSize: 8, observer: stopping) }
        #expect(error?.task == .prediction && error?.step == 2 && error?.steps == 5)
        #expect(error?.description == "prediction was interrupted after 2 of 5 steps")
        #expect(stopping.phases.last == .interrupted)
        #expect(m.weights.map { $0.value.floatArray } == before)
    }

    @Test func aLossThatIsNotANumberStopsBeforeTheUpdate() throws {
        var (x, y) = try Self.data(32, seed: 6)
        var values = x.floatArray
        values[20 * 16 + 3] = .nan
        x = try Tensor(shape: x.shape, floats: values)
        let m = try Self.model()
        let before = m.weights.map { $0.value.floatArray }
        var options = FitOptions()
        options.batchSize = 32
        options.epochs = 3
        options.shuffle = false
        let recorder = Recorder()
        let history = try m.fit(x: x, y: y, options: options, observer: recorder)
        let warning = try #require(history.stoppedOnNaN)
        #expect(warning.contains("the loss became nan at epoch 1, step 1 of 1"))
        #expect(recorder.phases.last == .stoppedOnNaN)
        #expect(history.epochs.isEmpty)
        #expect(m.weights.map { $0.value.floatArray } == before)
        _ = y
    }

    @Test func fitNeedsCompileAndMatchingSampleCounts() throws {
        let s = Session(seed: 1)
        let m = try Sequential(layers: [try Dense(units: 2, inputShape: [3], session: s)], session: s)
        let x = try Tensor(zeros: [4, 3])
        let y = try Tensor(zeros: [4], dtype: .uint8)
        let e1 = #expect(throws: LayerError.self) { _ = try m.fit(x: x, y: y) }
        #expect(e1?.message.hasPrefix("You must call `compile()` before using the model") == true)
        try m.compile(optimizer: try SGD(), loss: .meanSquaredError)
        let e2 = #expect(throws: LayerError.self) { _ = try m.fit(x: x, y: try Tensor(zeros: [3, 2])) }
        #expect(e2?.message.contains("'x' sizes: 4, 'y' sizes: 3") == true)
    }

    @Test func integerImagesAreConvertedBatchByBatch() throws {
        let s = Session(seed: 2)
        let m = try Sequential(layers: [try Flatten(inputShape: [2, 2], session: s),
                                        try Dense(units: 2, activation: "softmax", session: s)], session: s)
        try m.compile(optimizer: try Adam(), loss: .sparseCategoricalCrossentropy(fromLogits: false), metrics: ["accuracy"])
        let x = try Tensor(shape: [4, 2, 2], bytes: [0, 255, 0, 255, 255, 0, 255, 0, 0, 255, 0, 255, 255, 0, 255, 0])
        let y = try Tensor(shape: [4], bytes: [0, 1, 0, 1])
        let history = try m.fit(x: x, y: y)
        #expect(history.values("loss")?.first?.isFinite == true)
    }
}
