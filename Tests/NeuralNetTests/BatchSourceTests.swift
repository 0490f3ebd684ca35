import NeuralNet
import Tensor
import Testing

/// fit on a BatchSource: the array path and a source giving the same batches train alike, a
/// pass ends with endPass, steps_per_epoch reads on across passes, and running out is reported.
@Suite struct BatchSourceTests {
    /// The same rows as ArrayBatches without shuffling, counting passes and their ends.
    final class CountingSource: BatchSource {
        let x: Tensor, y: Tensor, batchSize: Int, passLimit: Int?
        var starts = 0, ends = 0
        private var batches: ArrayBatches
        init(_ x: Tensor, _ y: Tensor, batchSize: Int, passLimit: Int? = nil) {
            self.x = x; self.y = y; self.batchSize = batchSize; self.passLimit = passLimit
            batches = ArrayBatches(x: x, y: y, batchSize: batchSize)
        }
        var batchCount: Int? { (x.shape[0] + batchSize - 1) / batchSize }
        func startPass(epoch: Int) throws { starts += 1; try batches.startPass(epoch: epoch) }
        func nextBatch() throws -> SourceBatch? {
            if let passLimit, starts > passLimit { return nil }
            return try batches.nextBatch()
        }
        func endPass() throws { ends += 1 }
    }

    static func options(epochs: Int) -> FitOptions {
        var o = FitOptions()
        o.batchSize = 16
        o.epochs = epochs
        o.shuffle = false
        return o
    }

    @Test func aSourceTrainsAsTheSameArraysDo() throws {
        let (x, y) = try FitTests.data(48, seed: 3)
        let a = try FitTests.model(seed: 5), b = try FitTests.model(seed: 5)
        let viaArrays = try a.fit(x: x, y: y, options: Self.options(epochs: 3))
        let source = CountingSource(x, y, batchSize: 16)
        let viaSource = try b.fit(source: source, options: Self.options(epochs: 3))
        #expect(viaArrays.values("loss")! == viaSource.values("loss")!)
        let pa = try a.predict(x: x), pb = try b.predict(x: x)
        #expect(pa.floatArray == pb.floatArray)
        #expect(source.starts == 3 && source.ends == 3)
    }

    @Test func stepsPerEpochReadsOnAcrossPassesAsKeras3Does() throws {
        let (x, y) = try FitTests.data(48, seed: 3)
        let m = try FitTests.model()
        var options = Self.options(epochs: 3)
        options.stepsPerEpoch = 3              // a whole pass per epoch: a new pass each epoch, no warning
        let whole = CountingSource(x, y, batchSize: 16)
        let history = try m.fit(source: whole, options: options)
        #expect(history.epochs == [0, 1, 2] && history.ranOutOfData == nil)
        #expect(whole.starts == 3 && whole.ends == 3)

        options.epochs = 2
        options.stepsPerEpoch = 2              // epoch 2 reads the pass's last batch, runs out, ends short
        let partial = CountingSource(x, y, batchSize: 16)
        let short = try m.fit(source: partial, options: options)
        #expect(short.epochs == [0, 1])
        #expect(short.ranOutOfData?.hasPrefix("UserWarning: Your input ran out of data") == true)
        #expect(partial.starts == 1 && partial.ends == 1)

        options.epochs = 4
        options.stepsPerEpoch = 3
        let once = CountingSource(x, y, batchSize: 16, passLimit: 1)   // a second pass gives nothing
        #expect(try m.fit(source: once, options: options).epochs == [0])
    }

    @Test func anEndlessSourceNeedsStepsPerEpoch() throws {
        final class Endless: BatchSource {
            var batchCount: Int? { nil }
            func startPass(epoch: Int) throws {}
            func nextBatch() throws -> SourceBatch? { nil }
        }
        let m = try FitTests.model()
        #expect(throws: LayerError.self) { try m.fit(source: Endless(), options: Self.options(epochs: 1)) }
    }

    @Test func rescalingScalesValuesAndGradients() throws {
        let s = Session(seed: 1)
        var rng = SeededGenerator(seed: 2)
        let layer = try Rescaling(scale: 1.0 / 255, offset: -1, session: s)
        let x = try Tensor(shape: [1, 3], floats: [0, 127.5, 255])
        let y = try layer(x, training: false)
        #expect(y.floatArray.elementsEqual([-1, -0.5, 0]) { abs($0 - $1) < 1e-6 })
        try GradientCheck.layer(try Rescaling(scale: 0.5, offset: 2, session: s), input: GradientCheck.random([2, 5], &rng))
    }
}
