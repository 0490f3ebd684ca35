import Figures
import NeuralNet

/// Keras's progress bar as text: `Epoch 1/5`, then
/// `469/469 ━━━━━━━━━━━━━━━━━━━━ 7s 14ms/step - accuracy: 0.7738 - loss: 0.6157`
/// (during an epoch the time is the ETA). The unfinished part of the bar is drawn with `─`.
public enum ProgressText {
    static let barWidth = 20

    /// Every finished epoch's final line, then the current one (what a terminal would show at the end).
    public static func render(_ p: TrainingProgress) -> String {
        var lines: [String] = []
        if p.isEvaluation {
            lines.append(line(step: p.step, steps: p.steps, time: p.phase == .running || p.phase == .started
                              ? p.eta : p.elapsed, perStep: p.secondsPerStep, logs: p.logs))
        } else {
            for e in p.finishedEpochs {
                lines.append("Epoch \(e.number)/\(p.epochs)")
                lines.append(line(step: e.steps, steps: e.steps, time: e.seconds,
                                  perStep: e.steps > 0 ? e.seconds / Double(e.steps) : 0, logs: e.logs))
            }
            if p.phase == .started || p.phase == .running || p.phase == .interrupted || p.phase == .stoppedOnNaN {
                lines.append("Epoch \(p.epoch)/\(p.epochs)")
                lines.append(line(step: p.step, steps: p.steps, time: p.eta, perStep: p.secondsPerStep, logs: p.logs))
            }
        }
        if let message = p.message { lines.append(message) }
        return lines.joined(separator: "\n")
    }

    /// What `fit(verbose=2)` prints at the end of an epoch: `Epoch 1/5` and
    /// `469/469 - 7s - 14ms/step - accuracy: 0.7738 - loss: 0.6157`; with `epochs` nil (evaluate)
    /// only the second line.
    public static func epochLine(_ e: TrainingProgress.Epoch, epochs: Int?) -> String {
        let perStep = e.steps > 0 ? e.seconds / Double(e.steps) : 0
        return (epochs.map { "Epoch \(e.number)/\($0)\n" } ?? "") + "\(e.steps)/\(e.steps) - \(Int(e.seconds.rounded()))s - "
            + stepTime(perStep) + logText(e.logs)
    }

    /// One bar line.
    public static func line(step: Int, steps: Int, time: Double, perStep: Double, logs: [TrainingProgress.Log]) -> String {
        let digits = String(steps).count
        let counter = String(repeating: " ", count: max(0, digits - String(step).count)) + "\(step)/\(steps)"
        let done = steps > 0 ? min(barWidth, barWidth * step / steps) : barWidth
        let bar = String(repeating: "━", count: done) + String(repeating: "─", count: barWidth - done)
        return "\(counter) \(bar) \(duration(time)) \(stepTime(perStep))" + logText(logs)
    }

    static func logText(_ logs: [TrainingProgress.Log]) -> String {
        logs.map { " - \($0.name): \(value($0.value))" }.joined()
    }

    /// Keras's log values: four decimals, or scientific notation below 1e-3.
    public static func value(_ v: Double) -> String {
        if !v.isFinite { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if abs(v) >= 1e-3 || v == 0 { return Formatting.fixed(v, decimals: 4) }
        return scientific(v)
    }

    /// `%.4e`.
    static func scientific(_ v: Double) -> String {
        var exponent = 0
        var m = abs(v)
        while m < 1 { m *= 10; exponent -= 1 }
        var digits = Formatting.fixed(m, decimals: 4)
        if digits.hasPrefix("10.") { digits = "1.0000"; exponent += 1 }
        let e = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
        return (v < 0 ? "-" : "") + digits + "e" + (exponent < 0 ? "-" : "+") + e
    }

    /// Keras's ETA and total time: `1:02:03`, `1:23`, `7s`.
    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600):" + two((s % 3600) / 60) + ":" + two(s % 60) }
        if s >= 60 { return "\(s / 60):" + two(s % 60) }
        return "\(s)s"
    }

    /// `1s/step`, `14ms/step`, `850us/step`.
    public static func stepTime(_ seconds: Double) -> String {
        if seconds >= 1 { return "\(Int(seconds.rounded()))s/step" }
        if seconds >= 1e-3 { return "\(Int((seconds * 1e3).rounded()))ms/step" }
        return "\(Int((seconds * 1e6).rounded()))us/step"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
