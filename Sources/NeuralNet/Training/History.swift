/// What `fit` returns: Keras's `History`, whose `history` maps each log name to its value per epoch.
public struct TrainingHistory: Sendable, Equatable {
    /// The epochs that finished, 0-based as Keras's `history.epoch`.
    public var epochs: [Int] = []
    /// `accuracy`, `loss`, `val_accuracy`, `val_loss` (the keys Keras 3 uses, in its order).
    public var history: [(name: String, values: [Double])] = []
    /// Set when a loss that was not a finite number stopped training: the warning shown to the user.
    public var stoppedOnNaN: String?

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
        a.epochs == b.epochs && a.stoppedOnNaN == b.stoppedOnNaN
            && a.history.map(\.name) == b.history.map(\.name) && a.history.map(\.values) == b.history.map(\.values)
    }
}
