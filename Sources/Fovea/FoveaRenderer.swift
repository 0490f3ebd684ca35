import FoveaLang
import NeuralNet
import Rendering

/// The exe's renderer: Rendering's HTML and Keras-style text for the network library's data.
final class FoveaRenderer: RichRenderer {
    func summary(_ summary: ModelSummary) -> DisplayData {
        DisplayData(data: ["text/plain": SummaryText.render(summary), "text/html": SummaryHTML.render(summary)])
    }

    func progress(_ progress: TrainingProgress) -> DisplayData {
        DisplayData(data: ["text/plain": ProgressText.render(progress), "text/html": ProgressHTML.render(progress)])
    }

    func epochLine(_ epoch: TrainingProgress.Epoch, epochs: Int) -> String {
        ProgressText.epochLine(epoch, epochs: epochs)
    }
}
