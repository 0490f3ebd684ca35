import Tensor

extension Sequential {
    /// `model.evaluate(x, y, batch_size=32)`: the loss and the metrics over all samples, in
    /// inference mode (Dropout off, BatchNormalization on its moving statistics). Returns the
    /// logs in Keras 3's order: metrics, then `loss`.
    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 32,
                         observer: TrainingObserver? = nil) throws -> [TrainingProgress.Log] {
        let setup = try requireCompiled()
        try checkCardinality(x, y)
        guard batchSize > 0 else {
            throw LayerError.value("Expected `batch_size` to be a positive integer. Received: batch_size=\(batchSize)",
                                   argument: "batch_size")
        }
        try checkInput(x, allowIntegers: true)
        try setup.loss.checkTargets(y, predictionShape: predictionShape(samples: x.shape[0]))
        defer { releaseBatchMemory() }
        return try evaluateLogs(x: x, y: y, batchSize: batchSize, setup: setup, observer: observer)
    }

    func evaluateLogs(x: Tensor, y: Tensor, batchSize: Int, setup: CompileSetup,
                      observer: TrainingObserver?) throws -> [TrainingProgress.Log] {
        let n = x.shape[0]
        let steps = (n + batchSize - 1) / batchSize
        var running = RunningLogs(setup)
        let clock = Stopwatch()
        func progress(_ phase: TrainingProgress.Phase, _ step: Int) -> TrainingProgress {
            TrainingProgress(phase: phase, kind: .evaluate, epoch: 1, epochs: 1, step: step, steps: steps,
                             elapsed: clock.seconds, logs: running.logs)
        }
        observer?.progress(progress(.started, 0))
        for step in 0..<steps {
            if observer?.shouldStop == true {
                observer?.progress(progress(.interrupted, step))
                throw TrainingInterrupted(.evaluation, epoch: 1, step: step, steps: steps)
            }
            let rows = (step * batchSize)..<min((step + 1) * batchSize, n)
            let xb = try Batches.gather(x, Array(rows)[...], asFloat: true)
            let yb = try Batches.gather(y, Array(rows)[...], asFloat: false)
            let predictions = try self(xb, training: false)
            try running.add(loss: try setup.loss.value(predictions: predictions, targets: yb),
                            predictions: predictions, targets: yb)
            observer?.progress(progress(.running, step + 1))
        }
        observer?.progress(progress(.finished, steps))
        return running.logs
    }
}
