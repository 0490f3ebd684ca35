import Figures
import NeuralNet

/// The live progress of `fit`/`evaluate`/`predict` as HTML: a line per finished epoch, then a bar
/// for the current one (or the one pass) with step, elapsed time, ETA and the running loss and
/// accuracy.
public enum ProgressHTML {
    public static func render(_ p: TrainingProgress) -> String {
        var html = "<div class=\"fovea-progress\" style=\"font-family: var(--jp-code-font-family, monospace); "
            + "font-size: 12px; line-height: 1.6;\">"
        if !p.isEvaluation {
            for e in p.finishedEpochs {
                let perStep = e.steps > 0 ? e.seconds / Double(e.steps) : 0
                html += "<div>" + bar(fraction: 1, color: "#2e7d32")
                    + " <b>Epoch \(e.number)/\(p.epochs)</b> \(e.steps)/\(e.steps) · "
                    + "\(ProgressText.duration(e.seconds)) \(ProgressText.stepTime(perStep))" + logs(e.logs) + "</div>"
            }
        }
        let current = p.phase == .started || p.phase == .running || p.phase == .interrupted
            || p.phase == .stoppedOnNaN || p.isEvaluation
        if current {
            let fraction = p.steps > 0 ? Double(p.step) / Double(p.steps) : 0
            let label = switch p.kind {
            case .fit: "Epoch \(p.epoch)/\(p.epochs)"
            case .evaluate: "Evaluate"
            case .predict: "Predict"
            }
            let timing = p.phase == .running || p.phase == .started
                ? "elapsed \(ProgressText.duration(p.elapsed)) · ETA \(ProgressText.duration(p.eta))"
                : "\(ProgressText.duration(p.elapsed)) \(ProgressText.stepTime(p.secondsPerStep))"
            let color = p.phase == .interrupted || p.phase == .stoppedOnNaN ? "#c62828" : "#1976d2"
            html += "<div>" + bar(fraction: fraction, color: color) + " <b>\(label)</b> "
                + "step \(p.step)/\(p.steps) · \(timing)" + logs(p.logs) + "</div>"
        }
        if let message = p.message {
            html += "<div style=\"color: #c62828;\">" + SummaryHTML.escape(message) + "</div>"
        }
        return html + "</div>"
    }

    static func bar(fraction: Double, color: String) -> String {
        let percent = Formatting.fixed(min(max(fraction, 0), 1) * 100, decimals: 1)
        return "<span style=\"display: inline-block; vertical-align: middle; width: 200px; height: 10px; "
            + "background: #e0e0e0; border-radius: 3px; overflow: hidden;\"><span style=\"display: block; "
            + "height: 100%; width: \(percent)%; background: \(color);\"></span></span>"
    }

    static func logs(_ logs: [TrainingProgress.Log]) -> String {
        logs.map { " · \(SummaryHTML.escape($0.name)) <b>\(ProgressText.value($0.value))</b>" }.joined()
    }
}
