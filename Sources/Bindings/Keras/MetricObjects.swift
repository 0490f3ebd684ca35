import FoveaLang
import NeuralNet
import Tensor

/// A metric made in the language (`keras.metrics.Precision()`), for `compile(metrics=[...])`
/// or used on its own: `m.update_state(y_true, y_pred)`, `m.result()`, `m.reset_state()`.
/// Its state is its own: compile copies the metric, and fit's metrics start again every epoch.
final class MetricObject: FoveaObject {
    let metric: Metric
    let name: String
    var state: MetricState

    init(_ metric: Metric, name: String) {
        self.metric = metric
        self.name = name
        state = MetricState(metric)
    }

    var typeName: String { metric.className }
    var doc: String { MetricClasses.entries.first { $0.metric.className == metric.className }?.doc ?? "A metric." }
    func repr() -> String { "<\(metric.className) name=\(name)>" }
    var hostClass: AnyHostClass? { MetricObject.binding }
    var isCallable: Bool { true }

    /// `m(y_true, y_pred)`: updates the state and returns the result, as Keras's `Metric.__call__`.
    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        let f = NativeFunction(metric.className, doc: "update_state, then result", parameters: MetricObject.updateParameters) { a, ctx in
            try self.update(a)
            return self.resultValue()
        }
        return try f.call(arguments, context: context)
    }

    static let updateParameters: [NativeParameter] = [.required("y_true"), .required("y_pred"), .optional("sample_weight", default: Value.none)]

    func update(_ a: BoundArguments) throws {
        let yTrue = try TensorObject.tensor(from: a["y_true"]!, argument: "y_true", at: a.span(of: "y_true"))
        let yPred = try TensorObject.tensor(from: a["y_pred"]!, argument: "y_pred", at: a.span(of: "y_pred")).converted(to: .float32)
        let samples = yPred.shape.rank > 0 ? yPred.shape[0] : 1
        let weights = try SampleWeightArguments.weights(a, "sample_weight", samples: samples)
        do {
            try state.update(predictions: yPred.shape.rank == 0 ? try yPred.reshaped(Shape([1])) : yPred,
                             targets: yTrue.shape.rank == 0 ? try yTrue.reshaped(Shape([1])) : yTrue, sampleWeights: weights)
        } catch let e as LayerError {
            throw e.diagnostic(a)
        }
    }

    func resultValue() -> Value { TF.wrap(Tensor.scalar(state.result, dtype: .float32)) }

    static let binding = HostClass<MetricObject>("Metric", module: "keras.metrics", doc: "A metric, for compile(metrics=[...]) or on its own.")
        .property("name", doc: "The metric's name: the key of its value in fit's logs and History.") { m, _ in .str(m.name) }
        .property("dtype", doc: "The dtype of the metric's result.") { _, _ in .str("float32") }
        .method("update_state", updateParameters, doc: "Add a batch of targets and predictions (and optional per-sample weights) to what the metric has seen.") { m, a, _ in
            try m.update(a)
            return .none
        }
        .method("result", doc: "The metric's value over everything seen since the last reset, as a float32 tensor.") { m, _, _ in
            m.resultValue()
        }
        .method("reset_state", doc: "Forget everything seen: the result is 0 again.") { m, _, _ in
            m.state.reset()
            return .none
        }
        .method("reset_states", doc: "tf.keras 2's name for reset_state.") { m, _, _ in
            m.state.reset()
            return .none
        }
        .method("get_config", doc: "The metric's name and settings as a dict.") { m, _, _ in
            let d = DictBox()
            d.set(.str("name"), .str("name"), .str(m.name))
            d.set(.str("dtype"), .str("dtype"), .str("float32"))
            switch m.metric {
            case .binaryAccuracy(let t): d.set(.str("threshold"), .str("threshold"), .float(t))
            case .topKCategoricalAccuracy(let k), .sparseTopKCategoricalAccuracy(let k): d.set(.str("k"), .str("k"), .int(k))
            case .precision(let t), .recall(let t):
                d.set(.str("thresholds"), .str("thresholds"), t == 0.5 ? Value.none : .float(t))
                d.set(.str("top_k"), .str("top_k"), Value.none)
                d.set(.str("class_id"), .str("class_id"), Value.none)
            case .count(_, let t):
                d.set(.str("thresholds"), .str("thresholds"), t == 0.5 ? Value.none : .float(t))
            case .binaryCrossentropy(let logits):
                d.set(.str("from_logits"), .str("from_logits"), .bool(logits))
                d.set(.str("label_smoothing"), .str("label_smoothing"), .float(0))
            case .auc(let n, let logits), .prAUC(let n, let logits):
                let pr: Bool
                if case .prAUC = m.metric { pr = true } else { pr = false }
                d.set(.str("num_thresholds"), .str("num_thresholds"), .int(n))
                d.set(.str("curve"), .str("curve"), .str(pr ? "PR" : "ROC"))
                d.set(.str("summation_method"), .str("summation_method"), .str("interpolation"))
                d.set(.str("multi_label"), .str("multi_label"), .bool(false))
                d.set(.str("from_logits"), .str("from_logits"), .bool(logits))
            default: break
            }
            return .dict(d)
        }
}

