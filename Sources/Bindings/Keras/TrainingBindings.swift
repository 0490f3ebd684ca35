import FoveaLang
import Glibc
import NeuralNet
import Tensor

/// `model.compile`, `model.fit`, `model.evaluate`, `model.predict`, `model.optimizer`, `model.loss`.
extension ModelObject {
    /// compile, fit, evaluate, predict, and the optimizer and loss that compile set.
    static func declareTraining(_ c: HostClass<ModelObject>) {
        c.method("compile", [.optional("optimizer", default: .str("rmsprop")), .optional("loss", default: .none),
                             .optional("loss_weights", default: Value.none), .optional("metrics", default: .none),
                             .keywordOnly("weighted_metrics", default: Value.none), .keywordOnly("run_eagerly", default: .bool(false)),
                             .keywordOnly("steps_per_execution", default: .int(1)), .keywordOnly("jit_compile", default: .str("auto"))],
                 doc: compileDoc) { m, args, _ in
            try m.compile(args)
            return .none
        }
        c.method("fit", [.optional("x", default: .none), .optional("y", default: .none), .optional("batch_size", default: .none),
                         .optional("epochs", default: .int(1)), .optional("verbose", default: .str("auto")),
                         .optional("callbacks", default: Value.none), .optional("validation_split", default: .float(0)),
                         .optional("validation_data", default: .none), .optional("shuffle", default: .bool(true)),
                         .optional("class_weight", default: Value.none), .optional("sample_weight", default: Value.none),
                         .optional("initial_epoch", default: .int(0)), .optional("steps_per_epoch", default: Value.none),
                         .optional("validation_steps", default: Value.none), .optional("validation_batch_size", default: Value.none),
                         .optional("validation_freq", default: .int(1))], doc: fitDoc) { m, args, ctx in
            try m.fit(args, ctx)
        }
        c.method("evaluate", [.optional("x", default: .none), .optional("y", default: .none), .optional("batch_size", default: .none),
                              .optional("verbose", default: .str("auto")), .optional("sample_weight", default: Value.none),
                              .optional("steps", default: Value.none), .unsupported("callbacks"),
                              .keywordOnly("return_dict", default: .bool(false))], doc: evaluateDoc) { m, args, ctx in
            try m.evaluate(args, ctx)
        }
        c.method("predict", [.required("x"), .optional("batch_size", default: .none), .optional("verbose", default: .str("auto")),
                             .optional("steps", default: Value.none), .unsupported("callbacks")], doc: predictDoc) { m, args, ctx in
            try m.predict(args, ctx)
        }
        declareGeneratorMethods(c)
        c.property("optimizer", doc: "The optimizer compile set, or None.") { m, _ in m.optimizerObject.map { .object($0) } ?? Value.none }
        c.property("loss", doc: "The name of the loss compile set (a list, one per output, for several outputs), or None.") { m, _ in
            guard let setup = m.model.compiled else { return Value.none }
            if let outputs = setup.outputs { return .list(outputs.map { $0.loss.map { .str($0.name) } ?? Value.none }) }
            return .str(setup.loss.name)
        }
    }

    static let compileDoc = """
        Choose how the model learns: the optimizer that changes the weights ('adam', 'sgd', 'rmsprop' or \
        keras.optimizers.Adam(learning_rate=...)), the loss it minimises ('sparse_categorical_crossentropy' \
        for integer labels, 'categorical_crossentropy' for one-hot labels, 'binary_crossentropy', 'mse') and \
        the metrics fit reports (['accuracy']). For a model with several outputs: one loss for all, a list \
        (loss=['sparse_categorical_crossentropy', 'mse']) or a dict by output name, loss_weights=[1.0, 0.5], \
        and metrics with one entry per output (metrics=[['accuracy'], ['mae']]) or a dict by output name.
        """
    static let fitDoc = """
        Train the model: for each epoch, go through the data in shuffled batches of batch_size, and after \
        each batch change the weights to lower the loss. Shows a live progress bar (verbose=1), a line per \
        epoch (verbose=2) or nothing (verbose=0). The interrupt button stops it after the current batch; \
        the weights keep what they learned. Returns a History: history.history['loss'], ['accuracy'], ...
        """
    static let evaluateDoc = """
        The loss and metrics of the model on data it did not train on: returns [loss, accuracy] \
        (a dict with return_dict=True). With several outputs: [loss, each output's loss, the metrics by name].
        """

