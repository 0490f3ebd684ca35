import Tensor

/// Running a functional model with several inputs or outputs: `model([a, b])` and
/// `model.predict([a, b])` give one array per output.
extension Sequential {
    /// What Fovea runs only on models with one input and one output (training, for now).
    func requireSingle(_ graph: LayerGraph, _ what: String) throws {
        guard graph.inputs.count == 1, graph.outputs.count == 1 else {
            throw LayerError(
                .notImplementedError,
                "Fovea runs \(what) on functional models with one input and one output; \"\(name)\" has "
                    + "\(graph.inputs.count) input\(graph.inputs.count == 1 ? "" : "s") and \(graph.outputs.count) "
                    + "output\(graph.outputs.count == 1 ? "" : "s").",
                argument: "x",
                hint: what == "fit" ? "Fit it on arrays instead: model.fit([xa, xb], [ya, yb]), lists or dicts by name."
                    : "Use model.predict([...]) or model([...]) with a list, which give one array per output.")
        }
    }

    /// The model's input placeholders (`model.inputs`): a functional model's, or a built
    /// Sequential model's one.
    public var symbolicInputs: [SymbolicTensor] {
        if let graph { return graph.inputs }
        return inputLayer.map { [$0.placeholder] } ?? []
    }

    /// The model's output placeholders (`model.outputs`).
    public var symbolicOutputs: [SymbolicTensor] {
        if let graph { return graph.outputs }
        return sequentialOutput.map { [$0] } ?? []
    }

    /// One batch of each input through the model; one tensor per output.
    public func callAll(_ xs: [Tensor], training: Bool? = false) throws -> [Tensor] {
        guard let graph else {
            guard xs.count == 1 else {
                throw LayerError.value("The model \"\(name)\" takes one input; it received \(xs.count).", argument: "x")
            }
            return [try self(xs[0], training: training)]
        }
        try checkInputs(xs, graph)
        return try graph.forward(xs, training: training)
    }

    /// Each input must be float32 with the batch first and the shape of its keras.Input, and all
    /// must hold the same number of samples.
    func checkInputs(_ xs: [Tensor], _ graph: LayerGraph, allowIntegers: Bool = false, argument: String = "x") throws {
        guard xs.count == graph.inputs.count else {
            throw LayerError.value(
                "The model \"\(name)\" expects \(graph.inputs.count) input(s), but it received \(xs.count) input tensors.",
                argument: argument, hint: "Pass one array per keras.Input, in the order of model.inputs.")
        }
        for (i, (x, input)) in zip(xs, graph.inputs).enumerated() {
            guard x.dtype == .float32 || allowIntegers else {
                throw LayerError.type("Expected float32 input data, received \(x.dtype) for input \(i) (\(input.name)).",
                                      argument: argument, hint: "Convert it first, e.g. x = x.astype('float32') / 255.0")
            }
            let found: [Int?] = [nil] + x.shape.dims.dropFirst().map { $0 }
            guard x.shape.rank >= 1, shapesCompatible(input.shape, found) else {
                throw LayerError.value(
                    "Input \(i) of layer \"\(name)\" is incompatible with the layer: expected shape=\(formatShape(input.shape)), "
                        + "found shape=\(formatShape(x.shape.dims.map { $0 }))", argument: argument)
            }
        }
        if Set(xs.map { $0.shape[0] }).count > 1 {
            throw LayerError.value(
                "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. Received sizes: "
                    + xs.map { String($0.shape[0]) }.joined(separator: ", "), argument: argument)
        }
    }

    /// `model.predict([a, b], batch_size=32)` for any functional model: the outputs for every
    /// sample, computed in batches, one tensor per output.
    public func predictAll(_ xs: [Tensor], batchSize: Int = 32, observer: TrainingObserver? = nil) throws -> [Tensor] {
        guard let graph else { return [try predict(x: xs[0], batchSize: batchSize, observer: observer)] }
        guard batchSize > 0 else {
            throw LayerError.value("Expected `batch_size` to be a positive integer. Received: batch_size=\(batchSize)",
                                   argument: "batch_size")
        }
        try checkInputs(xs, graph)
        let n = xs[0].shape[0]
        let steps = max(1, (n + batchSize - 1) / batchSize)
        let clock = Stopwatch()
        func progress(_ phase: TrainingProgress.Phase, _ step: Int) -> TrainingProgress {
            TrainingProgress(phase: phase, kind: .predict, epoch: 1, epochs: 1, step: step, steps: steps,
                             elapsed: clock.seconds, logs: [])
        }
        observer?.progress(progress(.started, 0))
        defer { releaseBatchMemory() }
        var parts: [[Tensor]] = graph.outputs.map { _ in [] }
        for step in 0..<steps {
            if observer?.shouldStop == true {
                observer?.progress(progress(.interrupted, step))
                throw TrainingInterrupted(.prediction, epoch: 1, step: step, steps: steps)
            }
            let start = step * batchSize, end = min(n, start + batchSize)
            let batch = try xs.map { n <= batchSize ? $0 : try Batches.rows($0, start..<end) }
            for (k, y) in try graph.forward(batch, training: false).enumerated() { parts[k].append(y.copy()) }
            observer?.progress(progress(.running, step + 1))
        }
        observer?.progress(progress(.finished, steps))
        return try parts.map { $0.count == 1 ? $0[0] : try Tensor.concatenated($0, axis: 0) }
    }
}
