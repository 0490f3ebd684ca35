import Glibc
import Figures

/// Draws a laid-out figure on a Cairo canvas in matplotlib's order: images, bars, grid, lines,
/// markers, spines and ticks, texts, legends.
struct PlotPainter {
    let canvas: CairoCanvas
    let pt: Double

    func paint(_ fig: PlotFigure, _ layout: FigureLayout) {
        for l in layout.axes { paint(fig.axes[l.index], l) }
        for (_, lg) in layout.legends { legend(lg) }
        for t in layout.texts { text(t) }
    }

    func text(_ t: PlacedText) {
        canvas.text(t.text, x: t.x, y: t.y, sizePixels: t.sizePixels, bold: t.bold, color: t.color, degrees: t.degrees)
    }

    static func dash(_ style: LineStyle, width: Double) -> [Double] {
        switch style {
        case .dashed: return [3.7 * width, 1.6 * width]
        case .dashDot: return [6.4 * width, 1.6 * width, 1 * width, 1.6 * width]
        case .dotted: return [1 * width, 1.65 * width]
        case .solid, .none: return []
        }
    }

    func paint(_ a: PlotAxes, _ l: AxesLayout) {
        let b = l.box
        if let cb = a.colorbar {
            let n = cb.colormap.count
            var rgba: [UInt8] = []
            for i in (0..<n).reversed() { let c = Colormap.bytes(cb.colormap.lut[i]); rgba += [c.0, c.1, c.2, c.3] }
            canvas.image(rgba, width: 1, height: n, into: b.x0, b.y0, b.width, b.height)
        }
        canvas.save()
        canvas.clip(b.x0, b.y0, b.width, b.height)
        for im in a.images {
            let x0 = l.px(im.extent.left), x1 = l.px(im.extent.right), y0 = l.py(im.extent.top), y1 = l.py(im.extent.bottom)
            canvas.image(im.rgba, width: im.width, height: im.height, into: min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
        }
        for g in a.bars {
            for r in g.rectangles {
                let x0 = l.px(r.x), x1 = l.px(r.x + r.width), y0 = l.py(r.y + r.height), y1 = l.py(r.y)
                canvas.fillRect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), r.color)
                if r.edgeColor.a > 0 { canvas.strokeRect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), color: r.edgeColor, width: r.edgeWidth * pt) }
            }
        }
        // grid lines over patches and under lines (axes.axisbelow 'line': zorder 1.5)
        if a.grid && a.axisOn {
            let grey = PlotColor(hex: 0xb0b0b0)
            for x in l.xticks { canvas.polyline([(x, b.y0), (x, b.y1)], color: grey, width: 0.8 * pt) }
            for y in l.yticks { canvas.polyline([(b.x0, y), (b.x1, y)], color: grey, width: 0.8 * pt) }
        }
        for f in a.fills where f.x.count > 1 {
            let top = f.x.indices.map { (l.px(f.x[$0]), l.py(f.y1[$0])) }
            let bottom = f.x.indices.reversed().map { (l.px(f.x[$0]), l.py(f.y2[$0])) }
            canvas.polygon(top + bottom, fill: f.color)
        }
        for line in a.lines {
            let points = zip(line.x, line.y).map { p -> (Double, Double) in
                switch line.span {
                case .data: return (l.px(p.0), l.py(p.1))
                case .horizontal: return (b.x0 + p.0 * b.width, l.py(p.1))
                case .vertical: return (l.px(p.0), b.y1 - p.1 * b.height)
                }
            }
            if line.style != .none {
                canvas.polyline(points, color: line.color, width: line.width * pt, dash: Self.dash(line.style, width: line.width * pt),
                                cap: line.style == .solid ? Cairo.capSquare : Cairo.capButt)
            }
            if let mk = line.marker { for p in points where p.0.isFinite && p.1.isFinite { marker(mk, p, size: line.markerSize * pt, color: line.color) } }
        }
        for s in a.scatters {
            for i in s.x.indices {
                let size = (s.sizes[i % s.sizes.count]).squareRoot() * pt
                marker(s.marker, (l.px(s.x[i]), l.py(s.y[i])), size: size, color: s.colors[i % s.colors.count])
            }
        }
        canvas.restore()
        guard a.axisOn else { for t in l.texts { text(t) }; return }
        for side in [(b.x0, b.y0, b.x1, b.y0), (b.x0, b.y1, b.x1, b.y1), (b.x0, b.y0, b.x0, b.y1), (b.x1, b.y0, b.x1, b.y1)] {
            canvas.polyline([(side.0, side.1), (side.2, side.3)], color: a.spineColor, width: a.spineWidth * pt, cap: Cairo.capSquare)
        }
        let len = 3.5 * pt
        for x in l.xticks { canvas.polyline([(x, b.y1), (x, b.y1 + len)], color: .black, width: 0.8 * pt) }
        for y in l.yticks {
            let x = a.colorbar != nil ? b.x1 : b.x0, d = a.colorbar != nil ? len : -len
            canvas.polyline([(x, y), (x + d, y)], color: .black, width: 0.8 * pt)
        }
        for t in l.texts { text(t) }
    }

    func marker(_ m: MarkerStyle, _ p: (Double, Double), size: Double, color: PlotColor) {
        let r = size / 2
        switch m {
        case .circle: canvas.circle(p.0, p.1, radius: r + 0.5 * pt, fill: color)
        case .point: canvas.circle(p.0, p.1, radius: r / 2 + 0.5 * pt, fill: color)
        case .pixel: canvas.fillRect(p.0 - 0.5, p.1 - 0.5, 1, 1, color)
        case .square: canvas.fillRect(p.0 - r, p.1 - r, size, size, color)
        case .triangleUp: canvas.polygon([(p.0, p.1 - r), (p.0 - r, p.1 + r), (p.0 + r, p.1 + r)], fill: color)
        case .triangleDown: canvas.polygon([(p.0, p.1 + r), (p.0 - r, p.1 - r), (p.0 + r, p.1 - r)], fill: color)
        case .diamond: canvas.polygon([(p.0, p.1 - r), (p.0 + r, p.1), (p.0, p.1 + r), (p.0 - r, p.1)], fill: color)
        case .x:
            canvas.polyline([(p.0 - r, p.1 - r), (p.0 + r, p.1 + r)], color: color, width: pt)
            canvas.polyline([(p.0 - r, p.1 + r), (p.0 + r, p.1 - r)], color: color, width: pt)
        case .plus:
            canvas.polyline([(p.0 - r, p.1), (p.0 + r, p.1)], color: color, width: pt)
            canvas.polyline([(p.0, p.1 - r), (p.0, p.1 + r)], color: color, width: pt)
        case .star:
            let pts = (0..<10).map { k -> (Double, Double) in
                let angle = Double.pi / 2 + Double(k) * Double.pi / 5, rr = k % 2 == 0 ? r : r * 0.38
                return (p.0 + rr * cos(angle), p.1 - rr * sin(angle))
            }
            canvas.polygon(pts, fill: color)
        }
    }

    func legend(_ lg: LegendLayout) {
        let b = lg.box
        canvas.fillRect(b.x0, b.y0, b.width, b.height, PlotColor(1, 1, 1, 0.8))
        canvas.strokeRect(b.x0, b.y0, b.width, b.height, color: PlotColor(0.8, 0.8, 0.8, 0.8), width: pt)
        for e in lg.entries {
            let h = e.handleBox, cy = (h.y0 + h.y1) / 2
            switch e.handle {
            case .line(let line):
                if line.style != .none {
                    canvas.polyline([(h.x0, cy), (h.x1, cy)], color: line.color, width: line.width * pt,
                                    dash: Self.dash(line.style, width: line.width * pt))
                }
                if let mk = line.marker { marker(mk, ((h.x0 + h.x1) / 2, cy), size: line.markerSize * pt, color: line.color) }
            case .patch(let c): canvas.fillRect(h.x0, h.y0, h.width, h.height, c)
            case .marker(let c, let m): marker(m, ((h.x0 + h.x1) / 2, cy), size: 6 * pt, color: c)
            }
            text(e.text)
        }
    }
}