    static let predictDoc = """
        Run the model on inputs and return its outputs, one row per input, computed batch_size at a \
        time. Shows a progress bar (verbose=1), a line at the end (verbose=2) or nothing (verbose=0).
        """

    func compile(_ args: BoundArguments) throws {
        let optimizer: Optimizer
        switch args["optimizer"]! {
        case .str(let name): optimizer = try keras(args.span(of: "optimizer")) { try makeOptimizer(named: name) }
        case .object(let o as OptimizerObject): optimizer = o.optimizer
        case let v:
            throw Diagnostic(.typeError, "Could not interpret optimizer identifier: \(Repr.repr(v))", at: args.span(of: "optimizer"),
                             notes: ["help: use a name such as optimizer='adam', or an object: keras.optimizers.Adam(learning_rate=0.001)"])
        }
        if model.symbolicOutputs.count > 1 {
            let outputs = try MultiOutputCompile.outputs(self, args)
            try keras(args.span(of: "loss")) { try model.compile(optimizer: optimizer, outputs: outputs) }
            if case .object(let o as OptimizerObject) = args["optimizer"]! { optimizerObject = o } else { optimizerObject = OptimizerObject(optimizer) }
            return
        }
        if let w = args["loss_weights"], !w.isNone {
            throw Diagnostic(.notImplementedError, "Fovea applies loss_weights to models with several outputs; this model has one. "
                             + "Received: loss_weights=\(Repr.repr(w))", at: args.span(of: "loss_weights"),
                             notes: ["help: leave loss_weights=None (a single loss has weight 1)"])
        }
        let loss: Loss
        switch args["loss"]! {
        case .str(let name): loss = try keras(args.span(of: "loss")) { try Loss.named(name) }
        case .object(let o as LossObject): loss = o.loss
        case .none:
            throw Diagnostic(.valueError, "compile() needs a loss to train with. Received: loss=None", at: args.span(of: "loss"),
                             notes: ["help: for integer labels use loss='sparse_categorical_crossentropy'"])
        case let v:
            throw Diagnostic(.typeError, "Could not interpret loss identifier: \(Repr.repr(v))", at: args.span(of: "loss"),
                             notes: ["help: use a name such as loss='sparse_categorical_crossentropy', or keras.losses.SparseCategoricalCrossentropy()"])
        }
        let metrics = try compileMetrics(args, "metrics", loss: loss)
        let weighted = try compileMetrics(args, "weighted_metrics", loss: loss)
        model.compile(optimizer: optimizer, loss: loss, metrics: metrics, weightedMetrics: weighted)
        if case .object(let o as OptimizerObject) = args["optimizer"]! { optimizerObject = o } else { optimizerObject = OptimizerObject(optimizer) }
    }

    /// compile's `metrics=` or `weighted_metrics=`: a list of names and metric objects. A name
    /// is the metric's key in the logs (`'mae'` logs as `mae`); an object gives its own name.
    private func compileMetrics(_ args: BoundArguments, _ argument: String, loss: Loss) throws -> [(name: String, metric: Metric)] {
        guard let v = args[argument], !v.isNone else { return [] }
        guard let items = KerasArguments.sequence(v) else {
            let shown: String
            if case .str(let text) = v { shown = text } else { shown = Repr.repr(v) }
            throw Diagnostic(.valueError, "Expected `\(argument)` argument to be a list, tuple, or dict. Received instead: \(argument)=\(shown) of type <class '\(v.typeName)'>",
                             at: args.span(of: argument), notes: ["help: \(argument)=['accuracy']"])
        }
        var metrics: [(name: String, metric: Metric)] = []
        for item in items {
            switch item {
            case .str(let s):
                let units = model.outputShape?.last ?? nil
                metrics.append((s, try keras(args.span(of: argument)) { try Metric.resolve(s, loss: loss, outputUnits: units) }))
            case .object(let m as MetricObject):
                metrics.append((m.name, m.metric))
            case .none:
                continue
            default:
                throw Diagnostic(.valueError, "Expected all entries in the `\(argument)` list to be metric objects. Received instead:\n\(argument)=\(Repr.repr(v))",
                                 at: args.span(of: argument), notes: ["help: use names such as 'accuracy' and 'mae', or objects such as keras.metrics.AUC()"])
            }
        }
        return metrics
    }

