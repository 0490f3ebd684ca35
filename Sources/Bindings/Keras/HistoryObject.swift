import FoveaLang
import NeuralNet

/// What `fit` returns: `history.history` is a dict from `loss`, `accuracy`, `val_loss`,
/// `val_accuracy` to one value per epoch; `history.epoch` lists the epochs (from 0).
final class HistoryObject: FoveaObject {
    let history: TrainingHistory
    let params: [(String, Value)]
    weak var model: ModelObject?

    init(_ history: TrainingHistory, params: [(String, Value)], model: ModelObject) {
        self.history = history
        self.params = params
        self.model = model
    }

    var typeName: String { "History" }
    var doc: String {
        "What fit() returns. history.history is a dict from 'loss', 'accuracy' (and 'val_loss', 'val_accuracy' "
            + "with validation data) to a list with one value per epoch; plot it with plot_history(history)."
    }
    func repr() -> String { "<keras.callbacks.History object: \(history.epochs.count) epochs, keys \(keysText)>" }
    private var keysText: String { "[" + history.history.map { "'\($0.name)'" }.joined(separator: ", ") + "]" }
    var hostClass: AnyHostClass? { HistoryObject.binding }

    static let binding = HostClass<HistoryObject>("History", module: "keras.callbacks", doc: "What fit() returns.")
        .property("history", doc: "A dict from each metric's name to its value per epoch.") { h, _ in
            let d = DictBox()
            for (key, values) in h.history.history { d.set(.str(key), .str(key), .list(values.map { .float($0) })) }
            return .dict(d)
        }
        .property("epoch", doc: "The epochs run, from 0.") { h, _ in .list(h.history.epochs.map { .int($0) }) }
        .property("params", doc: "fit's settings: verbose, epochs, steps.") { h, _ in
            let d = DictBox()
            for (k, v) in h.params { d.set(.str(k), .str(k), v) }
            return .dict(d)
        }
        .property("model", doc: "The model that was trained.") { h, _ in h.model.map { .object($0) } ?? Value.none }
}
