import JSON
import NeuralNet

/// Keras's `compile_config` (in `config.json`) and the legacy `training_config` (in an `.h5`
/// file): the optimizer's config, the loss and the metrics by name; and compiling a loaded model
/// from them again.
public enum CompileConfig {
    /// The optimizer's keys Keras writes before and after the class's own, with Keras's defaults.
    static let baseKeys: [(String, JSON)] = [
        ("weight_decay", .null), ("clipnorm", .null), ("global_clipnorm", .null), ("clipvalue", .null), ("use_ema", false),
        ("ema_momentum", 0.99), ("ema_overwrite_frequency", .null), ("loss_scale_factor", .null),
        ("gradient_accumulation_steps", .null),
    ]

    /// `{"name": "adam", "learning_rate": 0.001..., "weight_decay": null, ..., "beta_1": 0.9, ...}`.
    public static func optimizerConfig(_ optimizer: Optimizer) -> JSONObject {
        var pairs = optimizer.config.map { ($0.0, pythonLiteral($0.1)) }
        let head = pairs.prefix { $0.0 == "name" || $0.0 == "learning_rate" }
        pairs.removeFirst(head.count)
        return JSONObject(Array(head) + baseKeys + pairs)
    }

    public static func optimizer(_ optimizer: Optimizer) -> JSON {
        KerasObjects.serialized(module: "keras.optimizers", className: optimizer.className, config: optimizerConfig(optimizer))
    }

    static func loss(_ loss: Loss) -> JSON {
        guard loss.fromLogits else { return .string(loss.name) }
        let className = loss.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return KerasObjects.serialized(module: "keras.losses", className: className, config: JSONObject([
            ("name", .string(loss.name)), ("reduction", "sum_over_batch_size"), ("from_logits", true),
        ]))
    }

    /// `model.compile`'s arguments as Keras 3 saves them in `compile_config`.
    public static func config(of setup: CompileSetup) -> JSONObject {
        if let outputs = setup.outputs { return config(of: setup, outputs: outputs) }
        return JSONObject([("optimizer", optimizer(setup.optimizer)), ("loss", loss(setup.loss)), ("loss_weights", .null),
                    ("metrics", setup.metrics.isEmpty ? .null : .array(setup.metrics.map { .string($0.name) })),
                    ("weighted_metrics", .null), ("run_eagerly", false), ("steps_per_execution", 1), ("jit_compile", false)])
    }

    /// A model with several outputs: `loss`, `loss_weights`, `metrics` and `weighted_metrics` as
    /// lists with one entry per output, as Keras saves what compile was given as lists.
    static func config(of setup: CompileSetup, outputs: [OutputCompile]) -> JSONObject {
        func names(_ ms: [(name: String, metric: Metric)]) -> JSON { .array(ms.map { .string($0.name) }) }
        let weights: JSON = outputs.allSatisfy { $0.weight == nil } ? .null : .array(outputs.map { .double($0.weight ?? 1) })
        let metrics: JSON = outputs.allSatisfy { $0.metrics.isEmpty } ? .null : .array(outputs.map { names($0.metrics) })
        let weighted: JSON = outputs.allSatisfy { $0.weightedMetrics.isEmpty } ? .null : .array(outputs.map { names($0.weightedMetrics) })
        return JSONObject([("optimizer", optimizer(setup.optimizer)), ("loss", .array(outputs.map { $0.loss.map(loss) ?? .null })),
                           ("loss_weights", weights), ("metrics", metrics), ("weighted_metrics", weighted),
                           ("run_eagerly", false), ("steps_per_execution", 1), ("jit_compile", false)])
    }

    /// The legacy `training_config` attribute: the same, with `optimizer_config` last.
    public static func legacyTrainingConfig(of setup: CompileSetup) -> JSONObject {
        var config = self.config(of: setup)
        _ = config.removeValue(forKey: "optimizer")
        config["optimizer_config"] = .object(JSONObject([("class_name", .string(setup.optimizer.className)),
                                                          ("config", .object(optimizerConfig(setup.optimizer)))]))
        return config
    }

    /// Compiles `model` as a `compile_config` (or legacy `training_config`) says.
    public static func compile(_ model: Sequential, from config: JSONObject) throws {
        let optimizerJSON = config["optimizer"] ?? config["optimizer_config"] ?? .string("rmsprop")
        let optimizer = try makeOptimizer(from: optimizerJSON)
        guard let lossJSON = config["loss"], !lossJSON.isNull else { return }
        if model.symbolicOutputs.count > 1, let outputs = try perOutput(model, config) {
            try model.compile(optimizer: optimizer, outputs: outputs)
            return
        }
        let loss = try self.loss(from: lossJSON)
        var metrics: [String] = []
        for item in config["metrics"]?.arrayValue ?? [] {
            if let name = metricName(item) { metrics.append(name) }
        }
        try model.compile(optimizer: optimizer, loss: loss, metrics: metrics)
    }

