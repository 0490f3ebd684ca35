import Figures

/// One axes laid out: its box, limits, ticks in pixels with their labels, and its texts.
struct AxesLayout {
    var index: Int
    var box: Box
    var xlim: (Double, Double), ylim: (Double, Double)
    var xticks: [Double] = [], yticks: [Double] = []      // pixel positions
    var texts: [PlacedText] = []
    /// The box with every decoration (tick labels, labels, title).
    var decorated: Box

    func px(_ x: Double) -> Double { box.x0 + (x - xlim.0) / (xlim.1 - xlim.0) * box.width }
    func py(_ y: Double) -> Double { box.y1 - (y - ylim.0) / (ylim.1 - ylim.0) * box.height }
}

/// The whole figure laid out, with the tight box of everything drawn.
struct FigureLayout {
    var width: Double, height: Double
    var axes: [AxesLayout]
    var texts: [PlacedText]
    var legends: [Int: LegendLayout]
    var tight: Box
}

/// Lays a figure out as matplotlib does: boxes from the grid, ticks from AutoLocator for the
/// axis length, tick labels 3.5 pt ticks + 3.5 pt pad away, labels 4 pt further, titles 6 pt
/// above, the suptitle at 98% of the height; `tight_layout` refits the margins.
enum PlotLayout {
    static func layout(_ figure: PlotFigure, measure: TextMeasure) -> FigureLayout {
        var fig = figure
        var result = once(fig, measure)
        if fig.tightLayout {
            fit(&fig, result)
            result = once(fig, measure)
        }
        return result
    }

    static func once(_ fig: PlotFigure, _ m: TextMeasure) -> FigureLayout {
        let pt = fig.dpi / 72
        let W = fig.width * fig.dpi, H = fig.height * fig.dpi
        let limits = fig.axes.map(DataLimits.of)
        let boxes = AxesPlacing.boxes(fig, limits: limits)
        var axes: [AxesLayout] = []
        var legends: [Int: LegendLayout] = [:]
        for (i, a) in fig.axes.enumerated() {
            var l = AxesLayout(index: i, box: boxes[i], xlim: limits[i].x, ylim: limits[i].y, decorated: boxes[i])
            decorate(&l, a, pt, m)
            if a.legend, let legend = LegendLayout.make(a, l, pt, m) {
                legends[i] = legend
            }
            axes.append(l)
        }
        var texts: [PlacedText] = []
        if let s = fig.suptitle {
            let size = fig.suptitleStyle.size * pt
            let e = m.measure(s, sizePixels: size, bold: fig.suptitleStyle.bold)
            let top = 0.02 * H
            texts.append(PlacedText(text: s, x: W / 2 - e.width / 2, y: top + e.ascent, sizePixels: size, bold: fig.suptitleStyle.bold,
                                    color: fig.suptitleStyle.color, box: Box(x0: W / 2 - e.width / 2, y0: top, x1: W / 2 + e.width / 2, y1: top + e.height)))
        }
        for ft in fig.texts {
            let size = ft.style.size * pt
            let e = m.measure(ft.text, sizePixels: size, bold: ft.style.bold)
            texts.append(PlacedText(ft.text, e, sizePixels: size, bold: ft.style.bold, color: ft.style.color, degrees: 0,
                                    anchor: (ft.horizontal, ft.vertical), at: (ft.x * W, (1 - ft.y) * H)))
        }
        var tight: Box? = nil
        for a in axes { tight = tight.map { $0.union(a.decorated) } ?? a.decorated }
        for t in texts { tight = tight.map { $0.union(t.box) } ?? t.box }
        for (_, lg) in legends { tight = tight.map { $0.union(lg.box) } ?? lg.box }
        return FigureLayout(width: W, height: H, axes: axes, texts: texts, legends: legends,
                            tight: tight ?? Box(x0: 0, y0: 0, x1: W, y1: H))
    }

