import Tensor

/// fit and evaluate for a functional model with several inputs or outputs. The total loss is
/// the sum of each output's loss times its `loss_weights` entry, plus the regularizers'
/// penalties; each output's gradient is scaled by its weight and the graph's backward pass sums
/// what flows back through merges and shared layers.
extension Sequential {
    /// `model.fit([xa, xb], [ya, yb], ...)`. `validation` is `validation_data`; without it,
    /// `options.validationSplit` keeps the last samples. The options' `sampleWeight` and
    /// `validationData` are not read: weights travel in `data` and `validation`.
    public func fitMulti(_ data: MultiArrays, validation: MultiArrays? = nil, options: FitOptions = FitOptions(),
                         observer: TrainingObserver? = nil) throws -> TrainingHistory {
        let setup = try requireCompiled()
        guard let graph else { throw LayerError.value("fitMulti trains functional models; \"\(name)\" is Sequential.") }
        let outputs = setup.perOutput(names: outputNames)
        try checkMulti(data, outputs)
        try options.check()
        guard options.initialEpoch >= 0 else {
            throw LayerError.value("Expected `initial_epoch` to be a non-negative integer. Received: initial_epoch=\(options.initialEpoch)",
                                   argument: "initial_epoch")
        }
        let n = data.count
        let trainCount = options.validationSplit > 0 ? Int((Double(n) * (1 - options.validationSplit)).rounded(.down)) : n
        var validation = validation
        if validation == nil, trainCount < n { validation = try data.tail(from: trainCount) }
        if let validation { try checkMulti(validation, outputs, what: "validation_data") }
        guard trainCount > 0 else {
            throw LayerError.value("Expected at least one training sample, received none"
                                   + (trainCount < n ? " after keeping \(n - trainCount) for validation_split." : "."),
                                   argument: "x")
        }
        if options.classWeight != nil {
            guard outputs.count == 1 else {
                throw LayerError.value("`class_weight` is only supported for Models with a single output.", argument: "class_weight",
                                       hint: "Weight the samples of each output with sample_weight=[w_a, w_b] instead.")
            }
            if let y = data.ys[0] { try ClassWeights.check(targets: y) }
        }
        let names = OutputLogNames(outputs)
        let steps = (trainCount + options.batchSize - 1) / options.batchSize
        var history = TrainingHistory()
        var finished: [TrainingProgress.Epoch] = []
        defer {
            graph.releaseTrainingState()
            for layer in layers { layer.releaseTrainingState() }
            releaseBatchMemory()
        }
        let firstEpoch = options.initialEpoch + 1
        for epoch in firstEpoch...max(options.epochs, firstEpoch) where options.epochs >= firstEpoch {
            let order = options.shuffle ? Batches.shuffled(trainCount, &session.generator) : Array(0..<trainCount)
            var running = MultiRunningLogs(outputs, names)
            let clock = Stopwatch()
            func progress(_ phase: TrainingProgress.Phase, step: Int, message: String? = nil) -> TrainingProgress {
                TrainingProgress(phase: phase, epoch: epoch, epochs: options.epochs, step: step, steps: steps,
                                 elapsed: clock.seconds, logs: running.logs, finishedEpochs: finished, message: message)
            }
            if epoch == firstEpoch { observer?.progress(progress(.started, step: 0)) }
            for step in 0..<steps {
                if observer?.shouldStop == true {
                    let stop = TrainingInterrupted(epoch: epoch, step: step, steps: steps)
                    observer?.progress(progress(.interrupted, step: step, message: "KeyboardInterrupt: \(stop)"))
                    throw stop
                }
                let start = step * options.batchSize
                var batch = try data.rows(order[start..<min(trainCount, start + options.batchSize)])
                if let classWeight = options.classWeight, let y = batch.ys[0] {
                    batch.weights[0] = try ClassWeights.sampleWeights(y, classWeight)
                }
                let predictions = try graph.forward(batch.xs, training: true)
                let (values, gradients, dataLoss) = try lossesAndGradients(outputs, predictions, batch)
                let loss = dataLoss + regularizationLoss
                guard loss.isFinite else {
                    let warning = "Warning: the loss became \(loss.isNaN ? "nan" : "inf") at epoch \(epoch), step "
                        + "\(step + 1) of \(steps); training stopped before that step changed the weights. Try a smaller "
                        + "learning rate, or check the data for values that are not numbers."
                    history.stoppedOnNaN = warning
                    observer?.progress(progress(.stoppedOnNaN, step: step, message: warning))
                    return history
                }
                try running.add(loss: loss, outputLosses: values, predictions: predictions, batch: batch)
                try graph.backward(gradients)
                try applyGradients(setup.optimizer)
                observer?.progress(progress(.running, step: step + 1))
            }
            let trainLogs = running.logs
            var valLogs: [TrainingProgress.Log] = []
            if let validation, options.validationFrequency.validates(after: epoch) {
                valLogs = try evaluateMultiLogs(validation, outputs, names, batchSize: options.batchSize, observer: nil)
                    .map { TrainingProgress.Log("val_" + $0.name, $0.value) }
            }
            // Keras on TensorFlow lists the logs by name; History's keys are all sorted, the
            // progress line shows the training logs, then the validation ones.
            let logs = trainLogs + valLogs
            history.record(epoch: epoch - 1, logs: logs.sorted { $0.name < $1.name })
            finished.append(TrainingProgress.Epoch(number: epoch, steps: steps, seconds: clock.seconds, logs: logs))
            var ended = progress(.epochEnded, step: steps)
            ended.logs = logs
            observer?.progress(ended)
            if observer?.stopAfterEpoch == true { break }
        }
        if let last = finished.last {
            observer?.progress(TrainingProgress(phase: .finished, epoch: last.number, epochs: options.epochs,
                                                step: last.steps, steps: last.steps, elapsed: last.seconds,
                                                logs: last.logs, finishedEpochs: finished))
        }
        return history
    }

