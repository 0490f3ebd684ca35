/// `show_pooling` and `show_convolution` as pyplot figures: images at the same pixel scale with
/// titles giving their sizes, the pooled patch outlined, and the kernel as an annotated heatmap.
public enum DemoFigures {
    /// Space between the panels, where the arrow or operator goes, in pixels.
    static let between = 60.0
    static let titleSize = 12.0, labelSize = 10.0

    /// An image axes titled with its size.
    static func panel(_ values: [Float], height h: Int, width w: Int, colors: PictureColors, title: String) -> PlotAxes {
        var a = PixelFigure.imageAxes(values, height: h, width: w, colormap: colors.colormap)
        a.title = title
        a.titleStyle = TextStyle(size: labelSize)
        return a
    }

    /// An unfilled rectangle over the cells (row, column) ..< (row + rows, column + columns).
    static func outline(row: Int, column: Int, rows: Int, columns: Int) -> PlotBars {
        var r = PlotRectangle(x: Double(column) - 0.5, y: Double(row) - 0.5, width: Double(columns), height: Double(rows), color: .none)
        r.edgeColor = PictureFigures.wrong
        r.edgeWidth = 2
        return PlotBars(rectangles: [r])
    }

    /// Before and after max pooling side by side at the same scale, so the pooled image is
    /// visibly smaller; the patch shown as numbers is outlined on both.
    public static func pooling(_ p: PoolingDemo) -> PlotFigure {
        let s = Double(PictureFigures.scale(height: p.before.height, width: p.before.width))
        let grid = ImageGrid(title: "", tiles: [p.before, p.after], columns: 2, colors: .gray, normalization: p.normalization)
        var fig = PixelFigure()
        let title = "Max pooling \(p.poolSize.0)x\(p.poolSize.1): \(p.before.height)x\(p.before.width) -> \(p.after.height)x\(p.after.width)"
        let top = (fig.text(title, x: 0, y: 0, size: titleSize) + 12 + PixelFigure.lineHeight(labelSize)).rounded(.up)
        let bw = Double(p.before.width) * s, bh = Double(p.before.height) * s
        let aw = Double(p.after.width) * s, ah = Double(p.after.height) * s
        let rows = p.patch.count, cols = p.patch.first?.count ?? 0
        var before = panel(grid.normalized(0), height: p.before.height, width: p.before.width, colors: .gray,
                           title: "before: \(p.before.height)x\(p.before.width)")
        before.add(outline(row: p.patchOrigin.row, column: p.patchOrigin.column, rows: rows, columns: cols))
        fig.add(before, x: 0, y: top, width: bw, height: bh)
        var after = panel(grid.normalized(1), height: p.after.height, width: p.after.width, colors: .gray,
                          title: "after: \(p.after.height)x\(p.after.width)")
        after.add(outline(row: p.patchOrigin.row / p.strides.0, column: p.patchOrigin.column / p.strides.1,
                          rows: p.pooledPatch.count, columns: p.pooledPatch.first?.count ?? 0))
        fig.add(after, x: bw + between, y: top, width: aw, height: ah)
        fig.text("\u{2192}", x: bw + between / 2, y: top + min(bh, ah) / 2, size: 24, horizontal: 0.5, vertical: 0.5)
        return fig.figure(margin: 10)
    }

    /// The image, the kernel's numbers on their colours, and the feature map, each titled with
    /// its size, joined by ∗ and =, with the size arithmetic underneath.
    public static func convolution(_ d: ConvolutionDemo) -> PlotFigure {
        let s = Double(PictureFigures.scale(height: max(d.image.height, d.featureMap.height),
                                            width: max(d.image.width, d.featureMap.width)))
        let numbers = d.kernel.map { $0.map(PictureNumbers.format) }
        let kh = d.kernel.count, kw = d.kernel.first?.count ?? 0
        let longest = numbers.joined().map { PixelFigure.width(of: $0, size: labelSize) }.max() ?? 0
        let cell = max(36, (longest + 12).rounded(.up))
        var fig = PixelFigure()
        let title = "Convolution, padding='\(d.padding)': \(d.image.height)x\(d.image.width) -> \(d.featureMap.height)x\(d.featureMap.width)"
        let top = (fig.text(title, x: 0, y: 0, size: titleSize) + 12 + PixelFigure.lineHeight(labelSize)).rounded(.up)
        let iw = Double(d.image.width) * s, ih = Double(d.image.height) * s
        let fw = Double(d.featureMap.width) * s, fh = Double(d.featureMap.height) * s
        let kwPixels = cell * Double(kw), khPixels = cell * Double(kh)
        let body = max(ih, fh, khPixels)

        let image = ImageGrid(title: "", tiles: [d.image], columns: 1, colors: .gray, normalization: d.imageNormalization)
        fig.add(panel(image.normalized(0), height: d.image.height, width: d.image.width, colors: .gray,
                      title: "image \(d.image.height)x\(d.image.width)"), x: 0, y: top, width: iw, height: ih)
        var x = iw + between
        fig.text("\u{2217}", x: x - between / 2, y: top + body / 2, size: 24, horizontal: 0.5, vertical: 0.5)

        let kernelTile = ImageTile(values: d.kernel.flatMap { $0 }, height: kh, width: kw)
        let kernelGrid = ImageGrid(title: "", tiles: [kernelTile], columns: 1, colors: .diverging, normalization: .symmetric)
        let kv = kernelGrid.normalized(0)
        var kernel = panel(kv, height: kh, width: kw, colors: .diverging, title: "kernel \(kh)x\(kw)")
        for (r, row) in numbers.enumerated() {
            for (c, text) in row.enumerated() {
                let v = kv[r * kw + c]
                var t = PlotText(x: Double(c), y: Double(r), text: text,
                                 style: TextStyle(size: labelSize, color: v < 0.2 || v > 0.8 ? .white : .black))
                t.horizontal = 0.5; t.vertical = 0.5
                kernel.texts.append(t)
            }
        }
        fig.add(kernel, x: x, y: top + (body - khPixels) / 2, width: kwPixels, height: khPixels)
        x += kwPixels + between
        fig.text("=", x: x - between / 2, y: top + body / 2, size: 24, horizontal: 0.5, vertical: 0.5)

        let map = ImageGrid(title: "", tiles: [d.featureMap], columns: 1, colors: .viridis, normalization: .shared)
        fig.add(panel(map.normalized(0), height: d.featureMap.height, width: d.featureMap.width, colors: .viridis,
                      title: "feature map \(d.featureMap.height)x\(d.featureMap.width)"), x: x, y: top, width: fw, height: fh)
        fig.text(d.sizeLine, x: 0, y: top + body + 10, size: labelSize, color: PlotColor(gray: 0.35))
        return fig.figure(margin: 10)
    }
}
