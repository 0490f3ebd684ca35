import Figures
import FoveaLang
import NeuralNet

// The network library's and the figures' values that the language shows richly. The language
// emits them as they are; the `fovea` executable renders each kind through Rendering. The plain
// text here is what a host without Rendering (a test, a terminal tool) shows.

extension ModelSummary: RichValue {
    public var plainText: String {
        var lines = ["Model: \"\(modelName)\""]
        for r in rows {
            let shape = r.outputShape.map(formatShape) ?? "?"
            lines.append("\(r.name) (\(r.className))  \(shape)  \(r.params.map(groupedDigits) ?? "0 (unbuilt)")")
        }
        lines.append("Total params: \(groupedDigits(totalParams))")
        return lines.joined(separator: "\n")
    }
}

extension Picture: RichValue {
    public var plainText: String { text }
}

extension TrainingProgress: RichValue {
    public var plainText: String {
        let what: String
        switch kind {
        case .fit: what = "epoch \(epoch)/\(epochs)"
        case .evaluate: what = "evaluate"
        case .predict: what = "predict"
        }
        return "\(what) step \(step)/\(steps)"
            + logs.map { " - \($0.name): \($0.value)" }.joined() + (message.map { "\n" + $0 } ?? "")
    }
}

/// What `fit(verbose=2)` prints after an epoch, and `evaluate(verbose=2)` at its end (`epochs`
/// nil: no "Epoch 1/5" header).
public struct EpochLine: RichValue {
    public let epoch: TrainingProgress.Epoch
    public let epochs: Int?

    public var plainText: String {
        (epochs.map { "Epoch \(epoch.number)/\($0) - " } ?? "") + "\(epoch.steps) steps"
            + epoch.logs.map { " - \($0.name): \($0.value)" }.joined()
    }
}