    /// Ticks, tick labels, axis labels and title of one axes.
    static func decorate(_ l: inout AxesLayout, _ a: PlotAxes, _ pt: Double, _ m: TextMeasure) {
        let out = (3.5 + 3.5) * pt
        var deco = l.box
        if a.axisOn {
            let isColorbar = a.colorbar != nil
            // x axis
            if !isColorbar {
                let ticks = tickValues(a.x, l.xlim, lengthPoints: l.box.width / pt, vertical: false)
                let labels = a.x.tickLabels ?? Ticks.labels(ticks, viewInterval: l.xlim)
                l.xticks = ticks.map(l.px)
                var bottom = l.box.y1 + (ticks.isEmpty ? 0 : 3.5 * pt)
                for (x, s) in zip(l.xticks, labels) where !s.isEmpty {
                    let e = m.measure(s, sizePixels: a.x.tickSize * pt)
                    let t = PlacedText(s, e, sizePixels: a.x.tickSize * pt, bold: false, color: .black, degrees: a.x.tickRotation,
                                       anchor: (0.5, 0), at: (x, l.box.y1 + out))
                    l.texts.append(t); bottom = max(bottom, t.box.y1)
                }
                deco.y1 = max(deco.y1, bottom)
                if let label = a.x.label, !label.isEmpty {
                    let size = a.x.labelStyle.size * pt
                    let e = m.measure(label, sizePixels: size, bold: a.x.labelStyle.bold)
                    let top = bottom + a.x.labelPad * pt, cx = (l.box.x0 + l.box.x1) / 2
                    let t = PlacedText(text: label, x: cx - e.width / 2, y: top + e.ascent, sizePixels: size, bold: a.x.labelStyle.bold,
                                       color: a.x.labelStyle.color, box: Box(x0: cx - e.width / 2, y0: top, x1: cx + e.width / 2, y1: top + e.height))
                    l.texts.append(t); deco = deco.union(t.box)
                }
            }
            // y axis (a colorbar's on the right)
            let ticks = tickValues(a.y, l.ylim, lengthPoints: l.box.height / pt, vertical: true)
            let labels = a.y.tickLabels ?? Ticks.labels(ticks, viewInterval: l.ylim)
            l.yticks = ticks.map(l.py)
            var edge = isColorbar ? l.box.x1 + (ticks.isEmpty ? 0 : 3.5 * pt) : l.box.x0 - (ticks.isEmpty ? 0 : 3.5 * pt)
            for (y, s) in zip(l.yticks, labels) where !s.isEmpty {
                let e = m.measure(s, sizePixels: a.y.tickSize * pt)
                let t: PlacedText
                if a.y.tickRotation == 0 {     // centred on the baseline's middle, as 'center_baseline'
                    let baseline = y + (e.ascent - e.descent) / 2
                    let x0 = isColorbar ? l.box.x1 + out : l.box.x0 - out - e.width
                    t = PlacedText(text: s, x: x0, y: baseline, sizePixels: a.y.tickSize * pt, bold: false, color: .black,
                                   box: Box(x0: x0, y0: baseline - e.ascent, x1: x0 + e.width, y1: baseline + e.descent))
                } else {
                    t = PlacedText(s, e, sizePixels: a.y.tickSize * pt, bold: false, color: .black, degrees: a.y.tickRotation,
                                   anchor: (isColorbar ? 0 : 1, 0.5), at: (isColorbar ? l.box.x1 + out : l.box.x0 - out, y))
                }
                l.texts.append(t)
                edge = isColorbar ? max(edge, t.box.x1) : min(edge, t.box.x0)
            }
            deco = deco.union(Box(x0: min(edge, l.box.x0), y0: l.box.y0, x1: max(edge, l.box.x1), y1: l.box.y1))
            if let label = a.y.label, !label.isEmpty {
                let size = a.y.labelStyle.size * pt
                let e = m.measure(label, sizePixels: size, bold: a.y.labelStyle.bold)
                let cy = (l.box.y0 + l.box.y1) / 2
                let right = isColorbar ? edge + a.y.labelPad * pt + e.height : edge - a.y.labelPad * pt
                let baselineX = right - e.descent
                let t = PlacedText(text: label, x: baselineX, y: cy + e.width / 2, sizePixels: size, bold: a.y.labelStyle.bold,
                                   color: a.y.labelStyle.color, degrees: 90,
                                   box: Box(x0: right - e.height, y0: cy - e.width / 2, x1: right, y1: cy + e.width / 2))
                l.texts.append(t); deco = deco.union(t.box)
            }
        }
        if let title = a.title, !title.isEmpty {
            let size = a.titleStyle.size * pt
            let e = m.measure(title, sizePixels: size, bold: a.titleStyle.bold)
            let cx = (l.box.x0 + l.box.x1) / 2, baseline = l.box.y0 - a.titlePad * pt
            let t = PlacedText(text: title, x: cx - e.width / 2, y: baseline, sizePixels: size, bold: a.titleStyle.bold, color: a.titleStyle.color,
                               box: Box(x0: cx - e.width / 2, y0: baseline - e.ascent, x1: cx + e.width / 2, y1: baseline + e.descent))
            l.texts.append(t); deco = deco.union(t.box)
        }
        for ft in a.texts {
            let size = ft.style.size * pt
            let e = m.measure(ft.text, sizePixels: size, bold: ft.style.bold)
            let x = l.px(ft.x), y = l.py(ft.y)
            if let v = ft.vertical {
                l.texts.append(PlacedText(ft.text, e, sizePixels: size, bold: ft.style.bold, color: ft.style.color, degrees: 0,
                                          anchor: (ft.horizontal, v), at: (x, y)))
            } else {
                let x0 = x - ft.horizontal * e.width
                l.texts.append(PlacedText(text: ft.text, x: x0, y: y, sizePixels: size, bold: ft.style.bold, color: ft.style.color,
                                          box: Box(x0: x0, y0: y - e.ascent, x1: x0 + e.width, y1: y + e.descent)))
            }
        }
        l.decorated = deco
    }