    func fit(_ args: BoundArguments, _ ctx: CallContext) throws -> Value {
        if isMultiIO { return try fitMulti(args, ctx, display: ProgressDisplay(context: ctx, verbose: try verbosity(args))) }
        let source = try TrainingData.source(args["x"] ?? .none, ctx.at(args.span(of: "x")), argument: "x")
        let (x, y) = source == nil ? try data(args) : (Tensor.scalar(0, dtype: .float32), Tensor.scalar(0, dtype: .float32))
        var options = FitOptions()
        options.stepsPerEpoch = try positive(args, "steps_per_epoch")
        options.validationFrequency = try FitWeightArguments.validationFrequency(args)
        options.batchSize = try args.optionalInt("batch_size") ?? 32
        options.epochs = try args.int("epochs")
        options.shuffle = args.bool("shuffle")
        options.validationSplit = try KerasArguments.optionalDouble(args, "validation_split") ?? 0
        if let v = args["validation_data"], !v.isNone,
           let validation = try TrainingData.source(v, ctx.at(args.span(of: "validation_data")), argument: "validation_data") {
            options.validationSource = LimitedBatches.limit(validation, try positive(args, "validation_steps"))
        } else if let v = args["validation_data"], !v.isNone {
            guard let pair = KerasArguments.sequence(v), pair.count >= 2 else {
                throw Diagnostic(.valueError, "validation_data should be a tuple (x_val, y_val). Received: \(Repr.repr(v))",
                                 at: args.span(of: "validation_data"))
            }
            let span = args.span(of: "validation_data")
            options.validationData = (try ModelObject.dataTensor(pair[0], "validation_data", span),
                                      try ModelObject.dataTensor(pair[1], "validation_data", span))
            if pair.count >= 3, !pair[2].isNone {
                options.validationSampleWeight = try TensorObject.tensor(from: pair[2], argument: "validation_data", at: span)
                    .converted(to: .float32).floatArray
            }
        }
        options.initialEpoch = try args.int("initial_epoch")
        try FitWeightArguments.read(args, source: source, into: &options, samples: source == nil ? x.shape[0] : 0)
        // FOVEA_PROFILE=1 in the kernel's environment prints where fit's time went (make bench uses it).
        options.profile = getenv("FOVEA_PROFILE").map { String(cString: $0) == "1" } ?? false
        let display = ProgressDisplay(context: ctx, verbose: try verbosity(args))
        if let source {
            if let y = args["y"], !y.isNone {
                throw Diagnostic(.valueError, "`y` argument is not supported when using dataset as input.", at: args.span(of: "y"),
                                 notes: ["help: the dataset gives (x, y) batches itself: model.fit(train_ds, epochs=5)"])
            }
            if options.validationSplit > 0 {
                throw Diagnostic(.valueError, "`validation_split` is only supported for Tensors or NumPy arrays. Found incompatible type in the input: \(Repr.repr(args["x"]!).prefix(80))",
                                 at: args.span(of: "validation_split"), notes: ["help: pass validation_data=val_ds, e.g. from image_dataset_from_directory(..., subset='validation')"])
            }
            if let b = args["batch_size"], !b.isNone {
                throw Diagnostic(.valueError, "The `batch_size` argument must not be specified when using a dataset as input: it is batched already.",
                                 at: args.span(of: "batch_size"))
            }
        }
        let steps = source.map { options.stepsPerEpoch ?? $0.batchCount ?? 0 }
            ?? (x.shape[0] - (options.validationData == nil ? Int(Double(x.shape[0]) * options.validationSplit) : 0)
                + options.batchSize - 1) / options.batchSize
        return try runFit(args, ctx, display: display, epochs: options.epochs, steps: steps) { observer in
            if let source {
                let arrays = options.validationData.map { ArrayBatches(x: $0.x, y: $0.y, batchSize: 32, weights: options.validationSampleWeight) }
                return try model.fit(source: source, validation: options.validationSource ?? arrays, options: options, observer: observer)
            }
            return try model.fit(x: x, y: y, options: options, observer: observer)
        }
    }

