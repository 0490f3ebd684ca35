import Figures
import NeuralNet

/// A model's diagram (`keras.utils.plot_model`) drawn with Cairo into a PNG: white page, black
/// boxes with their white cells and text in DejaVu Sans (as plots), edges 2 pt wide ending in
/// filled arrowheads, dashed frames round expanded nested models. Everything is laid out in
/// points and drawn at `dpi` (Graphviz's and Keras's default: 200).
public enum DiagramRendering {
    /// How large a diagram may be drawn: Cairo's limit in each direction, and at most 2^26
    /// pixels (256 MB).
    public struct Limits: Sendable {
        public var side: Int
        public var pixels: Int
        public init(side: Int = 32767, pixels: Int = 1 << 26) { self.side = side; self.pixels = pixels }
        func fit(_ d: ModelDiagram, dpi: Double) -> Bool {
            let (w, h) = size(d, dpi: dpi)
            return w <= side && h <= side && w * h <= pixels
        }
        /// The largest dpi (whole, with room for the text's hinting) at which `d` fits.
        func largestDPI(_ d: ModelDiagram) -> Double {
            let exact = min(Double(side) / max(d.width, d.height), (Double(pixels) / (d.width * d.height)).squareRoot()) * 72
            return max(1, (exact * 0.98).rounded(.down))
        }
    }

    /// The image's size in pixels at `dpi`.
    static func size(_ d: ModelDiagram, dpi: Double) -> (Int, Int) {
        (max(1, Int((d.width * dpi / 72).rounded(.up))), max(1, Int((d.height * dpi / 72).rounded(.up))))
    }

    /// Lays `model` out with the font it is drawn with, then draws it. A diagram too large at
    /// `dpi` is drawn at the largest dpi that fits when `shrinkToFit` (as Graphviz scales an
    /// image down to fit), else refused. Throws LayerError for a model that is not built,
    /// CairoError when Cairo is missing or the image is too large.
    public static func png(_ model: Sequential, options: ModelDiagram.Options, dpi: Double = 200, shrinkToFit: Bool = false,
                           limits: Limits = Limits()) throws -> (diagram: ModelDiagram, image: RenderedFigure, dpi: Double) {
        let measure = try TextMeasure()
        var dpi = dpi
        var diagram = try ModelDiagram(model, options: options, measure: CairoDiagramMeasure(measure: measure, scale: dpi / 72))
        if shrinkToFit, !limits.fit(diagram, dpi: dpi) {
            dpi = limits.largestDPI(diagram)
            diagram = try ModelDiagram(model, options: options, measure: CairoDiagramMeasure(measure: measure, scale: dpi / 72))
        }
        return (diagram, try png(diagram, dpi: dpi, measure: measure, limits: limits), dpi)
    }

    /// Draws a laid-out diagram at `dpi`.
    public static func png(_ diagram: ModelDiagram, dpi: Double = 200, limits: Limits = Limits()) throws -> RenderedFigure {
        try png(diagram, dpi: dpi, measure: try TextMeasure(), limits: limits)
    }

    static func png(_ d: ModelDiagram, dpi: Double, measure: TextMeasure, limits: Limits) throws -> RenderedFigure {
        let (w, h) = size(d, dpi: dpi)
        guard limits.fit(d, dpi: dpi) else {
            throw CairoError(message: "The diagram of \"\(d.modelName)\" (\(d.boxes.count) boxes) would be \(w)x\(h) pixels at dpi=\(formatDPI(dpi)), "
                                 + "larger than Fovea draws (at most \(limits.side) pixels a side and \(limits.pixels / 1_000_000) million pixels). "
                                 + "Pass dpi=\(formatDPI(limits.largestDPI(d))) or less.", isSize: true)
        }
        let canvas = try CairoCanvas(width: w, height: h)
        canvas.paint(.white)
        let painter = DiagramPainter(canvas: canvas, measure: measure, scale: dpi / 72)
        for c in d.clusters where c.frame != .zero { painter.cluster(c) }
        for e in d.edges { painter.edge(e) }
        for b in d.boxes { painter.box(b) }
        return RenderedFigure(png: canvas.png(), width: w, height: h)
    }

