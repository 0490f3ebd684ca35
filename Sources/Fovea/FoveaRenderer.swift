import FoveaLang
import NeuralNet
import Rendering

/// Rendering's HTML table and Keras's box-drawn text for a model summary, as one display.
final class FoveaRenderer: RichRenderer {
    func summary(_ summary: ModelSummary) -> DisplayData {
        DisplayData(data: ["text/plain": SummaryText.render(summary), "text/html": SummaryHTML.render(summary)])
    }
}
