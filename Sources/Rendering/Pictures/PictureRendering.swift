import Figures
import NeuralNet

/// One output of a picture: a PNG (with its size) or an HTML fragment, each with a text fallback.
public struct RenderedPart: Sendable, Equatable {
    /// The PNG file, when this part is an image.
    public var png: [UInt8]?
    public var width: Int
    public var height: Int
    /// The HTML fragment, when this part is a table.
    public var html: String?
    /// For terminals and headless runs.
    public var text: String
}

/// Turns picture data into outputs: the figure of each `show_*` call (`PictureFigures`) drawn
/// through Cairo as the inline backend draws a `plt` figure (bbox_inches='tight'), then its
/// tables. Images first, then tables; a picture Cairo cannot draw shows its text and why.
public enum PictureRendering {
    public static func render(_ picture: Picture) -> [RenderedPart] {
        var parts: [RenderedPart] = []
        if let figure = PictureFigures.figure(picture) { parts.append(image(figure, picture.text)) }
        let html: String?
        switch picture {
        case .pooling(let p): html = PicturesHTML.pooling(p)
        case .convolution(let d): html = PicturesHTML.convolution(d)
        case .parameters(let x): html = PicturesHTML.parameters(x)
        case .images, .curves: html = nil
        }
        if let html { parts.append(RenderedPart(png: nil, width: 0, height: 0, html: html, text: picture.text)) }
        return parts
    }

    static func image(_ figure: PlotFigure, _ text: String) -> RenderedPart {
        do {
            let r = try PlotRendering.png(figure, tight: true)
            return RenderedPart(png: r.png, width: r.width, height: r.height, html: nil, text: text)
        } catch {
            return RenderedPart(png: nil, width: 0, height: 0, html: nil, text: text + "\n(not drawn: \(error))")
        }
    }
}
