import FoveaLang
import NeuralNet
import Tensor

/// fit and evaluate for a functional model with several inputs or outputs: x as a list (in the
/// order of `model.inputs`) or a dict by Input name, y as a list (in the order of
/// `model.outputs`) or a dict by output layer name, sample_weight as one array for every output
/// or a list with one per output, and validation_data with the same structures.
extension ModelObject {
    /// Whether fit and evaluate take the several-inputs-or-outputs path.
    var isMultiIO: Bool {
        guard let graph = model.graph else { return false }
        return graph.inputs.count > 1 || graph.outputs.count > 1
    }

    func fitMulti(_ args: BoundArguments, _ ctx: CallContext, display: ProgressDisplay) throws -> Value {
        try noDataset(args, ctx, "fit")
        var options = FitOptions()
        options.validationFrequency = try FitWeightArguments.validationFrequency(args)
        options.batchSize = try args.optionalInt("batch_size") ?? 32
        options.epochs = try args.int("epochs")
        options.shuffle = args.bool("shuffle")
        options.validationSplit = try KerasArguments.optionalDouble(args, "validation_split") ?? 0
        options.initialEpoch = try args.int("initial_epoch")
        if let s = args["steps_per_epoch"], !s.isNone {
            throw Diagnostic(.notImplementedError, "Fovea's fit of a model with several inputs or outputs goes through the arrays once per epoch; "
                             + "steps_per_epoch is not supported for it. Received: steps_per_epoch=\(Repr.repr(s))",
                             at: args.span(of: "steps_per_epoch"), notes: ["help: leave steps_per_epoch=None"])
        }
        let data = try multiArrays(args, x: "x", y: "y", weights: "sample_weight", span: args.span(of: "x"))
        var validation: MultiArrays?
        if let v = args["validation_data"], !v.isNone {
            let span = args.span(of: "validation_data")
            guard let items = KerasArguments.sequence(v), items.count == 2 || items.count == 3 else {
                throw Diagnostic(.valueError, "validation_data should be a tuple (x_val, y_val) or (x_val, y_val, val_sample_weights). "
                                 + "Received: \(Repr.repr(v).prefix(200))", at: span,
                                 notes: ["help: validation_data=([xa_val, xb_val], [ya_val, yb_val])"])
            }
            validation = try multiArrays(values: items, span: span, argument: "validation_data")
        }
        if let cw = args["class_weight"], !cw.isNone {
            if let s = args["sample_weight"], !s.isNone {
                throw Diagnostic(.valueError, "You cannot `class_weight` and `sample_weight` at the same time.", at: args.span(of: "class_weight"))
            }
            var single = FitOptions()
            try FitWeightArguments.read(args, source: nil, into: &single, samples: data.count)
            options.classWeight = single.classWeight
        }
        let trainCount = validation == nil && options.validationSplit > 0
            ? Int((Double(data.count) * (1 - options.validationSplit)).rounded(.down)) : data.count
        let steps = (trainCount + max(options.batchSize, 1) - 1) / max(options.batchSize, 1)
        return try runFit(args, ctx, display: display, epochs: options.epochs, steps: steps) { observer in
            try model.fitMulti(data, validation: validation, options: options, observer: observer)
        }
    }

    func evaluateMulti(_ args: BoundArguments, _ ctx: CallContext, display: ProgressDisplay) throws -> Value {
        try noDataset(args, ctx, "evaluate")
        if let s = args["steps"], !s.isNone {
            throw Diagnostic(.notImplementedError, "Fovea evaluates a model with several inputs or outputs on all of its arrays; "
                             + "`steps` is not supported for it. Received: steps=\(Repr.repr(s))", at: args.span(of: "steps"))
        }
        let data = try multiArrays(args, x: "x", y: "y", weights: "sample_weight", span: args.span(of: "x"))
        let batch = try args.optionalInt("batch_size") ?? 32
        let logs = try running(ctx, args) { try model.evaluateMulti(data, batchSize: batch, observer: display) }
        if args.bool("return_dict") {
            let d = DictBox()
            for log in logs { d.set(.str(log.name), .str(log.name), .float(log.value)) }
            return .dict(d)
        }
        let ordered = try keras(ctx.span) { try model.evaluateListOrder(logs) }
        return ordered.count == 1 ? .float(ordered[0].value) : .list(ListBox(ordered.map { .float($0.value) }))
    }

