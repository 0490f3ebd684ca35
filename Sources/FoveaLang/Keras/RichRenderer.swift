import NeuralNet

/// How the host turns the network library's data into displays; the `fovea` executable supplies
/// Rendering's HTML, PNG and text. Without one, a plain-text fallback is shown.
public protocol RichRenderer: AnyObject {
    func summary(_ summary: ModelSummary) -> DisplayData
    /// The displays of a picture, in order: PNGs (`image/png` as base64, with width and height
    /// metadata) and HTML tables, each with a `text/plain` fallback.
    func picture(_ picture: Picture) -> [DisplayData]
    /// The live progress of fit/evaluate (verbose=1): HTML with a text/plain fallback.
    func progress(_ progress: TrainingProgress) -> DisplayData
    /// What fit(verbose=2) prints after an epoch (`epochs` nil: evaluate's line, no epoch header).
    func epochLine(_ epoch: TrainingProgress.Epoch, epochs: Int?) -> String
}

extension RichRenderer {
    /// Hosts without pictures show their text.
    public func picture(_ picture: Picture) -> [DisplayData] { [.plain(picture.text)] }
    /// Hosts without Rendering show progress and epoch lines as plain text.
    public func progress(_ progress: TrainingProgress) -> DisplayData { KerasRendering.PlainRenderer.shared.progress(progress) }
    public func epochLine(_ epoch: TrainingProgress.Epoch, epochs: Int?) -> String {
        KerasRendering.PlainRenderer.shared.epochLine(epoch, epochs: epochs)
    }
}

enum KerasRendering {
    static func renderer(_ context: CallContext) -> RichRenderer { context.richRenderer ?? PlainRenderer.shared }

    /// Text only: for tests and hosts without Rendering.
    final class PlainRenderer: RichRenderer {
        static let shared = PlainRenderer()
        func summary(_ s: ModelSummary) -> DisplayData {
            var lines = ["Model: \"\(s.modelName)\""]
            for r in s.rows {
                let shape = r.outputShape.map(formatShape) ?? "?"
                lines.append("\(r.name) (\(r.className))  \(shape)  \(r.params.map(groupedDigits) ?? "0 (unbuilt)")")
            }
            lines.append("Total params: \(groupedDigits(s.totalParams))")
            return .plain(lines.joined(separator: "\n"))
        }
        func picture(_ picture: Picture) -> [DisplayData] { [.plain(picture.text)] }
        func progress(_ p: TrainingProgress) -> DisplayData {
            .plain("\(p.isEvaluation ? "evaluate" : "epoch \(p.epoch)/\(p.epochs)") step \(p.step)/\(p.steps)"
                   + p.logs.map { " - \($0.name): \($0.value)" }.joined() + (p.message.map { "\n" + $0 } ?? ""))
        }
        func epochLine(_ e: TrainingProgress.Epoch, epochs: Int?) -> String {
            (epochs.map { "Epoch \(e.number)/\($0) - " } ?? "") + "\(e.steps) steps"
                + e.logs.map { " - \($0.name): \($0.value)" }.joined()
        }
    }
}
