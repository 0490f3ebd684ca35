import Tensor

/// What `model.compile(optimizer, loss, metrics)` sets up.
public struct CompileSetup {
    public let optimizer: Optimizer
    public let loss: Loss
    /// Each metric with the name it has in the logs and the history: the name the user gave
    /// (`accuracy`, `acc`, `sparse_categorical_accuracy`).
    public let metrics: [(name: String, metric: Metric)]

    public init(optimizer: Optimizer, loss: Loss, metrics: [(name: String, metric: Metric)]) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
    }

    /// The keys of the logs, in the order Keras 3 lists them: metrics, then `loss`.
    public var logNames: [String] { metrics.map(\.name) + ["loss"] }
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
