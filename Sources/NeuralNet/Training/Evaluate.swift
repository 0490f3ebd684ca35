import Tensor

extension Sequential {
    /// `model.evaluate(x, y, batch_size=32)`: the loss and the metrics over all samples, in
    /// inference mode (Dropout off, BatchNormalization on its moving statistics). Returns the
    /// logs sorted by name, as Keras 3 on TensorFlow returns them (`accuracy`, `loss`, `mse`).
    /// `sampleWeight` (one per sample) weights the loss and the weighted metrics.
    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 32, sampleWeight: [Float]? = nil,
                         observer: TrainingObserver? = nil) throws -> [TrainingProgress.Log] {
        let setup = try requireCompiled()
        try checkCardinality(x, y)
        guard batchSize > 0 else {
            throw LayerError.value("Expected `batch_size` to be a positive integer. Received: batch_size=\(batchSize)",
                                   argument: "batch_size")
        }
        try checkInput(x, allowIntegers: true)
        try setup.loss.checkTargets(y, predictionShape: predictionShape(samples: x.shape[0]))
        if let w = sampleWeight, w.count != x.shape[0] {
            throw LayerError.value("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. "
                                   + "'x' sizes: \(x.shape[0]), 'sample_weight' sizes: \(w.count)", argument: "sample_weight")
        }
        defer { releaseBatchMemory() }
        return try evaluateLogs(source: ArrayBatches(x: x, y: y, batchSize: batchSize, weights: sampleWeight), setup: setup,
                                observer: observer, checked: true)
    }

    /// `model.evaluate(dataset)`: the loss and metrics over the batches of one pass of `source`
    /// (or its first `steps` batches).
    public func evaluate(source: BatchSource, steps: Int? = nil, observer: TrainingObserver? = nil) throws -> [TrainingProgress.Log] {
        let setup = try requireCompiled()
        defer { releaseBatchMemory() }
        return try evaluateLogs(source: source, steps: steps, setup: setup, observer: observer, checked: false)
    }

    func evaluateLogs(source: BatchSource, steps limit: Int? = nil, setup: CompileSetup,
                      observer: TrainingObserver?, checked: Bool) throws -> [TrainingProgress.Log] {
        guard let steps = limit ?? source.batchCount else {
            throw LayerError.value("When providing an infinite dataset, you must specify the number of steps to run "
                                   + "(if you did not intend to create an infinite dataset, make sure to not call `repeat()` "
                                   + "on the dataset).", argument: "steps")
        }
        try source.startPass(epoch: 1)
        var running = RunningLogs(setup)
        let penalty = regularizationLoss  // Keras's evaluate reports the loss with `model.losses` too
        let clock = Stopwatch()
        func progress(_ phase: TrainingProgress.Phase, _ step: Int) -> TrainingProgress {
            TrainingProgress(phase: phase, kind: .evaluate, epoch: 1, epochs: 1, step: step, steps: steps,
                             elapsed: clock.seconds, logs: running.logs)
        }
        observer?.progress(progress(.started, 0))
        var step = 0
        while step < steps {
            if observer?.shouldStop == true {
                observer?.progress(progress(.interrupted, step))
                throw TrainingInterrupted(.evaluation, epoch: 1, step: step, steps: steps)
            }
            guard let batch = try source.nextBatch() else { break }
            let (xb, yb) = try checked ? (batch.x, batch.y!) : checkedBatch(batch, setup)
            let predictions = try self(xb, training: false)
            let weights = batch.sampleWeight
            try running.add(loss: try setup.loss.value(predictions: predictions, targets: yb, weights: weights) + penalty,
                            predictions: predictions, targets: yb, sampleWeights: weights)
            step += 1
            observer?.progress(progress(.running, step))
        }
        observer?.progress(progress(.finished, step))
        return running.logs
    }
}
