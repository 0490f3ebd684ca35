#if canImport(Glibc)
import Glibc
#endif

/// A 2-D line plot drawn by us: a frame with axes, "nice" ticks (1, 2 or 5 times a power of
/// ten), grid lines, lines with point markers, a legend, a title and axis labels.
public struct Plot {
    public struct Line {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var color: RGB
        public var dashed: Bool
        public init(name: String, points: [(x: Double, y: Double)], color: RGB, dashed: Bool = false) {
            self.name = name; self.points = points; self.color = color; self.dashed = dashed
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var lines: [Line]
    /// Ticks on x at whole numbers only (epochs).
    public var integerX: Bool

    public init(title: String, xLabel: String, yLabel: String, lines: [Line], integerX: Bool = true) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.lines = lines; self.integerX = integerX
    }

    /// tab10's first colours: blue, orange, green, red, purple, brown.
    public static let palette = [RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44), RGB(214, 39, 40),
                                 RGB(148, 103, 189), RGB(140, 86, 75)]

    /// Ticks covering lo...hi: about `target` values at a step of 1, 2 or 5 times a power of ten.
    public static func ticks(_ lo: Double, _ hi: Double, target: Int = 5, integer: Bool = false) -> (values: [Double], step: Double) {
        var lo = lo, hi = hi
        if !(hi > lo) { lo -= 0.5; hi += 0.5 }
        let raw = (hi - lo) / Double(max(1, target))
        let power = pow(10, floor(log10(raw)))
        var step = power
        for m in [1.0, 2, 5, 10] where m * power >= raw { step = m * power; break }
        if integer { step = max(1, step.rounded()) }
        let first = ceil(lo / step - 1e-9) * step
        var values: [Double] = []
        var v = first
        while v <= hi + step * 1e-9 { values.append(abs(v) < step * 1e-9 ? 0 : v); v += step }
        return (values, step)
    }

    /// A tick's label with as many decimals as the step needs.
    public static func label(_ v: Double, step: Double) -> String {
        var decimals = 0
        while decimals < 6, abs(step * pow(10, Double(decimals)) - (step * pow(10, Double(decimals))).rounded()) > 1e-6 { decimals += 1 }
        if decimals == 0 { return String(Int(v.rounded())) }
        let scale = pow(10, Double(decimals))
        let n = Int((abs(v) * scale).rounded())
        let whole = n / Int(scale), frac = n % Int(scale)
        var f = String(frac)
        while f.count < decimals { f = "0" + f }
        return (v < 0 && n != 0 ? "-" : "") + "\(whole).\(f)"
    }

    /// Draws the plot in the rectangle (x, y, width, height) of the canvas.
    public func draw(on canvas: inout Canvas, x: Int, y: Int, width: Int, height: Int) {
        let all = lines.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xs = all.map(\.x), ys = all.map(\.y)
        let (xt, xStep) = Plot.ticks(xs.min() ?? 0, xs.max() ?? 1, target: 8, integer: integerX)
        var yLo = ys.min() ?? 0, yHi = ys.max() ?? 1
        if yHi - yLo < 1e-12 { yLo -= 0.5; yHi += 0.5 }
        let (yt, yStep) = Plot.ticks(yLo, yHi, target: 5)
        let x0 = min(xs.min() ?? 0, xt.first ?? 0), x1 = max(xs.max() ?? 1, xt.last ?? 1)
        let y0 = min(yLo, yt.first ?? yLo), y1 = max(yHi, yt.last ?? yHi)
        let yLabels = yt.map { Plot.label($0, step: yStep) }
        let labelWidth = yLabels.map { BitmapFont.size(of: $0).width }.max() ?? 0

        let left = x + labelWidth + 26, right = x + width - 12
        let top = y + BitmapFont.lineHeight * 2 + 10, bottom = y + height - 34
        func px(_ v: Double) -> Int { left + Int(((v - x0) / max(x1 - x0, 1e-12) * Double(right - left)).rounded()) }
        func py(_ v: Double) -> Int { bottom - Int(((v - y0) / max(y1 - y0, 1e-12) * Double(bottom - top)).rounded()) }

        canvas.text(title, centerX: (left + right) / 2, y: y + 2, .ink, scale: 2)
        for (v, label) in zip(yt, yLabels) {
            canvas.line(left, py(v), right, py(v), RGB(232, 232, 232))
            canvas.line(left - 4, py(v), left, py(v), .ink)
            canvas.text(label, x: left - 7 - BitmapFont.size(of: label).width, y: py(v) - 3)
        }
        for v in xt {
            canvas.line(px(v), top, px(v), bottom, RGB(240, 240, 240))
            canvas.line(px(v), bottom, px(v), bottom + 4, .ink)
            canvas.text(Plot.label(v, step: xStep), centerX: px(v), y: bottom + 7)
        }
        canvas.frame(x: left, y: top, width: right - left + 1, height: bottom - top + 1, .ink)
        canvas.text(xLabel, centerX: (left + right) / 2, y: bottom + 20)
        canvas.verticalText(yLabel, centerX: x + 5, centerY: (top + bottom) / 2)

        for l in lines {
            let pts = l.points.filter { $0.x.isFinite && $0.y.isFinite }.map { (px($0.x), py($0.y)) }
            for (a, b) in zip(pts, pts.dropFirst()) {
                canvas.line(a.0, a.1, b.0, b.1, l.color, thickness: 2, dash: l.dashed ? 6 : 0)
            }
            if pts.count <= 60 {
                for p in pts { canvas.fill(x: p.0 - 2, y: p.1 - 2, width: 5, height: 5, l.color) }
            }
        }
        // Legend, top right inside the frame.
        guard !lines.isEmpty else { return }
        let textWidth = lines.map { BitmapFont.size(of: $0.name).width }.max() ?? 0
        let boxWidth = textWidth + 36, boxHeight = lines.count * 12 + 6
        let bx = right - boxWidth - 6, by = top + 6
        canvas.fill(x: bx, y: by, width: boxWidth, height: boxHeight, .white)
        canvas.frame(x: bx, y: by, width: boxWidth, height: boxHeight, .light)
        for (i, l) in lines.enumerated() {
            let ly = by + 6 + i * 12
            canvas.line(bx + 5, ly + 3, bx + 25, ly + 3, l.color, thickness: 2, dash: l.dashed ? 4 : 0)
            canvas.text(l.name, x: bx + 30, y: ly)
        }
    }
}