    /// Keras reads datasets of (inputs, targets) tuples for such models; Fovea does not yet.
    private func noDataset(_ args: BoundArguments, _ ctx: CallContext, _ what: String) throws {
        if try TrainingData.source(args["x"] ?? .none, ctx.at(args.span(of: "x")), argument: "x") != nil {
            throw Diagnostic(.notImplementedError, "Fovea's \(what) takes a model with several inputs or outputs on arrays (lists or dicts "
                             + "of them), not on a dataset or generator yet.", at: args.span(of: "x"),
                             notes: ["help: model.\(what)([xa, xb], [ya, yb]) with numpy arrays"])
        }
    }

    /// x, y and sample_weight of fit or evaluate, by their argument names.
    private func multiArrays(_ args: BoundArguments, x: String, y: String, weights: String, span: Span) throws -> MultiArrays {
        guard let xv = args[x], !xv.isNone else {
            throw Diagnostic(.valueError, "Expected the training data x, received None.", at: args.callSpan)
        }
        guard let yv = args[y], !yv.isNone else {
            throw Diagnostic(.valueError, "Expected the targets y, received None.", at: args.callSpan,
                             notes: ["help: one array per output: model.fit([xa, xb], [ya, yb])"])
        }
        return try multiArrays(values: [xv, yv, args[weights] ?? .none],
                               spans: [args.span(of: x), args.span(of: y), args.span(of: weights)], argument: nil)
    }

    private func multiArrays(values: [Value], span: Span, argument: String) throws -> MultiArrays {
        try multiArrays(values: values, spans: [span, span, span], argument: argument)
    }

    /// (x, y[, sample_weight]) values as arrays; `argument` names validation_data in errors.
    private func multiArrays(values: [Value], spans: [Span], argument: String?) throws -> MultiArrays {
        let xs = try inputs(values[0], spans[0], argument ?? "x")
        let ys = try targets(values[1], spans[1], argument ?? "y")
        let ws = try sampleWeights(values.count > 2 ? values[2] : .none, spans[2], argument ?? "sample_weight", ys)
        return MultiArrays(xs: xs, ys: ys, weights: ws)
    }

    /// One array per keras.Input: a list or tuple in the order of `model.inputs`, a dict by the
    /// Inputs' names, or one array when the model has one input. Arrays keep their dtype.
    private func inputs(_ value: Value, _ span: Span, _ argument: String) throws -> [Tensor] {
        let inputs = model.symbolicInputs
        let names = inputs.map { $0.layer.name }
        if case .dict(let d) = value {
            return try inputs.map { t in
                guard let v = d.get(.str(t.layer.name)) ?? d.get(.str(t.name)) else {
                    throw Diagnostic(.valueError, "Missing data for input \"\(t.layer.name)\". You passed a data dictionary with keys "
                                     + "\(MultiOutputCompile.list(d.keys.map { Repr.str($0) })). Expected the following keys: \(MultiOutputCompile.list(names))",
                                     at: span, notes: ["help: key the arrays by the names given to keras.Input(name=...)"])
                }
                return try ModelObject.dataTensor(v, argument, span)
            }
        }
        if inputs.count == 1 { return [try ModelObject.dataTensor(value, argument, span)] }
        let items = arrayItems(value)
        guard let items, items.count == inputs.count else {
            throw Diagnostic(.valueError, "Layer \"\(model.name)\" expects \(inputs.count) named input(s) with keys \(MultiOutputCompile.list(names)), "
                             + "but it received \(items?.count ?? 1) input tensors. Pass inputs as a dict, e.g. "
                             + "`layer({\(names.map { "'\($0)': ..." }.joined(separator: ", "))})`.",
                             at: span, notes: ["help: or a list of \(inputs.count) arrays in the order of model.inputs"])
        }
        return try items.map { try ModelObject.dataTensor($0, argument, span) }
    }

