import Figures

/// A legend box as matplotlib draws it at 10 pt: 0.4 em border pad, 2 em handles, 0.8 em
/// between handle and text, 0.5 em between rows, 0.5 em from the axes, placed at `loc` or, for
/// "best", at the first of matplotlib's places that covers the fewest data points.
struct LegendLayout {
    enum Handle { case line(PlotLine), patch(PlotColor), marker(PlotColor, MarkerStyle) }
    struct Entry { var handle: Handle; var text: PlacedText; var handleBox: Box }
    var box: Box
    var entries: [Entry]

    static let places = ["upper right", "upper left", "lower left", "lower right", "right", "center left",
                         "center right", "lower center", "upper center", "center"]

    static func make(_ a: PlotAxes, _ l: AxesLayout, _ pt: Double, _ m: TextMeasure) -> LegendLayout? {
        var ordered: [(Int, Handle, String)] = []
        for line in a.lines { if let s = line.label, !s.hasPrefix("_") { ordered.append((line.order, .line(line), s)) } }
        for s in a.scatters { if let t = s.label, !t.hasPrefix("_") { ordered.append((s.order, .marker(s.colors.first ?? .black, s.marker), t)) } }
        for b in a.bars { if let t = b.label, !t.hasPrefix("_") { ordered.append((b.order, .patch(b.rectangles.first?.color ?? .black), t)) } }
        for f in a.fills { if let t = f.label, !t.hasPrefix("_") { ordered.append((f.order, .patch(f.color), t)) } }
        let items = ordered.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
        guard !items.isEmpty else { return nil }
        let em = a.legendFontSize * pt
        let measured = items.map { m.measure($0.1, sizePixels: em) }
        let rowH = measured.map { max($0.height, 0.7 * em) }
        let textW = measured.map(\.width).max() ?? 0
        let w = 2 * 0.4 * em + 2 * em + 0.8 * em + textW
        let h = 2 * 0.4 * em + rowH.reduce(0, +) + 0.5 * em * Double(items.count - 1)
        let inset = 0.5 * em
        func box(_ place: String) -> Box {
            let b = l.box
            let x0: Double = place.hasSuffix("left") ? b.x0 + inset
                : (place.hasSuffix("right") ? b.x1 - inset - w : (b.x0 + b.x1 - w) / 2)
            let y0: Double = place.hasPrefix("upper") ? b.y0 + inset
                : (place.hasPrefix("lower") ? b.y1 - inset - h : (b.y0 + b.y1 - h) / 2)
            return Box(x0: x0, y0: y0, x1: x0 + w, y1: y0 + h)
        }
        var chosen = box(places.contains(a.legendLocation) ? a.legendLocation : "upper right")
        if a.legendLocation == "best" {
            var points: [(Double, Double)] = []
            for line in a.lines where line.span == .data { for (x, y) in zip(line.x, line.y) { points.append((l.px(x), l.py(y))) } }
            for s in a.scatters { for (x, y) in zip(s.x, s.y) { points.append((l.px(x), l.py(y))) } }
            for g in a.bars { for r in g.rectangles { points.append((l.px(r.x + r.width / 2), l.py(r.y + r.height))) } }
            var best = Int.max
            for place in places {
                let b = box(place)
                let n = points.filter { $0.0 >= b.x0 && $0.0 <= b.x1 && $0.1 >= b.y0 && $0.1 <= b.y1 }.count
                if n < best { best = n; chosen = b }
                if n == 0 { break }
            }
        }
        var entries: [Entry] = []
        var y = chosen.y0 + 0.4 * em
        for (i, item) in items.enumerated() {
            let e = measured[i]
            let cy = y + rowH[i] / 2
            let hb = Box(x0: chosen.x0 + 0.4 * em, y0: cy - 0.35 * em, x1: chosen.x0 + 2.4 * em, y1: cy + 0.35 * em)
            let tx = hb.x1 + 0.8 * em, baseline = cy + (e.ascent - e.descent) / 2
            entries.append(Entry(handle: item.0,
                                 text: PlacedText(text: item.1, x: tx, y: baseline, sizePixels: em, bold: false, color: .black,
                                                  box: Box(x0: tx, y0: baseline - e.ascent, x1: tx + e.width, y1: baseline + e.descent)),
                                 handleBox: hb))
            y += rowH[i] + 0.5 * em
        }
        return LegendLayout(box: chosen, entries: entries)
    }
}