    /// The tick values shown on an axis: the ones set, or AutoLocator's inside the view.
    static func tickValues(_ axis: PlotAxis, _ lim: (Double, Double), lengthPoints: Double, vertical: Bool) -> [Double] {
        if let set = axis.ticks { return Ticks.visible(set, lim.0, lim.1) }
        let bins = Ticks.autoBins(lengthPoints: lengthPoints, labelSize: axis.tickSize, vertical: vertical)
        return Ticks.visible(Ticks.locate(min(lim.0, lim.1), max(lim.0, lim.1), bins: bins), lim.0, lim.1)
    }

    /// `tight_layout`: margins and spacing that just fit each axes' decoration, with a pad of
    /// 1.08 font sizes.
    static func fit(_ fig: inout PlotFigure, _ laid: FigureLayout) {
        let pad = fig.tightPad * 10 * fig.dpi / 72
        let W = laid.width, H = laid.height
        var rows = 1, cols = 1
        for a in fig.axes { if case .grid(let r, let c, _, _) = a.placement { rows = max(rows, r); cols = max(cols, c) } }
        var left = [Double](repeating: 0, count: cols), right = left
        var top = [Double](repeating: 0, count: rows), bottom = top
        for (i, a) in fig.axes.enumerated() {
            guard case .grid(_, let c, let first, let last) = a.placement else { continue }
            var d = laid.axes[i].decorated, b = laid.axes[i].box
            for (j, o) in fig.axes.enumerated() where o.placement == .colorbar(of: i) {
                d = d.union(laid.axes[j].decorated); b = b.union(laid.axes[j].box)
            }
            let r0 = min(first, last) / c, r1 = max(first, last) / c, c0 = min(first % c, last % c), c1 = max(first % c, last % c)
            guard r1 < rows, c1 < cols else { continue }
            left[c0] = max(left[c0], b.x0 - d.x0); right[c1] = max(right[c1], d.x1 - b.x1)
            top[r0] = max(top[r0], b.y0 - d.y0); bottom[r1] = max(bottom[r1], d.y1 - b.y1)
        }
        let supH = fig.suptitle == nil ? 0 : laid.texts.first?.box.y1 ?? 0   // the suptitle is the first text
        fig.left = (left[0] + pad) / W
        fig.right = 1 - (right[cols - 1] + pad) / W
        fig.top = 1 - (top[0] + pad + supH) / H
        fig.bottom = (bottom[rows - 1] + pad) / H
        if cols > 1 {
            let sep = (0..<(cols - 1)).map { right[$0] + left[$0 + 1] + pad }.max()!
            let cell = ((fig.right - fig.left) * W - sep * Double(cols - 1)) / Double(cols)
            fig.wspace = cell > 0 ? sep / cell : fig.wspace
        }
        if rows > 1 {
            let sep = (0..<(rows - 1)).map { bottom[$0] + top[$0 + 1] + pad }.max()!
            let cell = ((fig.top - fig.bottom) * H - sep * Double(rows - 1)) / Double(rows)
            fig.hspace = cell > 0 ? sep / cell : fig.hspace
        }
    }
}
