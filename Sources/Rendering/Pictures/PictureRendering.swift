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

/// Turns picture data into outputs: the data-to-pixels and data-to-HTML step of every
/// `show_*` call. Images first, then tables.
public enum PictureRendering {
    public static func render(_ picture: Picture) -> [RenderedPart] {
        switch picture {
        case .images(let f):
            return [image(GridDrawing.draw(f), picture.text)]
        case .pooling(let p):
            return [image(DemoDrawing.pooling(p), picture.text),
                    RenderedPart(png: nil, width: 0, height: 0, html: PicturesHTML.pooling(p), text: picture.text)]
        case .convolution(let d):
            return [image(DemoDrawing.convolution(d), picture.text),
                    RenderedPart(png: nil, width: 0, height: 0, html: PicturesHTML.convolution(d), text: picture.text)]
        case .curves(let f):
            return [image(DemoDrawing.curves(f), picture.text)]
        case .parameters(let x):
            return [RenderedPart(png: nil, width: 0, height: 0, html: PicturesHTML.parameters(x), text: picture.text)]
        }
    }

    static func image(_ c: Canvas, _ text: String) -> RenderedPart {
        RenderedPart(png: c.png(), width: c.width, height: c.height, html: nil, text: text)
    }
}