    /// `model.evaluate([xa, xb], [ya, yb])`: the logs sorted by name, as Keras's
    /// `return_dict=True` gives them; `evaluateListOrder` orders them as its list.
    public func evaluateMulti(_ data: MultiArrays, batchSize: Int = 32, observer: TrainingObserver? = nil) throws -> [TrainingProgress.Log] {
        let setup = try requireCompiled()
        let outputs = setup.perOutput(names: outputNames)
        try checkMulti(data, outputs)
        guard batchSize > 0 else {
            throw LayerError.value("Expected `batch_size` to be a positive integer. Received: batch_size=\(batchSize)",
                                   argument: "batch_size")
        }
        defer { releaseBatchMemory() }
        return try evaluateMultiLogs(data, outputs, OutputLogNames(outputs), batchSize: batchSize, observer: observer)
    }

    /// The order of evaluate's list for this model's logs (Keras's `_flatten_metrics_in_order`).
    public func evaluateListOrder(_ logs: [TrainingProgress.Log]) throws -> [TrainingProgress.Log] {
        OutputLogNames(try requireCompiled().perOutput(names: outputNames)).listOrder(logs)
    }

    func evaluateMultiLogs(_ data: MultiArrays, _ outputs: [OutputCompile], _ names: OutputLogNames, batchSize: Int,
                           observer: TrainingObserver?) throws -> [TrainingProgress.Log] {
        guard let graph else { return [] }
        let n = data.count
        let steps = (n + batchSize - 1) / batchSize
        var running = MultiRunningLogs(outputs, names)
        let penalty = regularizationLoss
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
            let start = step * batchSize
            let batch = try data.rows(Array(start..<min(n, start + batchSize))[...])
            let predictions = try graph.forward(batch.xs, training: false)
            var values: [Double?] = [], total = penalty
            for (i, output) in outputs.enumerated() {
                guard let loss = output.loss, let y = batch.ys[i] else { values.append(nil); continue }
                let v = try loss.value(predictions: predictions[i], targets: y, weights: batch.weights[i])
                values.append(v)
                total += (output.weight ?? 1) * v
            }
            try running.add(loss: total, outputLosses: values, predictions: predictions, batch: batch)
            observer?.progress(progress(.running, step + 1))
        }
        observer?.progress(progress(.finished, steps))
        return running.logs
    }

    /// Each output's loss and its gradient scaled by the output's weight (nil for an output
    /// without a loss), and the weighted sum of the losses.
    func lossesAndGradients(_ outputs: [OutputCompile], _ predictions: [Tensor], _ batch: MultiArrays) throws
        -> (values: [Double?], gradients: [Tensor?], total: Double) {
        var values: [Double?] = [], gradients: [Tensor?] = [], total = 0.0
        for (i, output) in outputs.enumerated() {
            guard let loss = output.loss, let y = batch.ys[i] else { values.append(nil); gradients.append(nil); continue }
            let (v, g) = try loss.valueAndGradient(predictions: predictions[i], targets: y, weights: batch.weights[i])
            let w = output.weight ?? 1
            if w != 1 {
                let f = g.floats, s = Float(w)
                for k in 0..<f.count { f[k] *= s }
            }
            values.append(v); gradients.append(g)
            total += w * v
        }
        return (values, gradients, total)
    }
}

