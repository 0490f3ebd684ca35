import Figures
import NeuralNet

/// The PNGs of the pooling and convolution demos and of plotted curves.
public enum DemoDrawing {
    static let margin = 12

    /// Before and after max pooling side by side, at the same scale so the pooled image is
    /// visibly smaller, each with its size; the patch shown as numbers is outlined.
    public static func pooling(_ p: PoolingDemo) -> Canvas {
        let s = GridDrawing.scale(height: p.before.height, width: p.before.width)
        let title = "Max pooling \(p.poolSize.0)x\(p.poolSize.1): \(p.before.height)x\(p.before.width) -> \(p.after.height)x\(p.after.width)"
        let bw = p.before.width * s, bh = p.before.height * s
        let aw = p.after.width * s, ah = p.after.height * s
        let arrow = 50
        let width = max(margin * 2 + bw + arrow + aw, BitmapFont.size(of: title, scale: 2).width + 2 * margin)
        let top = margin + BitmapFont.lineHeight * 2 + 8
        var c = Canvas(width: width, height: top + bh + 2 * BitmapFont.lineHeight + margin + 6)
        c.text(title, x: margin, y: margin, .ink, scale: 2)
        let grid = ImageGrid(title: "", tiles: [p.before, p.after], columns: 2, colors: .gray, normalization: p.normalization)
        c.image(grid.normalized(0), rows: p.before.height, cols: p.before.width, at: margin, top, scale: s, colors: .gray)
        let ax = margin + bw + arrow
        c.image(grid.normalized(1), rows: p.after.height, cols: p.after.width, at: ax, top, scale: s, colors: .gray)
        c.frame(x: margin - 1, y: top - 1, width: bw + 2, height: bh + 2, .light)
        c.frame(x: ax - 1, y: top - 1, width: aw + 2, height: ah + 2, .light)
        // The patch of numbers, outlined on both images.
        let rows = p.patch.count, cols = p.patch.first?.count ?? 0
        c.frame(x: margin + p.patchOrigin.column * s, y: top + p.patchOrigin.row * s, width: cols * s, height: rows * s, .wrong, thickness: 2)
        let pr = p.patchOrigin.row / p.strides.0, pc = p.patchOrigin.column / p.strides.1
        c.frame(x: ax + pc * s, y: top + pr * s, width: (p.pooledPatch.first?.count ?? 0) * s, height: p.pooledPatch.count * s, .wrong, thickness: 2)
        // Arrow.
        let my = top + min(bh, ah) / 2
        c.line(margin + bw + 8, my, ax - 10, my, .ink, thickness: 2)
        c.line(ax - 16, my - 6, ax - 10, my, .ink, thickness: 2)
        c.line(ax - 16, my + 6, ax - 10, my, .ink, thickness: 2)
        c.text("before: \(p.before.height)x\(p.before.width)", x: margin, y: top + bh + 6)
        c.text("after: \(p.after.height)x\(p.after.width)", x: ax, y: top + max(ah, 0) + 6)
        return c
    }

