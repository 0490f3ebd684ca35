/// What `compile` set up for one output of a functional model: its loss (nil: the output is
/// not trained), the loss's weight in the total, and the metrics computed on it.
public struct OutputCompile {
    /// The output layer's name: the key of `y` and `loss` dicts, and the prefix of its logs.
    public let name: String
    public let loss: Loss?
    /// `loss_weights=`: the factor of this output's loss in the total (nil: 1, as Keras).
    public let weight: Double?
    public let metrics: [(name: String, metric: Metric)]
    public let weightedMetrics: [(name: String, metric: Metric)]

    public init(name: String, loss: Loss?, weight: Double? = nil, metrics: [(name: String, metric: Metric)] = [],
                weightedMetrics: [(name: String, metric: Metric)] = []) {
        self.name = name; self.loss = loss; self.weight = weight
        self.metrics = metrics; self.weightedMetrics = weightedMetrics
    }
}

/// The names Keras 3 gives the logs of a model with several inputs or outputs (compile_utils'
/// CompileLoss and CompileMetrics on the TensorFlow backend).
public struct OutputLogNames {
    /// `<output>_loss` for each output with a loss, in output order; none when only one output
    /// has a loss (Keras adds a tracker per loss only when there are several).
    public let losses: [String?]
    /// For each output, the log name of each metric, then of each weighted metric.
    public let metrics: [[String]]
    public let weightedMetrics: [[String]]
    /// The metrics' own names in Keras's flat order (`CompileMetrics.metrics`): evaluate lists a
    /// log under such a name right after the loss.
    let plainMetricNames: [String]

    init(_ outputs: [OutputCompile]) {
        let several = outputs.count > 1
        let withLoss = outputs.filter { $0.loss != nil }.count
        losses = outputs.map { withLoss > 1 && $0.loss != nil ? "\($0.name)_loss" : nil }
        // CompileMetrics.result: the output's name as a prefix when there are several, a repeated
        // name gets _1, _2...; a weighted metric whose name is taken becomes <output>_weighted_<name>.
        var counters: [String: Int] = [:]
        func prefixed(_ output: String, _ name: String) -> String { several ? "\(output)_\(name)" : name }
        metrics = outputs.map { o in
            o.metrics.map { m in
                let name = prefixed(o.name, m.name)
                guard let n = counters[name] else { counters[name] = 1; return name }
                counters[name] = n + 1
                return "\(name)_\(n)"
            }
        }
        weightedMetrics = outputs.map { o in
            o.weightedMetrics.map { m in
                let name = prefixed(o.name, m.name)
                guard counters[name] != nil else { counters[name] = 1; return name }
                let weighted = prefixed(o.name, "weighted_\(m.name)")
                guard let n = counters[weighted] else { counters[weighted] = 1; return weighted }
                counters[weighted] = n + 1
                return "\(weighted)_\(n)"
            }
        }
        plainMetricNames = outputs.flatMap { $0.metrics.map(\.name) } + outputs.flatMap { $0.weightedMetrics.map(\.name) }
    }

    /// Keras's `_flatten_metrics_in_order`, the order of evaluate's list: `loss`, the logs named
    /// as a metric is (a single output's), each output's loss, then the rest sorted by name.
    public func listOrder(_ logs: [TrainingProgress.Log]) -> [TrainingProgress.Log] {
        var out: [TrainingProgress.Log] = []
        var taken = Set<String>()
        for name in ["loss"] + plainMetricNames + losses.compactMap({ $0 }) where !taken.contains(name) {
            if let log = logs.first(where: { $0.name == name }) { out.append(log); taken.insert(name) }
        }
        return out + logs.filter { !taken.contains($0.name) }.sorted { $0.name < $1.name }
    }
}

extension CompileSetup {
    /// One entry per output: what compile set for a model with several outputs, or the single
    /// loss and metrics of a one-output model. A setup with one loss on a model with several
    /// outputs (a model loaded from a file whose compile_config names one loss) applies that
    /// loss, and those metrics, to every output, as Keras applies a single loss.
    public func perOutput(names: [String]) -> [OutputCompile] {
        if let outputs { return outputs }
        return (names.isEmpty ? ["output"] : names).map {
            OutputCompile(name: $0, loss: loss, metrics: metrics, weightedMetrics: weightedMetrics)
        }
    }
}

extension Sequential {
    /// `model.compile` for a model with several outputs: one `OutputCompile` per output, in the
    /// order of `model.outputs`.
    public func compile(optimizer: Optimizer, outputs: [OutputCompile]) throws {
        guard let graph, graph.outputs.count == outputs.count else {
            throw LayerError.value("The model \"\(name)\" has \(symbolicOutputs.count) output(s); compile received \(outputs.count).")
        }
        guard let first = outputs.first(where: { $0.loss != nil })?.loss else {
            throw LayerError.value("compile() needs a loss for at least one output. Received: loss=None for every output",
                                   argument: "loss", hint: "loss=['sparse_categorical_crossentropy', 'mse'], one per output")
        }
        compiled = CompileSetup(optimizer: optimizer, loss: first, metrics: [], weightedMetrics: [], outputs: outputs)
    }

    /// The output layers' names, the keys of `y`, `loss` and `metrics` dicts.
    public var outputNames: [String] { symbolicOutputs.map { $0.layer.name } }
}