    /// One array of targets per output: a list or tuple in the order of `model.outputs` (None
    /// for an output without a loss), a dict by output layer name, or one array for one output.
    private func targets(_ value: Value, _ span: Span, _ argument: String) throws -> [Tensor?] {
        let names = model.outputNames
        if case .dict(let d) = value {
            let keys = d.keys.map { Repr.str($0) }
            guard keys.allSatisfy(names.contains) else {
                throw Diagnostic(.valueError, "Expected keys \(MultiOutputCompile.list(names)) in the \(argument) dict (the output layers' names), "
                                 + "but found \(argument).keys()=\(MultiOutputCompile.list(keys))", at: span,
                                 notes: ["help: key the targets by the output layers' names: {\(names.map { "'\($0)': ..." }.joined(separator: ", "))}"])
            }
            return try names.map { name in try d.get(.str(name)).flatMap { $0.isNone ? nil : try ModelObject.dataTensor($0, argument, span) } }
        }
        if names.count == 1 { return [try ModelObject.dataTensor(value, argument, span)] }
        let items = arrayItems(value)
        guard let items, items.count == names.count else {
            let received = items.map { "(" + $0.map { _ in "'*'" }.joined(separator: ", ") + (($0.count == 1) ? ",)" : ")") } ?? "'*'"
            throw Diagnostic(.valueError, "y_true and y_pred have different structures.\ny_true: \(received)\ny_pred: [\(names.map { _ in "'*'" }.joined(separator: ", "))]",
                             at: span, notes: ["help: the model has \(names.count) outputs \(MultiOutputCompile.list(names)): pass a list of \(names.count) arrays "
                                               + "in that order, or a dict by output name"])
        }
        return try items.map { $0.isNone ? nil : try ModelObject.dataTensor($0, argument, span) }
    }

    /// sample_weight: None, one array for every output, or one per output (a list or tuple).
    private func sampleWeights(_ value: Value, _ span: Span, _ argument: String, _ ys: [Tensor?]) throws -> [[Float]?] {
        if value.isNone { return ys.map { _ in nil } }
        func floats(_ v: Value) throws -> [Float]? {
            if v.isNone { return nil }
            let t = try TensorObject.tensor(from: v, argument: argument, at: span)
            guard t.shape.rank == 1 || (t.shape.rank == 2 && t.shape[1] == 1) else {
                throw Diagnostic(.valueError, "Fovea takes one sample weight per sample. Received: \(argument).shape=\(NeuralNet.formatShape(t.shape.dims.map { Optional($0) }))",
                                 at: span)
            }
            return t.converted(to: .float32).floatArray
        }
        if case .dict = value {
            throw Diagnostic(.valueError, "You should provide one `sample_weight` array per output in `y`. The two structures did not match: "
                             + "y is a list of \(ys.count) arrays, sample_weight is a dict.", at: span,
                             notes: ["help: sample_weight=[w_a, w_b], one array per output in the order of model.outputs, or one array for all"])
        }
        if ys.count > 1, let items = arrayItems(value) {
            guard items.count == ys.count else {
                throw Diagnostic(.valueError, "You should provide one `sample_weight` array per output in `y`. The two structures did not match: "
                                 + "y holds \(ys.count) arrays, sample_weight holds \(items.count).", at: span,
                                 notes: ["help: sample_weight=[w_a, w_b], one array per output, or one array for all outputs"])
            }
            return try items.map(floats)
        }
        let w = try floats(value)
        return ys.map { _ in w }
    }

    /// The items of a list or tuple of arrays; nil for anything else (an array, or a list of numbers).
    private func arrayItems(_ value: Value) -> [Value]? {
        guard let items = KerasArguments.sequence(value), !items.isEmpty else { return nil }
        let numbers = items.allSatisfy { $0.asDouble != nil }
        return numbers ? nil : items
    }
}