    /// A metric's name in a saved config: a string, or a serialised metric's `config.name`.
    static func metricName(_ item: JSON) -> String? { item.stringValue ?? item["config"]?["name"]?.stringValue }

    /// For a model with several outputs, each output's loss, weight and metrics when the config
    /// gives them per output (lists in output order, or dicts by output name); nil when it
    /// gives one loss for all.
    static func perOutput(_ model: Sequential, _ config: JSONObject) throws -> [OutputCompile]? {
        let names = model.outputNames
        func entries(_ json: JSON?) -> [JSON?]? {
            guard let json, !json.isNull else { return nil }
            if let items = json.arrayValue { return items.count == names.count ? items : nil }
            if let object = json.objectValue, object["class_name"] == nil { return names.map { object[$0] } }
            return nil
        }
        guard let losses = entries(config["loss"]) else { return nil }
        let weights = entries(config["loss_weights"])
        let metrics = entries(config["metrics"]), weighted = entries(config["weighted_metrics"])
        return try names.indices.map { i in
            let loss = try losses[i].flatMap { $0.isNull ? nil : try self.loss(from: $0) }
            func resolved(_ list: [JSON?]?) throws -> [(name: String, metric: Metric)] {
                guard let entry = list?[i] ?? nil, !entry.isNull else { return [] }
                let items = entry.arrayValue ?? [entry]
                return try items.compactMap(metricName).map { ($0, try Metric.resolve($0, loss: loss ?? .meanSquaredError)) }
            }
            return OutputCompile(name: names[i], loss: loss, weight: weights?[i]?.doubleValue, metrics: try resolved(metrics),
                                 weightedMetrics: try resolved(weighted))
        }
    }

    /// A loss from its saved name or serialised form.
    static func loss(from lossJSON: JSON) throws -> Loss {
        let loss: Loss
        if let name = lossJSON.stringValue {
            loss = try Loss.named(name)
        } else if let className = lossJSON["class_name"]?.stringValue {
            let base = try Loss.named(className)
            let logits = lossJSON["config"]?["from_logits"]?.boolValue ?? false
            switch base {
            case .sparseCategoricalCrossentropy: loss = .sparseCategoricalCrossentropy(fromLogits: logits)
            case .categoricalCrossentropy: loss = .categoricalCrossentropy(fromLogits: logits)
            case .binaryCrossentropy: loss = .binaryCrossentropy(fromLogits: logits)
            case .meanSquaredError: loss = .meanSquaredError
            }
        } else {
            throw LayerError(.notImplementedError, "Fovea cannot compile the model with the saved loss \(lossJSON.serializedString()).",
                             hint: "Load with compile=False and call model.compile(...) yourself.")
        }
        return loss
    }

    /// An optimizer from its name or serialised form, with the saved hyperparameters.
    public static func makeOptimizer(from json: JSON) throws -> Optimizer {
        if let name = json.stringValue { return try NeuralNet.makeOptimizer(named: name) }
        guard let className = json["class_name"]?.stringValue else {
            throw LayerError.value("The saved optimizer has no class_name: \(json.serializedString().prefix(120))")
        }
        let r = ConfigReader(className: className, config: json["config"]?.objectValue ?? JSONObject())
        switch className {
        case "Adam":
            return try Adam(learningRate: r.double("learning_rate", default: 0.001), beta1: r.double("beta_1", default: 0.9),
                            beta2: r.double("beta_2", default: 0.999), epsilon: r.double("epsilon", default: 1e-7),
                            amsgrad: r.bool("amsgrad", default: false))
        case "SGD":
            return try SGD(learningRate: r.double("learning_rate", default: 0.01), momentum: r.double("momentum", default: 0),
                           nesterov: r.bool("nesterov", default: false))
        case "RMSprop":
            return try RMSprop(learningRate: r.double("learning_rate", default: 0.001), rho: r.double("rho", default: 0.9),
                               momentum: r.double("momentum", default: 0), epsilon: r.double("epsilon", default: 1e-7),
                               centered: r.bool("centered", default: false))
        default:
            return try NeuralNet.makeOptimizer(named: className)
        }
    }
}

/// A Python literal as the optimizers' `config` gives it (`'adam'`, `0.001`, `True`, `None`) as JSON.
func pythonLiteral(_ text: String) -> JSON {
    if text == "None" { return .null }
    if text == "True" { return .bool(true) }
    if text == "False" { return .bool(false) }
    if text.hasPrefix("'"), text.hasSuffix("'"), text.count >= 2 { return .string(String(text.dropFirst().dropLast())) }
    if let i = Int(text) { return .int(i) }
    if let d = Double(text) { return .double(d) }
    return .string(text)
}
