import Figures
import NeuralNet

/// Draws an `ImageFigure`: its title, then each grid with its title and its tiles in rows,
/// each tile scaled up with nearest neighbour and captioned.
public enum GridDrawing {
    static let margin = 12
    static let gap = 8
    static let titleScale = 2

    /// How many screen pixels one value of an `h` x `w` tile takes: about 84 pixels for the
    /// longer side (28x28 digits at 3x), at least 1 and at most 12.
    public static func scale(height h: Int, width w: Int) -> Int {
        min(12, max(1, 84 / max(1, max(h, w))))
    }

    static func cellSize(_ g: ImageGrid) -> (width: Int, height: Int, lines: Int) {
        let lines = g.tiles.map(\.caption.count).max() ?? 0
        var w = 0, h = 0
        for t in g.tiles {
            let s = scale(height: t.height, width: t.width)
            w = max(w, t.width * s + 4)
            h = max(h, t.height * s + 4)
            for line in t.caption { w = max(w, BitmapFont.size(of: line).width) }
        }
        return (w, h + lines * BitmapFont.lineHeight, lines)
    }

    static func gridSize(_ g: ImageGrid) -> (width: Int, height: Int) {
        let cell = cellSize(g)
        let cols = min(g.columns, max(1, g.tiles.count))
        let rows = (g.tiles.count + cols - 1) / cols
        let titleWidth = BitmapFont.size(of: g.title, scale: 1).width
        let titleHeight = BitmapFont.lineHeight + 4
        return (max(cols * cell.width + (cols - 1) * gap, titleWidth), titleHeight + rows * (cell.height + gap))
    }

    public static func draw(_ figure: ImageFigure) -> Canvas {
        var width = BitmapFont.size(of: figure.title, scale: titleScale).width
        var height = BitmapFont.lineHeight * titleScale + 4
        if let note = figure.note {
            width = max(width, BitmapFont.size(of: note).width)
            height += BitmapFont.lineHeight + 2
        }
        for g in figure.grids {
            let s = gridSize(g)
            width = max(width, s.width)
            height += s.height + gap
        }
        var canvas = Canvas(width: width + 2 * margin, height: height + 2 * margin)
        var y = margin
        canvas.text(figure.title, x: margin, y: y, .ink, scale: titleScale)
        y += BitmapFont.lineHeight * titleScale + 4
        if let note = figure.note {
            canvas.text(note, x: margin, y: y, RGB(90, 90, 90))
            y += BitmapFont.lineHeight + 2
        }
        for g in figure.grids {
            y = draw(g, on: &canvas, x: margin, y: y) + gap
        }
        return canvas
    }

    /// Draws a grid with its top-left at (x, y); returns the y below it.
    @discardableResult
    public static func draw(_ g: ImageGrid, on canvas: inout Canvas, x: Int, y: Int) -> Int {
        canvas.text(g.title, x: x, y: y)
        var top = y + BitmapFont.lineHeight + 4
        let cell = cellSize(g)
        let colors = ColorScale(g.colors)
        let cols = min(g.columns, max(1, g.tiles.count))
        for (i, t) in g.tiles.enumerated() {
            let col = i % cols
            if i > 0 && col == 0 { top += cell.height + gap }
            let s = scale(height: t.height, width: t.width)
            let cx = x + col * (cell.width + gap)
            let tileWidth = t.width * s + 4
            let tx = cx + (cell.width - tileWidth) / 2
            let frame: RGB = t.mark == .wrong ? .wrong : t.mark == .right ? .right : .light
            canvas.frame(x: tx, y: top, width: tileWidth, height: t.height * s + 4, frame, thickness: t.mark == .none ? 1 : 2)
            canvas.image(g.normalized(i), rows: t.height, cols: t.width, at: tx + 2, top + 2, scale: s, colors: colors)
            var ly = top + t.height * s + 6
            for (n, line) in t.caption.enumerated() {
                let color: RGB = t.mark == .wrong ? .wrong : (t.mark == .right && n == 0 ? .right : .ink)
                canvas.text(line, centerX: cx + cell.width / 2, y: ly, color)
                ly += BitmapFont.lineHeight
            }
        }
        return top + cell.height + (g.tiles.isEmpty ? 0 : 0)
    }
}

extension ColorScale {
    /// The colour scale Rendering uses for the data's choice.
    public init(_ choice: PictureColors) {
        switch choice {
        case .gray: self = .gray
        case .viridis: self = .viridis
        case .diverging: self = .diverging
        }
    }
}
