import Figures

/// A drawn figure: its PNG file and size in pixels.
public struct RenderedFigure: Sendable {
    public let png: [UInt8]
    public let width: Int, height: Int
}

/// Figures to PNG through Cairo: `savefig` and the inline display call this.
public enum PlotRendering {
    /// Draws `figure` at `dpi` (nil: the figure's own). With `tight`, the image is cropped to the
    /// box of everything drawn plus `padInches` (savefig's bbox_inches='tight', as the inline
    /// backend shows figures). Throws when Cairo cannot be loaded.
    public static func png(_ figure: PlotFigure, dpi: Double? = nil, tight: Bool = false, padInches: Double = 0.1) throws -> RenderedFigure {
        var fig = figure
        if let dpi { fig.dpi = dpi }
        let measure = try TextMeasure()
        let layout = PlotLayout.layout(fig, measure: measure)
        var origin = (0.0, 0.0)
        guard layout.width.isFinite, layout.height.isFinite, layout.width < 1e6, layout.height < 1e6 else {
            throw CairoError(message: "Image size of \(fig.width * fig.dpi)x\(fig.height * fig.dpi) pixels is too large. It must be less than 2^15 in each direction.", isSize: true)
        }
        var w = max(1, Int(layout.width.rounded())), h = max(1, Int(layout.height.rounded()))
        let b = layout.tight.inset(padInches * fig.dpi)
        if tight, b.width.isFinite, b.height.isFinite, b.x0.isFinite, b.y0.isFinite {
            origin = (b.x0.rounded(.down), b.y0.rounded(.down))   // whole pixels: images stay crisp
            w = max(1, Int(min(b.width, 1e6).rounded())); h = max(1, Int(min(b.height, 1e6).rounded()))
        }
        // matplotlib's limit, and Cairo's
        guard w < 1 << 15, h < 1 << 15 else {
            throw CairoError(message: "Image size of \(w)x\(h) pixels is too large. It must be less than 2^15 in each direction.", isSize: true)
        }
        let canvas = try CairoCanvas(width: w, height: h)
        canvas.paint(fig.facecolor)
        canvas.cairo.translate(canvas.cr, -origin.0, -origin.1)
        PlotPainter(canvas: canvas, pt: fig.dpi / 72).paint(fig, layout)
        return RenderedFigure(png: canvas.png(), width: w, height: h)
    }
}

extension PlotRendering {
    /// The view limits an axes has now (set, or autoscaled from its artists), as `get_xlim`.
    public static func limits(_ axes: PlotAxes) -> (x: (Double, Double), y: (Double, Double)) { DataLimits.of(axes) }
}