/// `keras.metrics`: the metric classes, with Keras's arguments and default names.
enum MetricClasses {
    struct Entry {
        let metric: Metric
        let doc: String
        let parameters: [NativeParameter]
        /// The configured metric from the constructor's arguments.
        let make: (BoundArguments) throws -> Metric
    }

    private static func fixed(_ metric: Metric, _ doc: String, extra: [NativeParameter] = [],
                              make: ((BoundArguments) throws -> Metric)? = nil) -> Entry {
        Entry(metric: metric, doc: doc,
              parameters: extra + [.optional("name", default: .str(metric.name)), .optional("dtype", default: Value.none)],
              make: make ?? { _ in metric })
    }

    static let entries: [Entry] = [
        fixed(.accuracy, "Accuracy(name='accuracy')\n\nHow often the predictions equal the targets exactly."),
        fixed(.binaryAccuracy(threshold: 0.5), "BinaryAccuracy(name='binary_accuracy', threshold=0.5)\n\nHow often (prediction > threshold) equals the 0/1 target.",
              extra: [], make: nil),
        fixed(.categoricalAccuracy, "CategoricalAccuracy(name='categorical_accuracy')\n\nHow often the highest prediction is the one-hot target's class."),
        fixed(.sparseCategoricalAccuracy, "SparseCategoricalAccuracy(name='sparse_categorical_accuracy')\n\nHow often the highest prediction is the integer label."),
        fixed(.topKCategoricalAccuracy(k: 5), "TopKCategoricalAccuracy(k=5, name='top_k_categorical_accuracy')\n\nHow often the one-hot target's class is among the k highest predictions.",
              extra: [.optional("k", default: .int(5))], make: { a in .topKCategoricalAccuracy(k: try k(a)) }),
        fixed(.sparseTopKCategoricalAccuracy(k: 5), "SparseTopKCategoricalAccuracy(k=5, name='sparse_top_k_categorical_accuracy')\n\nHow often the integer label is among the k highest predictions.",
              extra: [.optional("k", default: .int(5))], make: { a in .sparseTopKCategoricalAccuracy(k: try k(a)) }),
        fixed(.meanAbsoluteError, "MeanAbsoluteError(name='mean_absolute_error')\n\nThe mean of |prediction - target|."),
        fixed(.meanSquaredError, "MeanSquaredError(name='mean_squared_error')\n\nThe mean of (prediction - target) ** 2."),
        fixed(.rootMeanSquaredError, "RootMeanSquaredError(name='root_mean_squared_error')\n\nThe square root of the mean of (prediction - target) ** 2 over everything seen."),
        Entry(metric: .precision(threshold: 0.5),
              doc: "Precision(thresholds=None, top_k=None, class_id=None, name=None)\n\nOf the outputs predicted positive (above the threshold, 0.5 by default), the fraction that are positive: true positives / (true positives + false positives), counted over the whole epoch.",
              parameters: confusionParameters, make: { a in .precision(threshold: try threshold(a)) }),
        Entry(metric: .recall(threshold: 0.5),
              doc: "Recall(thresholds=None, top_k=None, class_id=None, name=None)\n\nOf the positive targets, the fraction predicted positive (above the threshold, 0.5 by default): true positives / (true positives + false negatives), counted over the whole epoch.",
              parameters: confusionParameters, make: { a in .recall(threshold: try threshold(a)) }),
        Entry(metric: .auc(numThresholds: 200, fromLogits: false),
              doc: "AUC(num_thresholds=200, curve='ROC', summation_method='interpolation', name=None, from_logits=False)\n\nThe area under the ROC curve (true positive rate against false positive rate), from counts at num_thresholds thresholds over the whole epoch.",
              parameters: [.optional("num_thresholds", default: .int(200)), .optional("curve", default: .str("ROC")),
                           .optional("summation_method", default: .str("interpolation")), .optional("name", default: Value.none),
                           .optional("dtype", default: Value.none), .optional("thresholds", default: Value.none),
                           .optional("multi_label", default: .bool(false)), .optional("num_labels", default: Value.none),
                           .optional("label_weights", default: Value.none), .optional("from_logits", default: .bool(false))],
              make: auc),
    ] + Metric.ConfusionCell.allCells.map { cell in
        Entry(metric: .count(cell, threshold: 0.5),
              doc: "\(cell.rawValue)(thresholds=None, name=None)\n\nThe (sample-weighted) number of \(cell.words) over the epoch, a value being positive when above the threshold (0.5 by default).",
              parameters: [.optional("thresholds", default: Value.none), .optional("name", default: Value.none), .optional("dtype", default: Value.none)],
              make: { a in .count(cell, threshold: try threshold(a)) })
    } + [
        fixed(.binaryCrossentropy(fromLogits: false), "BinaryCrossentropy(name='binary_crossentropy', from_logits=False, label_smoothing=0)\n\nThe mean binary crossentropy between 0/1 targets and predicted probabilities (or logits).",
              extra: [], make: nil).with(parameters: [.optional("name", default: .str("binary_crossentropy")), .optional("dtype", default: Value.none),
                                                       .optional("from_logits", default: .bool(false)), .optional("label_smoothing", default: .int(0))]) { a in
            if let v = a["label_smoothing"], let d = v.asDouble, d != 0 {
                throw Diagnostic(.notImplementedError, "Fovea's BinaryCrossentropy metric does not smooth labels yet. Received: label_smoothing=\(Repr.repr(v))",
                                 at: a.span(of: "label_smoothing"), notes: ["help: leave label_smoothing=0"])
            }
            return .binaryCrossentropy(fromLogits: a.bool("from_logits"))
        },
    ]

