/// `plot_history`'s curves as a pyplot figure: one axes per panel side by side, training solid
/// and validation dashed in tab10's colours, markers while there are few epochs, a grid, a
/// legend, and whole epochs on x; laid out with `tight_layout`, as a tutorial's `plt` code does.
public enum CurveFigures {
    /// Width of one panel and height of the figure, in inches.
    public static let panelWidth = 5.0, height = 3.8
    /// Curves with at most this many points get a circle at each.
    static let markedPoints = 30

    public static func figure(_ f: CurveFigure) -> PlotFigure {
        let n = max(1, f.panels.count)
        var fig = PlotFigure(number: 0)
        fig.width = panelWidth * Double(n); fig.height = height
        fig.tightLayout = true
        if f.panels.isEmpty { fig.axes = [PlotAxes(placement: .grid(rows: 1, columns: 1, first: 0, last: 0))] }
        for (i, p) in f.panels.enumerated() {
            var a = PlotAxes(placement: .grid(rows: 1, columns: n, first: i, last: i))
            for s in p.series {
                var line = PlotLine(x: s.values.indices.map { Double($0 + 1) }, y: s.values,
                                    color: PlotCycle.tab10[a.cycleIndex % PlotCycle.tab10.count])
                a.cycleIndex += 1
                line.style = s.dashed ? .dashed : .solid
                line.label = s.name
                if s.values.count <= markedPoints { line.marker = .circle; line.markerSize = 4 }
                a.add(line)
            }
            a.title = p.title
            a.x.label = p.xLabel; a.y.label = p.yLabel
            a.x.ticks = epochTicks(p.series.map(\.values.count).max() ?? 0)
            a.grid = true
            a.legend = !p.series.isEmpty
            fig.axes.append(a)
        }
        return fig
    }

    /// Whole epochs 1...n, every 1, 2, 5, 10, 20, 50, ... so that at most ten are labelled.
    public static func epochTicks(_ n: Int) -> [Double] {
        guard n > 1 else { return [1] }
        var step = 1, k = 0
        while n / step > 10 { step = [2, 5, 10][k % 3] * pow10(k / 3); k += 1 }
        let first = step == 1 ? 1 : step
        return stride(from: first, through: n, by: step).map(Double.init)
    }

    private static func pow10(_ e: Int) -> Int { (0..<e).reduce(1) { r, _ in r * 10 } }
}
