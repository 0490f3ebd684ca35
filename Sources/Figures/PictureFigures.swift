/// The grids of images (`show_images`, `show_feature_maps`, `show_filters`, `show_predictions`)
/// as pyplot figures: one small axes per tile, pixels as squares through matplotlib's colormaps,
/// captions under the tiles and titles above the grids, in DejaVu Sans as matplotlib draws them.
public enum PictureFigures {
    /// Space between tiles, and between a grid and the next, in pixels.
    static let gap = 12.0
    /// Caption and grid-title size, in points.
    static let captionSize = 10.0
    /// Frames of tiles marked right or wrong (tab10's green and red), 2 points wide.
    public static let right = PlotColor(hex: 0x2ca02c)
    public static let wrong = PlotColor(hex: 0xd62728)

    /// How many screen pixels one value of an `h` x `w` tile takes: about 84 pixels for the
    /// longer side (28x28 digits at 3x), at least 1 and at most 12.
    public static func scale(height h: Int, width w: Int) -> Int {
        min(12, max(1, 84 / max(1, max(h, w))))
    }

    /// The figure of a picture; nil for the ones that are tables only (`explain_params`).
    public static func figure(_ picture: Picture) -> PlotFigure? {
        switch picture {
        case .images(let f): return figure(f)
        case .pooling(let p): return DemoFigures.pooling(p)
        case .convolution(let d): return DemoFigures.convolution(d)
        case .curves(let c): return CurveFigures.figure(c)
        case .parameters: return nil
        }
    }

    /// The title, the note under it, then each grid under the one before.
    public static func figure(_ f: ImageFigure) -> PlotFigure {
        var fig = PixelFigure()
        var y = fig.text(f.title, x: 0, y: 0, size: 12) + 4
        if let note = f.note { y = fig.text(note, x: 0, y: y, color: PlotColor(gray: 0.35)) + 4 }
        for g in f.grids { y = add(g, to: &fig, y: y + 4) + gap }
        return fig.figure(margin: 10)
    }

    /// Draws a grid with its title at the left, its top at `y`; returns the y below it.
    static func add(_ g: ImageGrid, to fig: inout PixelFigure, y top: Double) -> Double {
        var y = (fig.text(g.title, x: 0, y: top, size: captionSize) + 6).rounded(.up)   // whole pixels: crisp tiles
        guard !g.tiles.isEmpty else { return y }
        let colormap = g.colors.colormap
        let lines = g.tiles.map(\.caption.count).max() ?? 0
        var cellWidth = 0.0, tileHeight = 0.0
        for t in g.tiles {
            let s = Double(scale(height: t.height, width: t.width))
            cellWidth = max(cellWidth, Double(t.width) * s)
            tileHeight = max(tileHeight, Double(t.height) * s)
            for line in t.caption { cellWidth = max(cellWidth, PixelFigure.width(of: line, size: captionSize)) }
        }
        cellWidth = cellWidth.rounded(.up)
        let lineHeight = PixelFigure.lineHeight(captionSize)
        let cellHeight = (tileHeight + (lines > 0 ? 4 + Double(lines) * lineHeight : 0)).rounded(.up)
        let columns = min(g.columns, g.tiles.count)
        for (i, t) in g.tiles.enumerated() {
            let col = i % columns, row = i / columns
            let s = Double(scale(height: t.height, width: t.width))
            let w = Double(t.width) * s, h = Double(t.height) * s
            let cx = Double(col) * (cellWidth + gap) + cellWidth / 2
            let ty = y + Double(row) * (cellHeight + gap)
            var a = t.channels == 3 ? PixelFigure.colorAxes(g.normalized(i), height: t.height, width: t.width)
                : PixelFigure.imageAxes(g.normalized(i), height: t.height, width: t.width, colormap: colormap)
            if t.mark != .none { a.spineColor = t.mark == .right ? right : wrong; a.spineWidth = 2 }
            fig.add(a, x: (cx - w / 2).rounded(.down), y: ty, width: w, height: h)
            var ly = ty + h + 4
            for (n, line) in t.caption.enumerated() {
                let color = t.mark == .wrong ? wrong : t.mark == .right && n == 0 ? right : .black
                ly = fig.text(line, x: cx, y: ly, size: captionSize, color: color, horizontal: 0.5)
            }
        }
        let rows = (g.tiles.count + columns - 1) / columns
        y += Double(rows) * cellHeight + Double(rows - 1) * gap
        return y
    }
}

extension PictureColors {
    /// matplotlib's colormap for the choice: `gray`, `viridis`, and `RdBu_r` for signed weights
    /// (blue below zero, white at zero, red above).
    public var colormap: Colormap {
        switch self {
        case .gray: return PictureColormaps.gray
        case .viridis: return Colormap.viridis
        case .diverging: return PictureColormaps.diverging
        }
    }
}

/// The colormaps pictures use, built once.
enum PictureColormaps {
    static let gray = Colormap.named("gray")!
    static let diverging = Colormap.named("RdBu_r")!
}
