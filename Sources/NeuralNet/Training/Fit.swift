import Tensor

/// `fit`'s keyword arguments, with Keras's defaults.
public struct FitOptions {
    public var batchSize = 32
    public var epochs = 1
    public var shuffle = true
    /// The fraction of the data, taken from the end before shuffling as Keras does, kept for validation.
    public var validationSplit = 0.0
    public var validationData: (x: Tensor, y: Tensor)?
    /// Batches per epoch for a dataset (Keras's `steps_per_epoch`); nil: one pass per epoch.
    public var stepsPerEpoch: Int?
    /// `validation_data` given as a dataset rather than arrays.
    public var validationSource: BatchSource?
    /// Time every layer's forward and backward pass (TrainingHistory.profile).
    public var profile = false
    /// `sample_weight=`: one weight per sample of `x`, multiplying its loss and its score in the
    /// weighted metrics. With `validation_split`, the last ones go with the validation samples.
    public var sampleWeight: [Float]?
    /// `class_weight=`: the weight of each class, given to every training sample of that class
    /// (classes not named weigh 1). Validation is not weighted by class.
    public var classWeight: [Int: Double]?
    /// The weights of `validationData`'s samples (the third item of `validation_data`).
    public var validationSampleWeight: [Float]?
    /// `validation_freq=`: validate after every n-th epoch, or after the epochs listed (1-based).
    public var validationFrequency: ValidationFrequency = .every(1)
    /// `initial_epoch=`: the epochs done already; training runs epochs initialEpoch+1 ... epochs.
    public var initialEpoch = 0
    public init() {}

    /// Keras's checks of `batch_size`, `epochs` and `validation_split`.
    func check() throws {
        guard batchSize > 0 else {
            throw LayerError.value("Expected `batch_size` to be a positive integer. Received: batch_size=\(batchSize)", argument: "batch_size")
        }
        guard epochs >= 0 else {
            throw LayerError.value("Expected `epochs` to be a non-negative integer. Received: epochs=\(epochs)", argument: "epochs")
        }
        guard validationSplit >= 0, validationSplit < 1 else {
            throw LayerError.value("`validation_split` must be a float between 0 and 1 (1 excluded). "
                                   + "Received: validation_split=\(validationSplit)", argument: "validation_split")
        }
    }
}

/// When fit validates: `validation_freq=2` (after epochs 2, 4, ...) or `validation_freq=[1, 5]`.
public enum ValidationFrequency: Equatable, Sendable {
    case every(Int)
    case epochs([Int])

    /// Whether to validate after `epoch` (1-based), as Keras's `_should_eval`.
    public func validates(after epoch: Int) -> Bool {
        switch self {
        case .every(let n): return n > 0 && epoch % n == 0
        case .epochs(let list): return list.contains(epoch)
        }
    }
}

extension Sequential {
    /// `model.fit(x, y, ...)`: trains on mini-batches for `epochs` epochs and returns the
    /// history. Reports to `observer` after every batch; throws `TrainingInterrupted` when the
    /// observer asks to stop (the weights keep what the finished batches taught them). A loss
    /// that is not a finite number stops training before that batch's update, with the warning
    /// in `TrainingHistory.stoppedOnNaN`.
    public func fit(x: Tensor, y: Tensor, options: FitOptions = FitOptions(),
                    observer: TrainingObserver? = nil) throws -> TrainingHistory {
        let setup = try requireCompiled()
        try checkCardinality(x, y)
        try options.check()
        try checkInput(x, allowIntegers: true)
        let n = x.shape[0]
        let trainCount = options.validationSplit > 0 ? Int((Double(n) * (1 - options.validationSplit)).rounded(.down)) : n
        var validation = options.validationData
        var validationWeights = options.validationSampleWeight
        if let w = options.sampleWeight, w.count != n {
            throw LayerError.value("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. "
                                   + "'x' sizes: \(n), 'sample_weight' sizes: \(w.count)", argument: "sample_weight")
        }
        if validation == nil, trainCount < n {
            let rest = Array(trainCount..<n)[...]
            validation = (try Batches.gather(x, rest, asFloat: false), try Batches.gather(y, rest, asFloat: false))
            validationWeights = options.sampleWeight.map { Array($0[trainCount..<n]) }
        }
        if let (vx, vy) = validation {
            try checkCardinality(vx, vy, what: "validation_data")
            try checkInput(vx, allowIntegers: true)
        }
        guard trainCount > 0 else {
            throw LayerError.value("Expected at least one training sample, received none"
                                   + (trainCount < n ? " after keeping \(n - trainCount) for validation_split." : "."),
                                   argument: "x")
        }
        try setup.loss.checkTargets(y, predictionShape: predictionShape(samples: n))
        if options.classWeight != nil { try ClassWeights.check(targets: y) }
        let source = ArrayBatches(x: x, y: y, count: trainCount, batchSize: options.batchSize,
                                  shuffle: options.shuffle, session: session, weights: options.sampleWeight)
        let arrays = validation.map { ArrayBatches(x: $0.x, y: $0.y, batchSize: options.batchSize, weights: validationWeights) }
        return try fit(source: source, validation: options.validationSource ?? arrays, options: options, observer: observer,
                       checked: true, validationChecked: options.validationSource == nil)
    }

