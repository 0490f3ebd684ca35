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
    var attributeNames: [String] { ["epoch", "history", "model", "params"] }

    func attribute(_ name: String, context: CallContext) throws -> Value? {
        switch name {
        case "history":
            let d = DictBox()
            for (key, values) in history.history { d.set(.str(key), .str(key), .list(values.map { .float($0) })) }
            return .dict(d)
        case "epoch": return .list(history.epochs.map { .int($0) })
        case "params":
            let d = DictBox()
            for (k, v) in params { d.set(.str(k), .str(k), v) }
            return .dict(d)
        case "model": return model.map { .object($0) } ?? Value.none
        default: return nil
        }
    }
}