    /// Runs a fit with its progress display and callbacks; returns the History.
    func runFit(_ args: BoundArguments, _ ctx: CallContext, display: ProgressDisplay, epochs: Int, steps: Int,
                _ body: (CallbackRunner) throws -> TrainingHistory) throws -> Value {
        let params: [(String, Value)] = [("verbose", .int(display.verbose)), ("epochs", .int(epochs)), ("steps", .int(steps))]
        let paramsDict = DictBox()
        for (k, v) in params { paramsDict.set(.str(k), .str(k), v) }
        let observer = CallbackRunner(display: display, callbacks: try CallbackRunner.callbacks(args, model: self, params: paramsDict),
                                      model: self, context: ctx)
        stopTraining = false
        var history: TrainingHistory
        do {
            history = try running(ctx, args) { try body(observer) }
        } catch let d as Diagnostic where observer.error != nil && d.kind == .keyboardInterrupt {
            throw observer.error!
        }
        if let error = observer.error { throw error }
        for added in observer.addedLogs where added.values.count == history.epochs.count { history.history.append(added) }
        if let warning = history.stoppedOnNaN { ctx.write(warning + "\n", to: .stderr) }
        if let warning = history.ranOutOfData { ctx.write(warning + "\n", to: .stderr) }
        if let profile = history.profile { ctx.write("Fovea profile of this fit:\n" + profile.table + "\n", to: .stderr) }
        return .object(HistoryObject(history, params: params, model: self))
    }

    func evaluate(_ args: BoundArguments, _ ctx: CallContext) throws -> Value {
        let display = ProgressDisplay(context: ctx, verbose: try verbosity(args))
        if isMultiIO { return try evaluateMulti(args, ctx, display: display) }
        let logs: [TrainingProgress.Log]
        if let source = try TrainingData.source(args["x"] ?? .none, ctx.at(args.span(of: "x")), argument: "x") {
            try datasetOnly(args)
            try FitWeightArguments.noSampleWeight(args, source: source)
            let steps = try positive(args, "steps")
            logs = try running(ctx, args) { try model.evaluate(source: source, steps: steps, observer: display) }
        } else {
            let (x, y) = try data(args)
            let batch = try args.optionalInt("batch_size") ?? 32
            let weights = try SampleWeightArguments.weights(args, "sample_weight", samples: x.shape[0])
            logs = try running(ctx, args) { try model.evaluate(x: x, y: y, batchSize: batch, sampleWeight: weights, observer: display) }
        }
        if args.bool("return_dict") {
            let d = DictBox()
            for log in logs { d.set(.str(log.name), .str(log.name), .float(log.value)) }
            return .dict(d)
        }
        // Keras lists the loss first, then the metrics in compile's order: [loss, mse, accuracy];
        // a lone loss is returned as a number.
        let order = ["loss"] + (model.compiled?.metricLogNames ?? [])
        let ordered = logs.sorted { (order.firstIndex(of: $0.name) ?? order.count) < (order.firstIndex(of: $1.name) ?? order.count) }
        return ordered.count == 1 ? .float(ordered[0].value) : .list(ordered.map { .float($0.value) })
    }