    /// `model.fit(dataset, ...)`: trains on the batches of `source`, a pass per epoch, or
    /// `options.stepsPerEpoch` batches per epoch reading on through the passes. Each batch is
    /// checked against the model as it arrives (`checked`: the arrays' were checked whole).
    public func fit(source: BatchSource, validation: BatchSource? = nil, options: FitOptions = FitOptions(),
                    observer: TrainingObserver? = nil, checked: Bool = false,
                    validationChecked: Bool = false) throws -> TrainingHistory {
        let setup = try requireCompiled()
        guard options.epochs >= 0 else {
            throw LayerError.value("Expected `epochs` to be a non-negative integer. Received: epochs=\(options.epochs)",
                                   argument: "epochs")
        }
        if let s = options.stepsPerEpoch, s <= 0 {
            throw LayerError.value("Expected `steps_per_epoch` to be a positive integer. Received: steps_per_epoch=\(s)",
                                   argument: "steps_per_epoch")
        }
        guard let steps = options.stepsPerEpoch ?? source.batchCount else {
            throw LayerError.value("When providing an infinite dataset, you must specify the number of steps to run "
                                   + "(if you did not intend to create an infinite dataset, make sure to not call `repeat()` "
                                   + "on the dataset).", argument: "steps_per_epoch")
        }
        var history = TrainingHistory()
        var profile = options.profile ? TrainingProfile(layers: layers.map { ($0.name, $0.className) }) : nil
        var finished: [TrainingProgress.Epoch] = []
        if let graph { try requireSingle(graph, "fit") }
        defer {
            graph?.releaseTrainingState()
            for layer in layers { layer.releaseTrainingState() }
            releaseBatchMemory()
        }
        // With steps_per_epoch the passes run on across epochs, as Keras 3 reads a dataset's
        // iterator: a new pass starts after an epoch that used up the last one.
        var passOpen = false, seenInPass = 0

        guard options.initialEpoch >= 0 else {
            throw LayerError.value("Expected `initial_epoch` to be a non-negative integer. Received: initial_epoch=\(options.initialEpoch)",
                                   argument: "initial_epoch")
        }
        let firstEpoch = options.initialEpoch + 1
        epochs: for epoch in firstEpoch...max(options.epochs, firstEpoch) where options.epochs >= firstEpoch {
            if options.stepsPerEpoch == nil || !passOpen {
                try source.startPass(epoch: epoch)
                passOpen = true
                seenInPass = 0
            }
            var running = RunningLogs(setup)
            let clock = Stopwatch()
            func progress(_ phase: TrainingProgress.Phase, step: Int, message: String? = nil) -> TrainingProgress {
                TrainingProgress(phase: phase, epoch: epoch, epochs: options.epochs, step: step, steps: steps,
                                 elapsed: clock.seconds, logs: running.logs, finishedEpochs: finished, message: message)
            }
            if epoch == firstEpoch { observer?.progress(progress(.started, step: 0)) }
            var step = 0
            while step < steps {
                if observer?.shouldStop == true {
                    let stop = TrainingInterrupted(epoch: epoch, step: step, steps: steps)
                    observer?.progress(progress(.interrupted, step: step, message: "KeyboardInterrupt: \(stop)"))
                    throw stop
                }
                let gatherClock = Stopwatch()
                guard let batch = try source.nextBatch() else {
                    passOpen = false
                    try source.endPass()
                    if options.stepsPerEpoch == nil, step > 0 { break }
                    history.ranOutOfData = "UserWarning: Your input ran out of data; interrupting training. Make sure that "
                        + "your dataset or generator can generate at least `steps_per_epoch * epochs` batches. You may need "
                        + "to use the `.repeat()` function when building your dataset."
                    // Keras ends this epoch short and reads a new pass in the next one; a source
                    // that gives nothing at the start of an epoch ends training.
                    if step > 0 { break }
                    break epochs
                }
                seenInPass += 1
                profile?.batches += gatherClock.seconds
                let (xb, yb) = try checked ? (batch.x, batch.y!) : checkedBatch(batch, setup)
                let weights = try batch.sampleWeight ?? options.classWeight.map { try ClassWeights.sampleWeights(yb, $0) }
                let predictions = try forwardTraining(xb, profile: &profile)
                let lossClock = Stopwatch()
                let (dataLoss, gradient) = try setup.loss.valueAndGradient(predictions: predictions, targets: yb, weights: weights)
                // Keras adds the regularizers' penalties (`model.losses`) to the loss it minimises and reports.
                let loss = dataLoss + regularizationLoss
                profile?.loss += lossClock.seconds
                guard loss.isFinite else {
                    let warning = "Warning: the loss became \(loss.isNaN ? "nan" : "inf") at epoch \(epoch), step "
                        + "\(step + 1) of \(steps); training stopped before that step changed the weights. Try a smaller "
                        + "learning rate, or check the data for values that are not numbers."
                    history.stoppedOnNaN = warning
                    history.profile = profile
                    observer?.progress(progress(.stoppedOnNaN, step: step, message: warning))
                    return history
                }
                try running.add(loss: loss, predictions: predictions, targets: yb, sampleWeights: weights)
                try backwardTraining(gradient, profile: &profile)
                let stepClock = Stopwatch()
                try applyGradients(setup.optimizer)
                profile?.optimizer += stepClock.seconds
                step += 1
                observer?.progress(progress(.running, step: step))
            }
            if passOpen, options.stepsPerEpoch == nil || source.batchCount.map({ seenInPass >= $0 }) == true {
                passOpen = false
                try source.endPass()
            }
            var logs = running.logs
            if let validation, options.validationFrequency.validates(after: epoch) {
                let v = try evaluateLogs(source: validation, setup: setup, observer: nil, checked: validationChecked)
                logs += v.map { TrainingProgress.Log("val_" + $0.name, $0.value) }
            }
            history.record(epoch: epoch - 1, logs: logs)
            finished.append(TrainingProgress.Epoch(number: epoch, steps: step, seconds: clock.seconds, logs: logs))
            var ended = progress(.epochEnded, step: step)
            ended.logs = logs
            observer?.progress(ended)
            if observer?.stopAfterEpoch == true { break }
        }
        if let last = finished.last {
            observer?.progress(TrainingProgress(phase: .finished, epoch: last.number, epochs: options.epochs,
                                                step: last.steps, steps: last.steps, elapsed: last.seconds,
                                                logs: last.logs, finishedEpochs: finished))
        }
        history.profile = profile
        return history
    }

