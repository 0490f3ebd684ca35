import FoveaLang
import NeuralNet
import Rendering

/// The exe's renderer: Rendering's HTML, PNG and Keras-style text for the network library's data.
final class FoveaRenderer: RichRenderer {
    func summary(_ summary: ModelSummary) -> DisplayData {
        DisplayData(data: ["text/plain": SummaryText.render(summary), "text/html": SummaryHTML.render(summary)])
    }

    func picture(_ picture: Picture) -> [DisplayData] {
        PictureRendering.render(picture).map { part in
            if let png = part.png {
                return DisplayData(data: ["image/png": Base64.encode(png), "text/plain": part.text],
                                   metadata: ["image/png": ["width": part.width, "height": part.height]])
            }
            return DisplayData(data: ["text/html": part.html ?? "", "text/plain": part.text])
        }
    }

    func progress(_ progress: TrainingProgress) -> DisplayData {
        DisplayData(data: ["text/plain": ProgressText.render(progress), "text/html": ProgressHTML.render(progress)])
    }

    func epochLine(_ epoch: TrainingProgress.Epoch, epochs: Int?) -> String {
        ProgressText.epochLine(epoch, epochs: epochs)
    }
}