    func predict(_ args: BoundArguments, _ ctx: CallContext) throws -> Value {
        let display = ProgressDisplay(context: ctx, verbose: try verbosity(args))
        if let graph = model.graph, graph.inputs.count > 1 || graph.outputs.count > 1 {
            let xs = try FunctionalModels.inputArrays(self, args["x"]!, args.span(of: "x"))
            let batch = try args.optionalInt("batch_size") ?? 32
            let ys = try running(ctx, args) { try model.predictAll(xs, batchSize: batch, observer: display) }
            return FunctionalModels.structured(self, ys) { .object(TensorObject($0)) }
        }
        if let source = try TrainingData.source(args["x"]!, ctx.at(args.span(of: "x")), argument: "x") {
            if let b = args["batch_size"], !b.isNone {
                throw Diagnostic(.valueError, "The `batch_size` argument must not be specified when using a dataset as input: it is batched already.",
                                 at: args.span(of: "batch_size"))
            }
            let steps = try positive(args, "steps")
            return .object(TensorObject(try running(ctx, args) { try model.predict(source: source, steps: steps, observer: display) }))
        }
        let x = try TensorObject.tensor(from: args["x"]!, argument: "x", at: args.span(of: "x"))
        let batch = try args.optionalInt("batch_size") ?? 32
        return .object(TensorObject(try running(ctx, args) { try model.predict(x: x, batchSize: batch, observer: display) }))
    }

    /// Runs training, turning an interrupt into KeyboardInterrupt and library errors into located ones.
    /// A library error points at the argument it names, or at the whole call.
    func running<T>(_ ctx: CallContext, _ args: BoundArguments, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as LayerError {
            throw e.diagnostic(args)
        } catch let e as MemoryError {
            throw Diagnostic(.memoryError, e.description, at: ctx.span,
                             notes: ["help: use a smaller batch_size, or fewer samples"])
        } catch let e as TensorError {
            throw Diagnostic(.valueError, e.message, at: ctx.span)
        } catch let stop as TrainingInterrupted {
            ctx.clearInterrupt()
            throw Diagnostic(.keyboardInterrupt, stop.description, at: ctx.span,
                             notes: ["help: the model can be evaluated, or trained further with fit()"])
        }
    }

    private func data(_ args: BoundArguments) throws -> (Tensor, Tensor) {
        guard let xv = args["x"], !xv.isNone else {
            throw Diagnostic(.valueError, "Expected the training data x, received None.", at: args.callSpan)
        }
        guard let yv = args["y"], !yv.isNone else {
            throw Diagnostic(.valueError, "Expected the labels y, received None.", at: args.callSpan,
                             notes: ["help: pass the labels after the data: model.fit(x_train, y_train, epochs=5)"])
        }
        return (try ModelObject.dataTensor(xv, "x", args.span(of: "x")), try ModelObject.dataTensor(yv, "y", args.span(of: "y")))
    }

    /// A tensor argument keeping its dtype (uint8 images and labels stay uint8; lists become float32).
    static func dataTensor(_ value: Value, _ argument: String, _ span: Span) throws -> Tensor {
        if case .object(let o as TensorObject) = value { return o.tensor }
        return try TensorObject.tensor(from: value, argument: argument, at: span)
    }

    /// An optional positive count (`steps_per_epoch`, `steps`), nil when None.
    private func positive(_ args: BoundArguments, _ name: String) throws -> Int? {
        guard let v = args[name], !v.isNone else { return nil }
        guard let n = v.asInt, n > 0 else {
            throw Diagnostic(.valueError, "`\(name)` must be a positive integer or None. Received: \(name)=\(Repr.repr(v))", at: args.span(of: name))
        }
        return n
    }

    /// evaluate's checks for a dataset: its batches carry the labels and the batch size.
    private func datasetOnly(_ args: BoundArguments) throws {
        if let y = args["y"], !y.isNone {
            throw Diagnostic(.valueError, "`y` argument is not supported when using dataset as input.", at: args.span(of: "y"))
        }
        if let b = args["batch_size"], !b.isNone {
            throw Diagnostic(.valueError, "The `batch_size` argument must not be specified when using a dataset as input: it is batched already.",
                             at: args.span(of: "batch_size"))
        }
    }

    func verbosity(_ args: BoundArguments) throws -> Int {
        switch args["verbose"]! {
        case .str("auto"): return 1
        case .int(let v) where (0...2).contains(v): return v
        case .bool(let b): return b ? 1 : 0
        case let v:
            throw Diagnostic(.valueError, "verbose must be 'auto', 0, 1 or 2. Received: verbose=\(Repr.repr(v))", at: args.span(of: "verbose"))
        }
    }

}
