import Tensor

/// What `model.compile(optimizer, loss, metrics, weighted_metrics)` sets up.
public struct CompileSetup {
    public let optimizer: Optimizer
    public let loss: Loss
    /// Each metric with the name it was given: the string the user wrote (`accuracy`, `acc`,
    /// `mae`, `AUC`), or a metric object's name (`precision`, `precision_1`, `auc`). Updated
    /// without sample weights, as Keras 3 updates `metrics`.
    public let metrics: [(name: String, metric: Metric)]
    /// `weighted_metrics=`: updated with the sample weights (`sample_weight=`, `class_weight=`).
    public let weightedMetrics: [(name: String, metric: Metric)]
    /// For a model with several outputs: each output's loss, loss weight and metrics (then
    /// `loss` is the first output's loss, and `metrics` and `weightedMetrics` are empty).
    public let outputs: [OutputCompile]?

    public init(optimizer: Optimizer, loss: Loss, metrics: [(name: String, metric: Metric)],
                weightedMetrics: [(name: String, metric: Metric)] = [], outputs: [OutputCompile]? = nil) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
        self.weightedMetrics = weightedMetrics
        self.outputs = outputs
    }

    /// The metrics' names in the logs, as Keras 3's `CompileMetrics.result` makes them unique:
    /// a repeated name gets `_1`, `_2`, ...; a weighted metric whose name a plain one has taken
    /// becomes `weighted_<name>` (then `weighted_<name>_1`, ...).
    public var metricLogNames: [String] {
        var counters: [String: Int] = [:]
        var names: [String] = []
        for (name, _) in metrics {
            if let n = counters[name] {
                counters[name] = n + 1
                names.append("\(name)_\(n)")
            } else {
                counters[name] = 1
                names.append(name)
            }
        }
        for (name, _) in weightedMetrics {
            if counters[name] == nil {
                counters[name] = 1
                names.append(name)
                continue
            }
            let weighted = "weighted_\(name)"
            if let n = counters[weighted] {
                counters[weighted] = n + 1
                names.append("\(weighted)_\(n)")
            } else {
                counters[weighted] = 1
                names.append(weighted)
            }
        }
        return names
    }

    /// The names the logs carry: the metrics in compile's order, then `loss`. The logs themselves
    /// reach History and the progress bar sorted by name, as in Keras 3 on TensorFlow.
    public var logNames: [String] { metricLogNames + ["loss"] }
}

extension Sequential {
    /// `model.compile(optimizer=..., loss=..., metrics=[...])`. Metric names resolve against the
    /// loss (`accuracy` means sparse categorical accuracy with sparse_categorical_crossentropy).
    public func compile(optimizer: Optimizer, loss: Loss, metrics: [String] = []) throws {
        var resolved: [(name: String, metric: Metric)] = []
        for name in metrics {
            resolved.append((name, try Metric.resolve(name, loss: loss)))
        }
        compiled = CompileSetup(optimizer: optimizer, loss: loss, metrics: resolved)
    }

    /// `model.compile` with metrics already resolved (objects and names), and weighted metrics.
    public func compile(optimizer: Optimizer, loss: Loss, metrics: [(name: String, metric: Metric)],
                        weightedMetrics: [(name: String, metric: Metric)]) {
        compiled = CompileSetup(optimizer: optimizer, loss: loss, metrics: metrics, weightedMetrics: weightedMetrics)
    }

    /// The setup, or Keras's error for training or evaluating an uncompiled model.
    func requireCompiled() throws -> CompileSetup {
        guard let compiled else {
            throw LayerError(.valueError,
                             "You must call `compile()` before using the model.",
                             hint: "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', "
                                + "metrics=['accuracy'])")
        }
        return compiled
    }
}
