/// What `fit` returns: Keras's `History`, whose `history` maps each log name to its value per epoch.
public struct TrainingHistory: Sendable, Equatable {
    /// The epochs that finished, 0-based as Keras's `history.epoch`.
    public var epochs: [Int] = []
    /// `accuracy`, `loss`, `val_accuracy`, `val_loss` (the keys Keras 3 uses, in its order).
    public var history: [(name: String, values: [Double])] = []
    /// Set when a loss that was not a finite number stopped training: the warning shown to the user.
    public var stoppedOnNaN: String?
    /// Set when a dataset ran out of batches before `steps_per_epoch * epochs`: Keras's warning.
    public var ranOutOfData: String?
    /// Where the time went, when `FitOptions.profile` asked.
    public var profile: TrainingProfile?

    public init() {}

    mutating func record(epoch: Int, logs: [TrainingProgress.Log]) {
        epochs.append(epoch)
        for log in logs {
            if let i = history.firstIndex(where: { $0.name == log.name }) {
                history[i].values.append(log.value)
            } else {
                history.append((log.name, [log.value]))
            }
        }
    }

    public func values(_ name: String) -> [Double]? { history.first { $0.name == name }?.values }

    public static func == (a: TrainingHistory, b: TrainingHistory) -> Bool {
        a.epochs == b.epochs && a.stoppedOnNaN == b.stoppedOnNaN && a.ranOutOfData == b.ranOutOfData && a.profile == b.profile
            && a.history.map(\.name) == b.history.map(\.name) && a.history.map(\.values) == b.history.map(\.values)
    }
}

/// Seconds spent per layer (forward and backward) and outside the layers during a fit.
public struct TrainingProfile: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var className: String
        public var forward = 0.0
        public var backward = 0.0
    }

    public var rows: [Row]
    /// Copying batches out of the data set.
    public var batches = 0.0
    /// The loss and its gradient.
    public var loss = 0.0
    /// The optimizer's updates.
    public var optimizer = 0.0

    init(layers: [(String, String)]) { rows = layers.map { Row(name: $0.0, className: $0.1) } }

    public var total: Double { rows.reduce(batches + loss + optimizer) { $0 + $1.forward + $1.backward } }

    /// A small table: one line per layer, then the rest, in seconds and percent of the total.
    public var table: String {
        let t = max(total, 1e-12)
        func cell(_ s: Double) -> String {
            let ms = Int((s * 1000).rounded())
            let pct = Int((s / t * 100).rounded())
            return "\(ms) ms (\(pct)%)"
        }
        var lines = ["layer                     forward              backward"]
        for r in rows {
            let label = "\(r.name) (\(r.className))"
            lines.append(label.padding(26) + cell(r.forward).padding(21) + cell(r.backward))
        }
        lines.append("batches".padding(26) + cell(batches))
        lines.append("loss".padding(26) + cell(loss))
        lines.append("optimizer".padding(26) + cell(optimizer))
        lines.append("total".padding(26) + "\(Int((total * 1000).rounded())) ms")
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