    public static func formatDPI(_ dpi: Double) -> String { dpi == dpi.rounded() && abs(dpi) < 1e9 ? String(Int(dpi)) : String(dpi) }
}

/// Cairo's text measure seen as the layout's, in points: measured at the pixel size the text
/// is drawn at, so the boxes fit the hinted text exactly.
struct CairoDiagramMeasure: DiagramTextMeasure {
    let measure: TextMeasure
    let scale: Double
    func advance(_ text: String, size: Double, bold: Bool) -> Double { measure.advance(text, sizePixels: size * scale, bold: bold) / scale }
    func lineMetrics(size: Double) -> (ascent: Double, descent: Double) {
        let e = measure.measure("", sizePixels: size * scale)
        return (e.ascent / scale, e.descent / scale)
    }
}

/// Paints the parts of a diagram; coordinates in points times `scale`.
struct DiagramPainter {
    let canvas: CairoCanvas
    let measure: TextMeasure
    let scale: Double
    typealias M = ModelDiagram.Metrics

    func color(_ f: ModelDiagram.Fill) -> PlotColor { let c = f.rgb; return PlotColor(c.0, c.1, c.2) }

    func box(_ b: ModelDiagram.Box) {
        let f = b.frame
        canvas.fillRect(f.x * scale, f.y * scale, f.width * scale, f.height * scale, .black)
        for row in b.rows {
            for cell in row {
                let c = cell.frame
                if cell.fill != .black {   // a 1 pt black border round a coloured cell
                    canvas.fillRect((c.x + 1) * scale, (c.y + 1) * scale, (c.width - 2) * scale, (c.height - 2) * scale, color(cell.fill))
                }
                text(cell)
            }
        }
    }

    /// The cell's runs on one line, centred.
    func text(_ cell: ModelDiagram.Cell) {
        let size = cell.size * scale
        let widths = cell.runs.map { measure.advance($0.text, sizePixels: size, bold: $0.bold) }
        let line = measure.measure("", sizePixels: size)
        var x = cell.frame.center.x * scale - widths.reduce(0, +) / 2
        let baseline = cell.frame.center.y * scale + (line.ascent - line.descent) / 2
        let ink: PlotColor = cell.fill.textIsWhite ? .white : .black
        for (run, width) in zip(cell.runs, widths) {
            canvas.text(run.text, x: x, y: baseline, sizePixels: size, bold: run.bold, color: ink)
            x += width
        }
    }

    /// The polyline up to the arrowhead's base, then the filled head on its end.
    func edge(_ e: ModelDiagram.Edge) {
        var pts = e.points.map { ($0.x * scale, $0.y * scale) }
        guard pts.count >= 2 else { return }
        let tip = pts[pts.count - 1], from = pts[pts.count - 2]
        let dx = tip.0 - from.0, dy = tip.1 - from.1, length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return }
        let (ux, uy) = (dx / length, dy / length)
        let head = min(M.arrowLength * scale, length), half = M.arrowHalfWidth * scale
        let base = (tip.0 - ux * head, tip.1 - uy * head)
        pts[pts.count - 1] = base
        canvas.polyline(pts, color: .black, width: M.edgeWidth * scale, cap: Cairo.capButt, join: Cairo.joinMiter)
        canvas.polygon([tip, (base.0 - uy * half, base.1 + ux * half), (base.0 + uy * half, base.1 - ux * half)], fill: .black)
    }

    func cluster(_ c: ModelDiagram.Cluster) {
        let f = c.frame
        let corners = [(f.x, f.y), (f.maxX, f.y), (f.maxX, f.maxY), (f.x, f.maxY), (f.x, f.y)].map { ($0.0 * scale, $0.1 * scale) }
        canvas.polyline(corners, color: .black, width: scale, dash: [4 * scale, 3 * scale], join: Cairo.joinMiter)
        canvas.text(c.name, x: c.labelOrigin.x * scale, y: c.labelOrigin.y * scale, sizePixels: M.clusterLabelSize * scale,
                    bold: false, color: .black)
    }
}
