import Glibc
import Figures

/// A rectangle in pixels, y down.
struct Box: Equatable {
    var x0: Double, y0: Double, x1: Double, y1: Double
    var width: Double { x1 - x0 }
    var height: Double { y1 - y0 }
    func union(_ o: Box) -> Box { Box(x0: min(x0, o.x0), y0: min(y0, o.y0), x1: max(x1, o.x1), y1: max(y1, o.y1)) }
    func inset(_ d: Double) -> Box { Box(x0: x0 - d, y0: y0 - d, x1: x1 + d, y1: y1 + d) }
}

/// Text placed on the figure: baseline origin, turn, and the box it covers.
struct PlacedText {
    var text: String
    var x: Double, y: Double
    var sizePixels: Double
    var bold: Bool
    var color: PlotColor
    var degrees: Double = 0
    var box: Box
}

extension PlacedText {
    /// Text turned `degrees` counter-clockwise, placed so that the point (ax, ay) of its box
    /// (0 left/top, 1 right/bottom) falls on (x, y): matplotlib's alignment of rotated labels.
    init(_ text: String, _ e: TextMeasure.Extents, sizePixels: Double, bold: Bool, color: PlotColor, degrees: Double,
         anchor: (Double, Double), at point: (Double, Double)) {
        let t = degrees * Double.pi / 180, c = cos(t), s = sin(t)
        // corners in text space (x along the baseline, y up), turned, then y flipped to screen
        let corners = [(0.0, -e.descent), (e.width, -e.descent), (e.width, e.ascent), (0.0, e.ascent)]
            .map { (x: $0.0 * c - $0.1 * s, y: -($0.0 * s + $0.1 * c)) }
        let x0 = corners.map(\.x).min()!, x1 = corners.map(\.x).max()!
        let y0 = corners.map(\.y).min()!, y1 = corners.map(\.y).max()!
        let ox = point.0 - (x0 + (x1 - x0) * anchor.0), oy = point.1 - (y0 + (y1 - y0) * anchor.1)
        self.init(text: text, x: ox, y: oy, sizePixels: sizePixels, bold: bold, color: color, degrees: degrees,
                  box: Box(x0: ox + x0, y0: oy + y0, x1: ox + x1, y1: oy + y1))
    }
}

/// Where the axes boxes go: the subplot grid with the figure's margins and spacing, equal data
/// aspect (imshow), and colorbars taken from their parents' room, as matplotlib places them.
enum AxesPlacing {
    /// The box of every axes, before and after its aspect is applied, in pixels.
    static func boxes(_ fig: PlotFigure, limits: [(x: (Double, Double), y: (Double, Double))]) -> [Box] {
        let W = fig.width * fig.dpi, H = fig.height * fig.dpi
        var raw = fig.axes.map { frame($0.placement, fig, W, H) }
        var anchors = [Double](repeating: 0.5, count: fig.axes.count)   // x anchor within the frame
        var yAnchors = [Double](repeating: 0.5, count: fig.axes.count)
        var aspects: [Double?] = fig.axes.enumerated().map { i, a in
            guard a.equalAspect else { return nil }
            let l = limits[i]
            let dx = abs(l.x.1 - l.x.0), dy = abs(l.y.1 - l.y.0)
            return dx > 0 ? dy / dx : nil
        }
        for (i, a) in fig.axes.enumerated() {
            guard case .colorbar(let parent) = a.placement, parent < raw.count else { continue }
            let pb = raw[parent]
            raw[parent] = Box(x0: pb.x0, y0: pb.y0, x1: pb.x0 + 0.80 * pb.width, y1: pb.y1)
            anchors[parent] = 1.0
            raw[i] = Box(x0: pb.x0 + 0.85 * pb.width, y0: pb.y0, x1: pb.x1, y1: pb.y1)
            anchors[i] = 0
            yAnchors[i] = 0.5
            aspects[i] = 20                    // box aspect: twenty times taller than wide
        }
        return raw.enumerated().map { i, b in
            guard let ratio = aspects[i], ratio > 0 else { return b }
            if b.height / b.width > ratio {
                let h = b.width * ratio
                let y0 = b.y0 + (b.height - h) * yAnchors[i]
                return Box(x0: b.x0, y0: y0, x1: b.x1, y1: y0 + h)
            }
            let w = b.height / ratio
            let x0 = b.x0 + (b.width - w) * anchors[i]
            return Box(x0: x0, y0: b.y0, x1: x0 + w, y1: b.y1)
        }
    }