/// The running logs of a model with several outputs over an epoch: the total loss as the mean
/// of the batches' losses weighted by their sizes (Keras's loss tracker), each output's loss as
/// the plain mean of its batches' values (Keras's per-output `Mean` on the TensorFlow backend
/// gets no batch size, because the traced batch axis is unknown), and each metric's state.
struct MultiRunningLogs {
    let outputs: [OutputCompile]
    let names: OutputLogNames
    private var samples = 0, batches = 0
    private var lossSum = 0.0
    private var outputLossSums: [Double]
    private var states: [[MetricState]]
    private var weightedStates: [[MetricState]]

    init(_ outputs: [OutputCompile], _ names: OutputLogNames) {
        self.outputs = outputs
        self.names = names
        outputLossSums = outputs.map { _ in 0 }
        states = outputs.map { $0.metrics.map { MetricState($0.metric) } }
        weightedStates = outputs.map { $0.weightedMetrics.map { MetricState($0.metric) } }
    }

    mutating func add(loss: Double, outputLosses: [Double?], predictions: [Tensor], batch: MultiArrays) throws {
        let b = batch.count
        samples += b
        batches += 1
        lossSum += loss * Double(b)
        for (i, v) in outputLosses.enumerated() { if let v { outputLossSums[i] += Double(Float(v)) } }
        for o in outputs.indices {
            guard let y = batch.ys[o] else { continue }
            for k in states[o].indices { try states[o][k].update(predictions: predictions[o], targets: y) }
            for k in weightedStates[o].indices {
                try weightedStates[o][k].update(predictions: predictions[o], targets: y, sampleWeights: batch.weights[o])
            }
        }
    }

    /// Every log, sorted by name as Keras on TensorFlow returns them; float32 values as Keras keeps.
    var logs: [TrainingProgress.Log] {
        var out = [TrainingProgress.Log("loss", Double(Float(lossSum / Double(max(samples, 1)))))]
        for (o, name) in names.losses.enumerated() {
            if let name { out.append(.init(name, Double(Float(outputLossSums[o] / Double(max(batches, 1)))))) }
        }
        for o in outputs.indices {
            for (name, state) in zip(names.metrics[o], states[o]) { out.append(.init(name, state.result)) }
            for (name, state) in zip(names.weightedMetrics[o], weightedStates[o]) { out.append(.init(name, state.result)) }
        }
        return out.sorted { $0.name < $1.name }
    }
}
