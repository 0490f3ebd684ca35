import Figures
import FoveaLang
import Rendering

/// pyplot's state in one session: the open figures in order, the current one, and the next
/// figure number, as `plt.figure`, `plt.gcf` and `plt.close` keep them.
final class PyplotState {
    var figures: [FigureObject] = []
    var current: FigureObject?
    var nextNumber = 1

    static func of(_ store: SessionStore) -> PyplotState { store.shared("pyplot") { PyplotState() } }

    func newFigure(width: Double? = nil, height: Double? = nil, dpi: Double? = nil, number: Int? = nil) -> FigureObject {
        let n = number ?? nextNumber
        nextNumber = max(nextNumber, n + 1)
        var model = PlotFigure(number: n)
        if let width { model.width = width }
        if let height { model.height = height }
        if let dpi { model.dpi = dpi }
        let f = FigureObject(model)
        figures.append(f)
        current = f
        return f
    }

    /// The current figure, made when there is none (`plt.gcf()`).
    func currentFigure() -> FigureObject { current ?? newFigure() }

    func close(_ f: FigureObject) {
        figures.removeAll { $0 === f }
        if current === f { current = figures.last }
    }

    func closeAll() { figures = []; current = nil }

    /// The inline backend at the end of a cell: every open figure that was drawn on is shown,
    /// then all are closed.
    func flush(_ show: (FigureObject) -> Void) {
        let open = figures
        closeAll()
        for f in open where f.wasDrawnOn { show(f) }
    }
}

/// A figure as the inline backend shows it: a PNG cropped with bbox_inches='tight', and
/// `<Figure size 640x480 with 1 Axes>` as text. Drawn now; a figure that cannot be drawn shows
/// its text and why.
enum FigureDisplay {
    static func bundle(_ figure: PlotFigure) -> MimeBundle {
        do {
            let r = try PlotRendering.png(figure, tight: true)
            return MimeBundle(text: ["text/plain": figure.summary], binary: ["image/png": r.png],
                              metadata: ["image/png": ["width": r.width, "height": r.height]])
        } catch {
            return MimeBundle(text: ["text/plain": figure.summary + "\n(not drawn: \(error))"])
        }
    }
}
