import NeuralNet
/// One line of a plot: a name for the legend and one value per epoch (x = 1, 2, ...).
public struct CurveSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]
    /// Validation curves are dashed, training curves solid.
    public var dashed: Bool
    public init(name: String, values: [Double], dashed: Bool = false) {
        self.name = name; self.values = values; self.dashed = dashed
    }
}

/// One plot with axes: `Loss` with `loss` and `val_loss`.
public struct CurvePanel: Sendable, Equatable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [CurveSeries]
    public init(title: String, xLabel: String = "epoch", yLabel: String, series: [CurveSeries]) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series
    }
}

/// Plots side by side: what `plot_history` shows.
public struct CurveFigure: Sendable, Equatable {
    public var panels: [CurvePanel]
    public init(panels: [CurvePanel]) { self.panels = panels }

    /// Keras's history as panels: `loss` with `val_loss`, `accuracy` with `val_accuracy`, and
    /// every other metric with its `val_` twin, in the order of the dictionary's keys.
    public static func history(_ history: [(key: String, values: [Double])]) -> CurveFigure {
        var panels: [CurvePanel] = []
        let keys = history.map(\.key)
        var used = Set<String>()
        for (key, values) in history where !used.contains(key) {
            let base = key.hasPrefix("val_") && keys.contains(String(key.dropFirst(4))) ? String(key.dropFirst(4)) : key
            guard !used.contains(base) else { continue }
            var series: [CurveSeries] = []
            if let train = history.first(where: { $0.key == base }) {
                series.append(CurveSeries(name: base, values: train.values))
                used.insert(base)
            }
            if let val = history.first(where: { $0.key == "val_" + base }) {
                series.append(CurveSeries(name: "val_" + base, values: val.values, dashed: true))
                used.insert("val_" + base)
            }
            if series.isEmpty { series.append(CurveSeries(name: key, values: values)); used.insert(key) }
            let title = base.prefix(1).uppercased() + base.dropFirst().replacingUnderscores()
            panels.append(CurvePanel(title: title, yLabel: base, series: series))
        }
        return CurveFigure(panels: panels)
    }
}

extension Substring {
    fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
