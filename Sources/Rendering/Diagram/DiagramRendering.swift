import Figures
import NeuralNet

/// A model's diagram (`keras.utils.plot_model`) drawn with Cairo into a PNG: white page, black
/// boxes with their white cells and text in DejaVu Sans (as plots), edges 2 pt wide ending in
/// filled arrowheads, dashed frames round expanded nested models. Everything is laid out in
/// points and drawn at `dpi` (Graphviz's and Keras's default: 200).
public enum DiagramRendering {
    /// Cairo's limit in each direction, and how many pixels a diagram may have at most (256 MB).
    public static let maxSide = 32767
    public static let maxPixels = 1 << 26

    /// Lays `model` out with the font it is drawn with, then draws it. Throws LayerError for a
    /// model that is not built, CairoError when Cairo is missing or the image would be too large.
    public static func png(_ model: Sequential, options: ModelDiagram.Options, dpi: Double = 200) throws -> (diagram: ModelDiagram, image: RenderedFigure) {
        let measure = try TextMeasure()
        let diagram = try ModelDiagram(model, options: options, measure: CairoDiagramMeasure(measure: measure, scale: dpi / 72))
        return (diagram, try png(diagram, dpi: dpi, measure: measure))
    }

    /// Draws a laid-out diagram at `dpi`.
    public static func png(_ diagram: ModelDiagram, dpi: Double = 200) throws -> RenderedFigure {
        try png(diagram, dpi: dpi, measure: try TextMeasure())
    }

    static func png(_ d: ModelDiagram, dpi: Double, measure: TextMeasure) throws -> RenderedFigure {
        let s = dpi / 72
        let w = Int((d.width * s).rounded(.up)), h = Int((d.height * s).rounded(.up))
        guard w <= maxSide, h <= maxSide, w * h <= maxPixels else {
            let fit = min(Double(maxSide) / max(d.width, d.height), (Double(maxPixels) / (d.width * d.height)).squareRoot()) * 72
            throw CairoError(message: "The diagram of \"\(d.modelName)\" (\(d.boxes.count) boxes) would be \(w)x\(h) pixels at dpi=\(formatDPI(dpi)), "
                                 + "larger than Fovea draws (at most \(maxSide) pixels a side and \(maxPixels / 1_000_000) million pixels). "
                                 + "Pass dpi=\(max(1, Int(fit))) or less.", isSize: true)
        }
        let canvas = try CairoCanvas(width: max(1, w), height: max(1, h))
        canvas.paint(.white)
        let painter = DiagramPainter(canvas: canvas, measure: measure, scale: s)
        for c in d.clusters where c.frame != .zero { painter.cluster(c) }
        for e in d.edges { painter.edge(e) }
        for b in d.boxes { painter.box(b) }
        return RenderedFigure(png: canvas.png(), width: max(1, w), height: max(1, h))
    }

    static func formatDPI(_ dpi: Double) -> String { dpi == dpi.rounded() && abs(dpi) < 1e9 ? String(Int(dpi)) : String(dpi) }
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