    /// GridSpec's cell geometry for a placement, in pixels.
    static func frame(_ p: AxesPlacement, _ fig: PlotFigure, _ W: Double, _ H: Double) -> Box {
        switch p {
        case .rectangle(let l, let b, let w, let h):
            return Box(x0: l * W, y0: (1 - b - h) * H, x1: (l + w) * W, y1: (1 - b) * H)
        case .colorbar:
            return Box(x0: 0, y0: 0, x1: 1, y1: 1)   // set from the parent
        case .grid(let rows, let cols, let first, let last):
            let totW = fig.right - fig.left, totH = fig.top - fig.bottom
            let cellH = totH / (Double(rows) + fig.hspace * Double(rows - 1)), sepH = fig.hspace * cellH
            let cellW = totW / (Double(cols) + fig.wspace * Double(cols - 1)), sepW = fig.wspace * cellW
            let r0 = min(first, last) / cols, r1 = max(first, last) / cols
            let c0 = min(first % cols, last % cols), c1 = max(first % cols, last % cols)
            let top = fig.top - Double(r0) * (cellH + sepH)
            let bottom = fig.top - Double(r1) * (cellH + sepH) - cellH
            let left = fig.left + Double(c0) * (cellW + sepW)
            let right = fig.left + Double(c1) * (cellW + sepW) + cellW
            return Box(x0: left * W, y0: (1 - top) * H, x1: right * W, y1: (1 - bottom) * H)
        }
    }
}

/// Autoscaled limits of an axes from its artists, as matplotlib's autoscale_view gives them.
enum DataLimits {
    static func of(_ a: PlotAxes) -> (x: (Double, Double), y: (Double, Double)) {
        if let cb = a.colorbar { return ((0, 1), Ticks.nonsingular(cb.vmin, cb.vmax)) }
        var xs: [Double] = [], ys: [Double] = []
        var stickyX: [Double] = [], stickyY: [Double] = []
        for l in a.lines {
            if l.span != .horizontal { xs += l.x.filter(\.isFinite) }
            if l.span != .vertical { ys += l.y.filter(\.isFinite) }
        }
        for f in a.fills { xs += f.x.filter(\.isFinite); ys += (f.y1 + f.y2).filter(\.isFinite) }
        for s in a.scatters { xs += s.x.filter(\.isFinite); ys += s.y.filter(\.isFinite) }
        for g in a.bars {
            for r in g.rectangles {
                xs += [r.x, r.x + r.width]; ys += [r.y, r.y + r.height]
                if g.horizontal { stickyX.append(r.x) } else { stickyY.append(r.y) }
            }
        }
        var inverted = false
        for im in a.images {
            xs += [im.extent.left, im.extent.right]; ys += [im.extent.bottom, im.extent.top]
            stickyX += [im.extent.left, im.extent.right]; stickyY += [im.extent.bottom, im.extent.top]
            inverted = im.extent.top < im.extent.bottom
        }
        func limits(_ v: [Double], _ sticky: [Double], _ set: (Double, Double)?) -> (Double, Double) {
            if let set { return Ticks.nonsingular(set.0, set.1) }
            guard let lo = v.min(), let hi = v.max() else { return (0, 1) }
            return Ticks.viewLimits(lo, hi, sticky: sticky)
        }
        var x = limits(xs, stickyX, a.x.limits)
        var y = limits(ys, stickyY, a.y.limits)
        if a.y.limits == nil, inverted || a.y.inverted { y = (y.1, y.0) }
        if a.x.limits == nil, a.x.inverted { x = (x.1, x.0) }
        return (x, y)
    }
}
