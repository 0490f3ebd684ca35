import Bindings
import Figures
import FoveaLang
import JSON
import NeuralNet
import Rendering

/// One display bundle: MIME type to content (`image/png` as base64), and per-MIME metadata such
/// as an image's width and height.
struct Bundle {
    var data: [String: String]
    var metadata: [String: [String: Int]] = [:]

    var dataJSON: JSON {
        var o = JSONObject()
        for key in data.keys.sorted() { o[key] = .string(data[key]!) }
        return .object(o)
    }

    var metadataJSON: JSON {
        var o = JSONObject()
        for (mime, facts) in metadata.sorted(by: { $0.key < $1.key }) {
            var f = JSONObject()
            for (k, v) in facts.sorted(by: { $0.key < $1.key }) { f[k] = .int(v) }
            o[mime] = .object(f)
        }
        return .object(o)
    }
}

/// Turns what the language shows into Jupyter bundles, each rich value once, through Rendering:
/// summaries as HTML and Keras's text, figures as PNGs, progress as HTML and text.
enum FoveaRenderer {
    /// The bundles of one display, in order (a figure may be several images and tables).
    static func bundles(_ display: Display) -> [Bundle] {
        switch display {
        case .text(let text):
            return [Bundle(data: ["text/plain": text])]
        case .rich(let value):
            switch value {
            case let summary as ModelSummary:
                return [Bundle(data: ["text/plain": SummaryText.render(summary), "text/html": SummaryHTML.render(summary)])]
            case let picture as Picture:
                return PictureRendering.render(picture).map { part in
                    if let png = part.png {
                        return Bundle(data: ["image/png": Base64.encode(png), "text/plain": part.text],
                                      metadata: ["image/png": ["width": part.width, "height": part.height]])
                    }
                    guard let html = part.html else { return Bundle(data: ["text/plain": part.text]) }
                    return Bundle(data: ["text/html": html, "text/plain": part.text])
                }
            case let progress as TrainingProgress:
                return [Bundle(data: ["text/plain": ProgressText.render(progress), "text/html": ProgressHTML.render(progress)])]
            case let mime as MimeBundle:
                var data = mime.text
                for (type, bytes) in mime.binary { data[type] = Base64.encode(bytes) }
                return [Bundle(data: data, metadata: mime.metadata)]
            default:
                return [Bundle(data: ["text/plain": value.plainText])]
            }
        }
    }

    /// The text a rich stream value writes.
    static func streamText(_ value: any RichValue) -> String {
        switch value {
        case let line as EpochLine: return ProgressText.epochLine(line.epoch, epochs: line.epochs) + "\n"
        default: return value.plainText + "\n"
        }
    }
}
