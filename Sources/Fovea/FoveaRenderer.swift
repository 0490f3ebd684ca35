import FoveaLang
import NeuralNet
import Rendering

/// Rendering's HTML and text for a model summary, and its PNGs and HTML tables for pictures.
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
}