    /// A batch from a source, checked as fit checks whole arrays: inputs the model takes,
    /// targets present and matching the loss.
    func checkedBatch(_ batch: SourceBatch, _ setup: CompileSetup) throws -> (Tensor, Tensor) {
        guard let y = batch.y else {
            throw LayerError.value("The data gives inputs without targets: fit and evaluate need (x, y) batches, "
                                   + "such as a dataset of (images, labels) pairs.", argument: "x")
        }
        try checkCardinality(batch.x, y)
        try checkInput(batch.x, allowIntegers: true)
        try setup.loss.checkTargets(y, predictionShape: predictionShape(samples: batch.x.shape[0]))
        return (batch.x.dtype == .float32 ? batch.x : batch.x.converted(to: .float32), y)
    }

    /// The layers' training forward pass, timed per layer when profiling.
    private func forwardTraining(_ x: Tensor, profile: inout TrainingProfile?) throws -> Tensor {
        if let graph { return try graph.forward([x], training: true)[0] }
        var y = x
        for (i, layer) in layers.enumerated() {
            let clock = Stopwatch()
            y = try layer.forward(y, training: true)
            profile?.rows[i].forward += clock.seconds
        }
        return y
    }

    /// The backward pass in reverse; a layer computes its input gradient only when a layer
    /// before it has trainable weights (`needsInputGradient`), and the pass stops at the first
    /// layer that computes none (nothing before it has weights to update).
    private func backwardTraining(_ gradient: Tensor, profile: inout TrainingProfile?) throws {
        if let graph { _ = try graph.backward([gradient]); return }
        var g = gradient
        let needs = needsInputGradient
        for (i, layer) in layers.enumerated().reversed() {
            let clock = Stopwatch()
            let dx = try layer.backward(g, needInputGradient: needs[i])
            profile?.rows[i].backward += clock.seconds
            guard let dx else { break }
            g = dx
        }
    }

