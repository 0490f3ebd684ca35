/// A figure laid out in pixels at 100 dpi, y down from the top left, the way the picture calls
/// place their grids of images; `figure` turns it into pyplot's model (figure fractions, y up),
/// so the one Cairo renderer draws pictures and `plt` figures alike.
struct PixelFigure {
    static let dpi = 100.0
    /// Pixels per point at `dpi`.
    static let pt = dpi / 72

    private var axes: [(axes: PlotAxes, x: Double, y: Double, width: Double, height: Double)] = []
    private var texts: [(text: FigureText, x: Double, y: Double)] = []
    /// How far right and down anything reaches so far.
    private(set) var right = 0.0, bottom = 0.0

    /// Places an axes with its box at (x, y), `width` x `height` pixels.
    mutating func add(_ a: PlotAxes, x: Double, y: Double, width: Double, height: Double) {
        axes.append((a, x, y, width, height))
        right = max(right, x + width); bottom = max(bottom, y + height)
    }

    /// Places text so that its point (`horizontal`, `vertical`) (0 left/top, 1 right/bottom)
    /// falls on (x, y); returns the y below it, as far as an estimate of its size tells.
    @discardableResult
    mutating func text(_ s: String, x: Double, y: Double, size: Double = 10, color: PlotColor = .black, bold: Bool = false,
                       horizontal: Double = 0, vertical: Double = 0) -> Double {
        texts.append((FigureText(x: 0, y: 0, text: s, style: TextStyle(size: size, color: color, bold: bold),
                                 horizontal: horizontal, vertical: vertical), x, y))
        let w = PixelFigure.width(of: s, size: size), h = PixelFigure.lineHeight(size)
        right = max(right, x + w * (1 - horizontal)); bottom = max(bottom, y + h * (1 - vertical))
        return y + h * (1 - vertical)
    }

    /// A generous estimate of a line's width in pixels (DejaVu Sans averages under 0.5 em a
    /// character), for spacing only: Rendering measures the real text.
    static func width(of s: String, size: Double) -> Double { Double(s.count) * 0.52 * size * pt }

    /// A line's height in pixels (ascent and descent of DejaVu Sans).
    static func lineHeight(_ size: Double) -> Double { 1.17 * size * pt }

    /// The model of a figure `margin` pixels larger than its content on every side.
    func figure(margin: Double) -> PlotFigure {
        let W = right + 2 * margin, H = bottom + 2 * margin
        var fig = PlotFigure(number: 0)
        fig.dpi = PixelFigure.dpi
        fig.width = W / PixelFigure.dpi; fig.height = H / PixelFigure.dpi
        for (a, x, y, w, h) in axes {
            var placed = a
            placed.placement = .rectangle((x + margin) / W, 1 - (y + margin + h) / H, w / W, h / H)
            fig.axes.append(placed)
        }
        for (t, x, y) in texts {
            var placed = t
            placed.x = (x + margin) / W; placed.y = 1 - (y + margin) / H
            fig.texts.append(placed)
        }
        return fig
    }

    /// An axes showing values already normalised to 0...1 through `colormap`, pixels as
    /// squares, without ticks: a tile of a picture.
    /// An axes showing RGB values 0...1 (interleaved) in their own colours, as imshow shows them.
    static func colorAxes(_ rgb: [Float], height h: Int, width w: Int) -> PlotAxes {
        var a = PlotAxes(placement: .rectangle(0, 0, 1, 1))
        var rgba = [UInt8](repeating: 255, count: h * w * 4)
        for p in 0..<(h * w) {
            for c in 0..<3 { rgba[p * 4 + c] = UInt8((rgb[p * 3 + c] * 255).rounded()) }
        }
        a.images = [PlotImage(width: w, height: h, rgba: rgba, extent: (-0.5, Double(w) - 0.5, Double(h) - 0.5, -0.5), scale: nil)]
        a.x.ticks = []; a.y.ticks = []
        return a
    }

    static func imageAxes(_ normalized: [Float], height h: Int, width w: Int, colormap: Colormap) -> PlotAxes {
        var a = PlotAxes(placement: .rectangle(0, 0, 1, 1))
        let rgba = colormap.rgbaBytes(normalized.map(Double.init), vmin: 0, vmax: 1)
        a.images = [PlotImage(width: w, height: h, rgba: rgba, extent: (-0.5, Double(w) - 0.5, Double(h) - 0.5, -0.5),
                              scale: ColorScaleRange(colormap: colormap, vmin: 0, vmax: 1))]
        a.x.ticks = []; a.y.ticks = []
        return a
    }
}
