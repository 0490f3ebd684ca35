import Tensor

/// Running a Sequential model: `model(x)` and `model.predict(x, batch_size=32)`.
extension Sequential {
    /// The forward pass on one batch (NHWC for images). Builds an unbuilt model from the
    /// batch's shape first, as Keras does. With `training` nil (a plain `model(x)`), each layer
    /// runs in its own default mode as in Keras 3: augmentation layers augment, the rest infer.
    public func callAsFunction(_ x: Tensor, training: Bool? = false) throws -> Tensor {
        try checkInput(x)
        if let graph {
            try requireSingle(graph, "model(x)")
            return try graph.forward([x], training: training)[0]
        }
        var y = x
        var i = 0
        while i < layers.count {
            if training == nil, let nested = layers[i] as? NestedModel {
                y = try nested.model(y, training: nil)
                i += 1
                continue
            }
            let training = training ?? (layers[i] is AugmentationLayer)
            // A shallow relu convolution and the 2x2 max pooling after it run as one kernel.
            if !training, i + 1 < layers.count, let conv = layers[i] as? Conv2D, let pool = layers[i + 1] as? MaxPooling2D,
               let pooled = try conv.forwardWithMaxPool(y, pool) {
                y = pooled
                i += 2
                continue
            }
            y = try layers[i].forward(y, training: training)
            i += 1
        }
        return y
    }

    /// `model.predict(x, batch_size=32)`: the outputs for every sample, computed in batches. The
    /// observer sees the steps as evaluate's do (no logs) and may stop between batches.
    public func predict(x: Tensor, batchSize: Int = 32, observer: TrainingObserver? = nil) throws -> Tensor {
        guard batchSize > 0 else {
            throw LayerError.value("Expected `batch_size` to be a positive integer. Received: batch_size=\(batchSize)",
                                   argument: "batch_size")
        }
        try checkInput(x)
        let n = x.shape[0]
        let steps = (n + batchSize - 1) / batchSize
        let clock = Stopwatch()
        func progress(_ phase: TrainingProgress.Phase, _ step: Int) -> TrainingProgress {
            TrainingProgress(phase: phase, kind: .predict, epoch: 1, epochs: 1, step: step, steps: steps,
                             elapsed: clock.seconds, logs: [])
        }
        observer?.progress(progress(.started, 0))
        if n <= batchSize {
            let y = try self(x)
            observer?.progress(progress(.finished, steps))
            return y
        }
        defer { releaseBatchMemory() }
        var result: Tensor?
        var outSample = 0
        for step in 0..<steps {
            if observer?.shouldStop == true {
                observer?.progress(progress(.interrupted, step))
                throw TrainingInterrupted(.prediction, epoch: 1, step: step, steps: steps)
            }
            let start = step * batchSize, b = min(batchSize, n - start)
            let y = try self(try Batches.rows(x, start..<(start + b)))
            if result == nil {
                outSample = y.shape.count / b
                result = try Tensor(zeros: Shape([n] + y.shape.dims.dropFirst()), what: "the predictions")
            }
            (result!.floats.baseAddress! + start * outSample).update(from: y.floats.baseAddress!, count: b * outSample)
            observer?.progress(progress(.running, step + 1))
        }
        observer?.progress(progress(.finished, steps))
        return result!
    }

    /// `model.predict(dataset)`: the outputs for every batch of one pass of `source` (or its
    /// first `steps` batches), joined along the batch axis. Targets in the batches are ignored.
    public func predict(source: BatchSource, steps limit: Int? = nil, observer: TrainingObserver? = nil) throws -> Tensor {
        guard let steps = limit ?? source.batchCount else {
            throw LayerError.value("When providing an infinite dataset, you must specify the number of steps to run "
                                   + "(if you did not intend to create an infinite dataset, make sure to not call `repeat()` "
                                   + "on the dataset).", argument: "steps")
        }
        defer { releaseBatchMemory() }
        try source.startPass(epoch: 1)
        let clock = Stopwatch()
        func progress(_ phase: TrainingProgress.Phase, _ step: Int) -> TrainingProgress {
            TrainingProgress(phase: phase, kind: .predict, epoch: 1, epochs: 1, step: step, steps: steps,
                             elapsed: clock.seconds, logs: [])
        }
        observer?.progress(progress(.started, 0))
        var outputs: [Tensor] = []
        while outputs.count < steps {
            if observer?.shouldStop == true {
                observer?.progress(progress(.interrupted, outputs.count))
                throw TrainingInterrupted(.prediction, epoch: 1, step: outputs.count, steps: steps)
            }
            guard let batch = try source.nextBatch() else { break }
            let x = batch.x.dtype == .float32 ? batch.x : batch.x.converted(to: .float32)
            try checkInput(x)
            outputs.append(try self(x))
            observer?.progress(progress(.running, outputs.count))
        }
        observer?.progress(progress(.finished, outputs.count))
        guard !outputs.isEmpty else {
            throw LayerError.value("The data gave no batches to predict on.", argument: "x")
        }
        return outputs.count == 1 ? outputs[0] : try Tensor.concatenated(outputs, axis: 0)
    }

    /// The batch must match the model's input (any batch size); an unbuilt model is built from it.
    /// `allowIntegers`: uint8/int64 data is accepted (fit and evaluate convert it batch by batch).
    func checkInput(_ x: Tensor, allowIntegers: Bool = false) throws {
        guard x.dtype == .float32 || allowIntegers else {
            throw LayerError.type(
                "Expected float32 input data, received \(x.dtype).", argument: "x",
                hint: "Convert it first, e.g. x = x.astype('float32') / 255.0")
        }
        let received = x.shape.dims
        guard received.count >= 1 else {
            throw LayerError.value("Expected a batch of samples, received a scalar.", argument: "x")
        }
        let found: [Int?] = [nil] + received.dropFirst().map { $0 }
        guard let expected = inputShape else {
            try build(inputShape: found)
            return
        }
        if shapesCompatible(expected, found) { return }
        var error = LayerError.value(
            "Input 0 of layer \"\(name)\" is incompatible with the layer: expected shape=\(formatShape(expected)), "
                + "found shape=\(formatShape(received))",
            argument: "x")
        if expected.count == found.count + 1, expected.last == 1,
           shapesCompatible(Array(expected.dropLast()), found) {
            let withChannel = (["-1"] + expected.dropFirst().map { $0.map(String.init) ?? "-1" }).joined(separator: ", ")
            error.hint = "The data has no channel axis: add it with x[..., None] or x.reshape(\(withChannel))."
        }
        throw error
    }
}