    /// The image, the kernel's numbers and the feature map, each with its size.
    public static func convolution(_ d: ConvolutionDemo) -> Canvas {
        let s = GridDrawing.scale(height: max(d.image.height, d.featureMap.height), width: max(d.image.width, d.featureMap.width))
        let iw = d.image.width * s, ih = d.image.height * s
        let fw = d.featureMap.width * s, fh = d.featureMap.height * s
        let numbers = d.kernel.map { $0.map(PictureNumbers.format) }
        let cellW = max(24, (numbers.flatMap { $0 }.map { BitmapFont.size(of: $0).width }.max() ?? 0) + 8)
        let cellH = 18
        let kw = cellW * (d.kernel.first?.count ?? 0), kh = cellH * d.kernel.count
        let symbolW = 40
        let title = "Convolution, padding='\(d.padding)': \(d.image.height)x\(d.image.width) -> \(d.featureMap.height)x\(d.featureMap.width)"
        let width = max(margin * 2 + iw + symbolW + kw + symbolW + fw, BitmapFont.size(of: title, scale: 2).width + 2 * margin,
                        BitmapFont.size(of: d.sizeLine).width + 2 * margin)
        let top = margin + BitmapFont.lineHeight * 2 + 8
        let body = max(ih, fh, kh)
        var c = Canvas(width: width, height: top + body + 3 * BitmapFont.lineHeight + margin + 6)
        c.text(title, x: margin, y: margin, .ink, scale: 2)

        let img = ImageGrid(title: "", tiles: [d.image], columns: 1, colors: .gray, normalization: d.imageNormalization)
        c.image(img.normalized(0), rows: d.image.height, cols: d.image.width, at: margin, top, scale: s, colors: .gray)
        c.frame(x: margin - 1, y: top - 1, width: iw + 2, height: ih + 2, .light)
        c.text("image \(d.image.height)x\(d.image.width)", x: margin, y: top + ih + 6)

        var x = margin + iw + symbolW
        c.text("*", centerX: x - symbolW / 2, y: top + body / 2 - 7, .ink, scale: 2)
        let kernelGrid = ImageGrid(title: "", tiles: [ImageTile(values: d.kernel.flatMap { $0 }, height: d.kernel.count, width: d.kernel.first?.count ?? 0)],
                                   columns: 1, colors: .diverging, normalization: .symmetric)
        let kv = kernelGrid.normalized(0)
        let ky = top + (body - kh) / 2
        for (r, row) in numbers.enumerated() {
            for (col, text) in row.enumerated() {
                let bg = ColorScale.diverging.color(kv[r * row.count + col])
                c.fill(x: x + col * cellW, y: ky + r * cellH, width: cellW, height: cellH, bg)
                c.frame(x: x + col * cellW, y: ky + r * cellH, width: cellW + 1, height: cellH + 1, .light)
                c.text(text, centerX: x + col * cellW + cellW / 2, y: ky + r * cellH + 6)
            }
        }
        c.text("kernel \(d.kernel.count)x\(d.kernel.first?.count ?? 0)", x: x, y: ky + kh + 6)
        x += kw + symbolW
        c.text("=", centerX: x - symbolW / 2, y: top + body / 2 - 7, .ink, scale: 2)
        let fm = ImageGrid(title: "", tiles: [d.featureMap], columns: 1, colors: .viridis, normalization: .shared)
        c.image(fm.normalized(0), rows: d.featureMap.height, cols: d.featureMap.width, at: x, top, scale: s, colors: .viridis)
        c.frame(x: x - 1, y: top - 1, width: fw + 2, height: fh + 2, .light)
        c.text("feature map \(d.featureMap.height)x\(d.featureMap.width)", x: x, y: top + fh + 6)
        c.text(d.sizeLine, x: margin, y: top + body + 2 * BitmapFont.lineHeight + 4, RGB(90, 90, 90))
        return c
    }

    /// Panel size of `curves`.
    public static let panelWidth = 420, panelHeight = 300

    /// The panels side by side, each a plot with its legend.
    public static func curves(_ f: CurveFigure) -> Canvas {
        let n = max(1, f.panels.count)
        var c = Canvas(width: n * panelWidth + (n - 1) * 10 + 2 * margin, height: panelHeight + 2 * margin)
        for (i, panel) in f.panels.enumerated() {
            var color = 0
            let lines = panel.series.map { s -> Plot.Line in
                defer { color += 1 }
                return Plot.Line(name: s.name, points: s.values.enumerated().map { (x: Double($0.offset + 1), y: $0.element) },
                                 color: Plot.palette[color % Plot.palette.count], dashed: s.dashed)
            }
            Plot(title: panel.title, xLabel: panel.xLabel, yLabel: panel.yLabel, lines: lines)
                .draw(on: &c, x: margin + i * (panelWidth + 10), y: margin, width: panelWidth, height: panelHeight)
        }
        return c
    }
}