    static let confusionParameters: [NativeParameter] = [
        .optional("thresholds", default: Value.none), .optional("top_k", default: Value.none), .optional("class_id", default: Value.none),
        .optional("name", default: Value.none), .optional("dtype", default: Value.none),
    ]

    private static func k(_ a: BoundArguments) throws -> Int {
        let k = try a.int("k")
        guard k > 0 else {
            throw Diagnostic(.valueError, "`k` must be a positive integer: the number of highest predictions to look in. Received: k=\(k)",
                             at: a.span(of: "k"))
        }
        return k
    }

    private static func threshold(_ a: BoundArguments) throws -> Double {
        for name in ["top_k", "class_id"] where !(a[name] ?? .none).isNone {
            throw Diagnostic(.notImplementedError, "Fovea's Precision and Recall count every output value; `\(name)` is not supported yet.",
                             at: a.span(of: name), notes: ["help: leave \(name)=None"])
        }
        guard let v = a["thresholds"], !v.isNone else { return 0.5 }
        if let items = KerasArguments.sequence(v) {
            guard items.count == 1, let t = items[0].asDouble else {
                throw Diagnostic(.notImplementedError, "Fovea's Precision and Recall take one threshold. Received: thresholds=\(Repr.repr(v))",
                                 at: a.span(of: "thresholds"), notes: ["help: make one metric per threshold: Precision(thresholds=0.3)"])
            }
            return try checkedThreshold(t, a)
        }
        guard let t = v.asDouble else {
            throw Diagnostic(.typeError, "Expected `thresholds` to be a float in [0, 1]. Received: thresholds=\(Repr.repr(v))", at: a.span(of: "thresholds"))
        }
        return try checkedThreshold(t, a)
    }

    private static func checkedThreshold(_ t: Double, _ a: BoundArguments) throws -> Double {
        // Keras's `assert_thresholds_range`.
        guard t >= 0, t <= 1 else {
            throw Diagnostic(.valueError, "Threshold values must be in [0, 1]. Received: [\(Repr.repr(.float(t)))]", at: a.span(of: "thresholds"))
        }
        return t
    }

