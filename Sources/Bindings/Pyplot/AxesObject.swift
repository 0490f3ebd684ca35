import Figures
import FoveaLang

/// A matplotlib Axes: a view onto one axes of its figure's model.
final class AxesObject: FoveaObject {
    let figure: FigureObject
    let index: Int
    init(figure: FigureObject, index: Int) { self.figure = figure; self.index = index }

    var model: PlotAxes {
        get { figure.model.axes[index] }
        set { figure.model.axes[index] = newValue; figure.wasDrawnOn = true }
    }

    var typeName: String { "Axes" }
    var doc: String { "A matplotlib Axes: one plotting area of a figure, with its lines, images, ticks and labels." }
    /// matplotlib's `<Axes: title={'center': 'Loss'}, xlabel='epoch'>`.
    func repr() -> String {
        let m = model
        var fields: [String] = []
        if let t = m.title, !t.isEmpty { fields.append("title={'center': \(Repr.string(t))}") }
        if let l = m.x.label, !l.isEmpty { fields.append("xlabel=\(Repr.string(l))") }
        if let l = m.y.label, !l.isEmpty { fields.append("ylabel=\(Repr.string(l))") }
        return "<Axes: " + fields.joined(separator: ", ") + ">"
    }
    var hostClass: AnyHostClass? { AxesObject.binding }

    /// The next colour of the axes' property cycle.
    func nextColor() -> PlotColor {
        let c = PlotCycle.tab10[model.cycleIndex % 10]
        model.cycleIndex += 1
        return c
    }

    /// Every Axes method, declared once with the pyplot functions (AxesCalls).
    static let binding: HostClass<AxesObject> = {
        let b = HostClass<AxesObject>("Axes", module: "matplotlib.axes", doc: "A matplotlib Axes.")
        for call in AxesCalls.all {
            guard let name = call.axesName else { continue }
            b.method(name, call.parameters, doc: call.doc) { ax, args, ctx in try call.body(ax, &args, ctx, true) }
        }
        b.property("figure", doc: "The figure the axes is in.") { ax, _ in .object(ax.figure) }
        for (name, instead) in Unsupported.nearest where b.memberNames.firstIndex(of: name) == nil {
            b.method(name, [.varPositional("args"), .varKeyword("kwargs")], doc: "Not drawn by Fovea; use \(instead) instead.") { _, args, _ in
                throw Diagnostic(.notImplementedError, "Fovea does not draw Axes.\(name)() yet", at: args.callSpan,
                                 notes: ["help: the nearest call Fovea draws is \(instead)"])
            }
        }
        return b
    }()
}

/// One Axes call as both a method (`ax.set_title`) and a pyplot function (`plt.title`, on the
/// current axes): one declaration, one body. `isMethod` tells them apart where they differ.
struct AxesCall {
    var pyplotName: String?
    var axesName: String?
    var parameters: [NativeParameter]
    var doc: String
    var body: (AxesObject, inout BoundArguments, CallContext, _ isMethod: Bool) throws -> Value
}

enum AxesCalls {
    static var all: [AxesCall] { AxesPlotting.calls + AxesShapes.calls + AxesDecoration.calls }
}