    /// One optimizer step with the gradients the last backward pass stored.
    func applyGradients(_ optimizer: Optimizer) throws {
        var weights: [Weight] = []
        var gradients: [Tensor] = []
        if trainable {
            for layer in layers where layer.trainable {
                for (w, g) in zip(layer.weights, layer.core.gradients) where w.isTrainableVariable {
                    guard let g else { continue }
                    layer.regularizer(for: w)?.addGradient(of: w.value, to: g)
                    weights.append(w); gradients.append(g)
                }
            }
        }
        if !weights.isEmpty { try optimizer.apply(gradients: gradients, to: weights) }
    }

    /// The shape the model's output has for `samples` inputs.
    func predictionShape(samples: Int) -> [Int] {
        [samples] + (outputShape ?? []).dropFirst().map { $0 ?? 1 }
    }

    /// Keras's check that x and y hold the same number of samples.
    func checkCardinality(_ x: Tensor, _ y: Tensor, what: String = "x, y") throws {
        guard x.shape.rank >= 1, y.shape.rank >= 1 else {
            throw LayerError.value("Expected arrays with a first (batch) axis for \(what); received shapes "
                                   + "\(formatShape(x.shape.dims)) and \(formatShape(y.shape.dims)).")
        }
        if x.shape[0] != y.shape[0] {
            throw LayerError.value(
                "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. "
                    + "'x' sizes: \(x.shape[0]), 'y' sizes: \(y.shape[0])",
                argument: what == "x, y" ? "y" : "validation_data")
        }
    }
}

/// The running loss and metrics over an epoch, as Keras shows them: the loss as the mean of
/// the batches' losses weighted by their sizes (Keras's loss tracker), each metric as its state
/// accumulated since the epoch began.
struct RunningLogs {
    let setup: CompileSetup
    private let names: [String]
    private var samples = 0
    private var lossSum = 0.0
    private var states: [MetricState]
    private let weightedFrom: Int

    init(_ setup: CompileSetup) {
        self.setup = setup
        names = setup.metricLogNames
        states = setup.metrics.map { MetricState($0.metric) } + setup.weightedMetrics.map { MetricState($0.metric) }
        weightedFrom = setup.metrics.count
    }

    /// Adds a batch: its loss (already weighted), and its predictions to every metric, the
    /// weighted metrics with `sampleWeights` (plain metrics take none, as in Keras 3).
    mutating func add(loss: Double, predictions: Tensor, targets: Tensor, sampleWeights: [Float]? = nil) throws {
        let b = predictions.shape[0]
        samples += b
        lossSum += loss * Double(b)
        for i in states.indices {
            try states[i].update(predictions: predictions, targets: targets,
                                 sampleWeights: i >= weightedFrom ? sampleWeights : nil)
        }
    }

    /// The loss and the metrics sorted by name, as Keras 3 on TensorFlow hands them to the
    /// progress bar and History (`accuracy`, `loss`, `mse`); zeros before the first batch. Keras
    /// keeps its values in float32, so each is the nearest float32.
    var logs: [TrainingProgress.Log] {
        let d = Double(max(samples, 1))
        return (zip(names, states).map { TrainingProgress.Log($0.0, $0.1.result) }
            + [TrainingProgress.Log("loss", Double(Float(lossSum / d)))]).sorted { $0.name < $1.name }
    }
}