    private static func auc(_ a: BoundArguments) throws -> Metric {
        let n = try a.int("num_thresholds")
        guard n > 1 else {
            throw Diagnostic(.valueError, "Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=\(n)", at: a.span(of: "num_thresholds"))
        }
        let curve = try a.string("curve"), summation = try a.string("summation_method")
        guard ["ROC", "PR", "PRGAIN"].contains(curve.uppercased()) else {
            throw Diagnostic(.valueError, "Invalid AUC curve value: \"\(curve)\". Expected values are [\"PR\", \"ROC\"]", at: a.span(of: "curve"))
        }
        guard curve.uppercased() != "PRGAIN" else {
            throw Diagnostic(.notImplementedError, "Fovea computes the AUC of the ROC and PR curves only. Received: curve='\(curve)'", at: a.span(of: "curve"),
                             notes: ["help: curve='ROC' or curve='PR'"])
        }
        guard summation.lowercased() == "interpolation" else {
            throw Diagnostic(.notImplementedError, "Fovea sums the AUC by interpolation only. Received: summation_method='\(summation)'",
                             at: a.span(of: "summation_method"), notes: ["help: leave summation_method='interpolation'"])
        }
        for name in ["thresholds", "num_labels", "label_weights"] where !(a[name] ?? .none).isNone {
            throw Diagnostic(.notImplementedError, "Fovea's AUC uses num_thresholds evenly spread thresholds over one label; `\(name)` is not supported yet.",
                             at: a.span(of: name), notes: ["help: leave \(name)=None"])
        }
        if a.bool("multi_label") {
            throw Diagnostic(.notImplementedError, "Fovea's AUC treats every output value as one data point; multi_label=True is not supported yet.",
                             at: a.span(of: "multi_label"))
        }
        return curve.uppercased() == "PR" ? .prAUC(numThresholds: n, fromLogits: a.bool("from_logits"))
            : .auc(numThresholds: n, fromLogits: a.bool("from_logits"))
    }

    static func module(_ name: String, _ store: SessionStore) -> ModuleValue {
        let m = ModuleValue(name, doc: "Keras metrics: what fit, evaluate and History report besides the loss. Pass them to compile(metrics=[...]), as objects or by name ('accuracy', 'mae', 'auc').")
        let st = KerasModules.state(store)
        for e in entries {
            let constructor = NativeFunction(e.metric.className, doc: e.doc, parameters: e.parameters) { args, _ in
                let metric = try e.make(args)
                let name: String
                if let given = try args.optionalString("name") {
                    name = given
                } else {
                    name = e.metric.isAutoNamed ? st.nn.names.autoName(forClass: e.metric.className) : e.metric.name
                }
                return .object(MetricObject(metric, name: name))
            }
            m.add(TypeValue(objectClass: e.metric.className, module: name, doc: e.doc, constructor: constructor))
        }
        let base = MetricObject.binding.typeValue(constructor: nil)
        m.add(base)
        return m
    }
}

extension MetricClasses.Entry {
    /// The same metric class with other parameters and constructor.
    func with(parameters: [NativeParameter], make: @escaping (BoundArguments) throws -> Metric) -> MetricClasses.Entry {
        MetricClasses.Entry(metric: metric, doc: doc, parameters: parameters, make: make)
    }
}

extension Metric.ConfusionCell {
    static let allCells: [Metric.ConfusionCell] = [.truePositives, .falsePositives, .trueNegatives, .falseNegatives]
    /// How the docs say it: "true positives".
    var words: String {
        switch self {
        case .truePositives: return "true positives"
        case .falsePositives: return "false positives"
        case .trueNegatives: return "true negatives"
        case .falseNegatives: return "false negatives"
        }
    }
}

/// `sample_weight=` as fit, evaluate and `update_state` take it: None, a number for every
/// sample, or one number per sample.
enum SampleWeightArguments {
    static func weights(_ a: BoundArguments, _ name: String, samples: Int) throws -> [Float]? {
        guard let v = a[name], !v.isNone else { return nil }
        if let d = v.asDouble { return Array(repeating: Float(d), count: samples) }
        let t = try TensorObject.tensor(from: v, argument: name, at: a.span(of: name))
        let dims = t.shape.dims
        guard dims.count == 1 || (dims.count == 2 && dims[1] == 1) else {
            throw Diagnostic(.valueError, "Fovea takes one sample weight per sample: `\(name)` of shape (\(samples),). Received: \(name).shape=\(NeuralNet.formatShape(dims.map { Optional($0) }))",
                             at: a.span(of: name))
        }
        return t.converted(to: .float32).floatArray
    }
}
