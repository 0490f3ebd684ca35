import DataIO
import Figures
import FoveaLang
import NeuralNet
import Rendering

/// `keras.utils.plot_model(model, to_file='model.png', show_shapes=False, ...)`: the model's graph
/// as a PNG, one box per layer and arrows along the data, written to `to_file` and returned as
/// an image the notebook shows. Keras needs pydot and Graphviz for it; Fovea lays the graph out
/// itself (Figures' ModelDiagram) and draws it with Cairo (Rendering's DiagramRendering).
enum PlotModel {
    static let doc = """
        Draw the model as a graph and save it as a PNG: one box per layer ("name (Class)" with \
        show_layer_names=True, input and output shapes with show_shapes=True), arrows along the data. \
        rankdir='TB' draws top to bottom, 'LR' left to right; expand_nested=True opens models used as \
        layers; dpi sets the resolution. Returns the image, which the notebook shows.
        """

    static let parameters: [NativeParameter] = [
        .required("model"), .optional("to_file", default: .str("model.png")), .optional("show_shapes", default: .bool(false)),
        .optional("show_dtype", default: .bool(false)), .optional("show_layer_names", default: .bool(false)),
        .optional("rankdir", default: .str("TB")), .optional("expand_nested", default: .bool(false)),
        .optional("dpi", default: .int(200)), .optional("show_layer_activations", default: .bool(false)),
        .optional("show_trainable", default: .bool(false)), .optional("splines", default: .str("ortho")), .varKeyword("kwargs"),
    ]

    /// Graphviz's `splines` values: 'ortho' draws right angles; the others straight segments.
    static let splines = ["ortho", "polyline", "line", "spline", "curved"]

    static func function() -> NativeFunction {
        NativeFunction("plot_model", doc: doc, parameters: parameters) { a, ctx in try plot(a, ctx) }
    }

    static func plot(_ a: BoundArguments, _ ctx: CallContext) throws -> Value {
        let model = try modelArgument(a)
        guard model.isBuilt else {
            throw Diagnostic(.valueError, "This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.",
                             at: a.span(of: "model"),
                             notes: ["help: give the first layer input_shape=(...), start with keras.Input(shape=(...)), or call model.build((None, ...)) before plot_model"])
        }
        if let range = a.varKeyword.first(where: { $0.name == "layer_range" }), !range.value.isNone {
            throw Diagnostic(.valueError, "Argument `layer_range` is no longer supported.", at: range.span)
        }
        if let other = a.varKeyword.first(where: { $0.name != "layer_range" }) {
            let all = a.varKeyword.filter { $0.name != "layer_range" }.map { "'\($0.name)': \(Repr.repr($0.value))" }
            throw Diagnostic(.valueError, "Unrecognized keyword arguments: {\(all.joined(separator: ", "))}", at: other.span,
                             notes: ["help: plot_model takes " + parameters.dropLast().map(\.name).joined(separator: ", ")])
        }
        var options = ModelDiagram.Options()
        options.showShapes = a.bool("show_shapes")
        options.showDtype = a.bool("show_dtype")
        options.showLayerNames = a.bool("show_layer_names")
        options.expandNested = a.bool("expand_nested")
        options.showLayerActivations = a.bool("show_layer_activations")
        options.showTrainable = a.bool("show_trainable")
        let rankdir = a["rankdir"] ?? .none
        guard case .str(let dir) = rankdir, let direction = ModelDiagram.Direction(rawValue: dir.uppercased()) else {
            throw Diagnostic(.valueError, "rankdir must be 'TB' (top to bottom), 'LR' (left to right), 'BT' or 'RL'. Received: rankdir=\(Repr.repr(rankdir))",
                             at: a.span(of: "rankdir"))
        }
        options.direction = direction
        let spline = a["splines"] ?? .none
        guard case .str(let s) = spline, splines.contains(s) else {
            throw Diagnostic(.valueError, "splines must be one of \(splines.map { "'\($0)'" }.joined(separator: ", ")). Received: splines=\(Repr.repr(spline))",
                             at: a.span(of: "splines"))
        }
        options.orthogonal = s == "ortho"
        let dpi: Double
        switch a["dpi"] ?? .none {
        case .int(let i) where i > 0: dpi = Double(i)
        case .float(let d) where d > 0 && d.isFinite: dpi = d
        case let v:
            throw Diagnostic(.valueError, "dpi must be a positive number of dots per inch (Keras's default is 200). Received: dpi=\(Repr.repr(v))",
                             at: a.span(of: "dpi"))
        }
        let path = try a.path("to_file")
        try checkExtension(path, a.span(of: "to_file"))

        let drawn: RenderedFigure
        do {
            let result = try keras(a.span(of: "model")) { try DiagramRendering.png(model, options: options, dpi: dpi, shrinkToFit: true) }
            drawn = result.image
            if result.dpi < dpi {
                // Graphviz's "Image size too large. Scaling ... to fit", as a warning.
                ctx.write("UserWarning: the diagram of \"\(model.name)\" is too large to draw at dpi=\(DiagramRendering.formatDPI(dpi)) "
                          + "(at most 32767 pixels a side and 67 million pixels); drawn at dpi=\(DiagramRendering.formatDPI(result.dpi)) "
                          + "(\(drawn.width)x\(drawn.height) pixels).\n", to: .stderr)
            }
        } catch let e as CairoError {
            throw Diagnostic(e.isSize ? .valueError : .runtimeError, e.message, at: a.isGiven("dpi") ? a.span(of: "dpi") : a.callSpan)
        }
        do { try SafeFile.write(drawn.png, to: path) } catch let e as FileWriteError {
            throw Diagnostic.os(errno: e.code, path: path, at: a.span(of: "to_file"))
        }
        return .object(ModelPlotImage(png: drawn.png))
    }

    static func modelArgument(_ a: BoundArguments) throws -> Sequential {
        let v = a["model"] ?? .none
        guard case .object(let o) = v, let m = o as? ModelObject else {
            throw Diagnostic(.typeError, "plot_model() expects a Keras model (Sequential or keras.Model). Received: \(Repr.repr(v)) (of type \(v.typeName))",
                             at: a.span(of: "model"))
        }
        return m.model
    }

    /// Keras picks the format from the extension (none: PNG, written under the name as given);
    /// Fovea writes PNG only.
    static func checkExtension(_ path: String, _ span: Span) throws {
        let base = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return }
        let ext = base[base.index(after: dot)...]
        guard ext.lowercased() != "png" else { return }
        throw Diagnostic(.valueError, "plot_model writes PNG files only; it cannot write the format '\(ext)'. Received: to_file=\(Repr.string(path))",
                         at: span, notes: ["help: name the file with .png, e.g. to_file='model.png'"])
    }
}

/// What `plot_model` returns: the PNG as IPython's `Image`, which the notebook shows inline.
final class ModelPlotImage: FoveaObject {
    let png: [UInt8]
    init(png: [UInt8]) { self.png = png }
    var typeName: String { "Image" }
    var doc: String { "The PNG plot_model drew and wrote, shown inline in the notebook (IPython.display.Image)." }
    func repr() -> String { "<IPython.core.display.Image object>" }
    func richValue() -> (any RichValue)? {
        MimeBundle(text: ["text/plain": repr()], binary: ["image/png": png])
    }
}
