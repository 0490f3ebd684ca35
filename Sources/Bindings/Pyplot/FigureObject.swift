import Figures
import FoveaLang
import Rendering

/// A matplotlib Figure: holds its model and the Axes objects handed out for it.
final class FigureObject: FoveaObject {
    var model: PlotFigure
    /// The Axes objects handed out, held weakly (an Axes holds its figure, as in matplotlib), and
    /// made again for an index whose object is gone.
    private var handedOut: [Int: WeakAxes] = [:]
    private var currentIndex: Int?
    /// The last image shown (its axes and colour scale), for `plt.colorbar()` without an argument.
    var currentImage: (axes: Int, scale: ColorScaleRange?)?
    /// Something was drawn or set on it since it was made (the inline backend shows only those).
    var wasDrawnOn = false

    init(_ model: PlotFigure) { self.model = model }

    final class WeakAxes { weak var axes: AxesObject?; init(_ a: AxesObject) { axes = a } }

    /// The Axes object of the axes at `index` (the same object while anyone holds it).
    func axesObject(_ index: Int) -> AxesObject {
        if let a = handedOut[index]?.axes { return a }
        let a = AxesObject(figure: self, index: index)
        handedOut[index] = WeakAxes(a)
        return a
    }

    var axesObjects: [AxesObject] { model.axes.indices.map(axesObject) }

    var currentAxes: AxesObject? {
        get { currentIndex.map(axesObject) }
        set { currentIndex = newValue?.index }
    }

    func clear() { model.axes = []; handedOut = [:]; currentIndex = nil; currentImage = nil; model.suptitle = nil }

    var typeName: String { "Figure" }
    var doc: String { "A matplotlib figure: its axes, size and title. Shown at the end of the cell, or with plt.show()." }
    func repr() -> String { model.summary }
    var hostClass: AnyHostClass? { FigureObject.binding }
    func richValue() -> (any RichValue)? { FigureDisplay.bundle(model) }

    /// Adds an axes at `placement` (reusing one already there, as `plt.subplot` does).
    func axes(at placement: AxesPlacement, reuse: Bool = true) -> AxesObject {
        wasDrawnOn = true
        if reuse, let i = model.axes.firstIndex(where: { $0.placement == placement }) {
            currentIndex = i
            return axesObject(i)
        }
        model.axes.append(PlotAxes(placement: placement))
        let ax = axesObject(model.axes.count - 1)
        if case .colorbar = placement {} else { currentIndex = ax.index }
        return ax
    }

    /// The current axes, made as subplot(1, 1, 1) when there is none.
    func gca() -> AxesObject { currentAxes ?? axes(at: .grid(rows: 1, columns: 1, first: 0, last: 0)) }

    /// `fig.savefig` / `plt.savefig`: writes a PNG file.
    func save(_ args: BoundArguments, _ ctx: CallContext) throws -> Value {
        let path = try PlotArguments.path(args, "fname")
        let dpi = try args["dpi"].flatMap { v -> Double? in
            if v.isNone { return nil }
            if case .str(let s) = v, s == "figure" { return nil }
            guard let d = v.asDouble, d > 0 else {
                throw Diagnostic(.valueError, "savefig() dpi must be a positive number. Received: dpi=\(ctx.repr(v))", at: args.span(of: "dpi"))
            }
            return d
        }
        var tight = false
        if let b = args["bbox_inches"], !b.isNone {
            guard case .str(let s) = b, s == "tight" else {
                throw Diagnostic(.notImplementedError, "Fovea's savefig() takes bbox_inches='tight' or None. Received: bbox_inches=\(ctx.repr(b))",
                                 at: args.span(of: "bbox_inches"))
            }
            tight = true
        }
        if let f = try args.optionalString("format"), f.lowercased() != "png" {
            throw Diagnostic(.notImplementedError, "Fovea's savefig() writes PNG files only. Received: format=\(ctx.repr(.str(f)))", at: args.span(of: "format"))
        }
        let lower = path.lowercased()
        if let dot = lower.lastIndex(of: "."), !lower[dot...].contains("/"), lower[dot...] != ".png" {
            throw Diagnostic(.notImplementedError, "Fovea's savefig() writes PNG files only. Received: \(ctx.repr(.str(path)))",
                             at: args.span(of: "fname"), notes: ["help: name the file with .png"])
        }
        let file = lower.contains(".") && !(lower.split(separator: "/").last ?? "").hasPrefix(".") ? path : path + ".png"
        let pad = try args["pad_inches"].flatMap { $0.isNone ? nil : $0.asDouble } ?? 0.1
        var drawn = model
        if let fc = try PlotArguments.color(args, "facecolor") { drawn.facecolor = fc }
        let rendered = try PlotArguments.drawing(args.callSpan) { try PlotRendering.png(drawn, dpi: dpi, tight: tight, padInches: pad) }
        try PlotArguments.write(rendered.png, to: file, at: args.span(of: "fname"))
        return .none
    }

    static let saveParameters: [NativeParameter] = [
        .required("fname"), .keywordOnly("dpi"), .keywordOnly("bbox_inches"), .keywordOnly("pad_inches"),
        .keywordOnly("format"), .keywordOnly("facecolor"), .unsupported("transparent", default: .bool(false), keywordOnly: true),
    ]

    static let binding = HostClass<FigureObject>("Figure", module: "matplotlib.figure", doc: "A matplotlib figure.")
        .property("axes", doc: "The figure's axes, in the order they were added.") { f, _ in .list(f.axesObjects.map { .object($0) }) }
        .property("number", doc: "The figure's number.") { f, _ in .int(f.model.number) }
        .property("dpi", doc: "Dots per inch.") { f, _ in .float(f.model.dpi) }
        .method("add_subplot", [.varPositional("args"), .keywordOnly("xticks"), .keywordOnly("yticks"), .keywordOnly("title")],
                doc: "Add an axes in a grid cell: add_subplot(nrows, ncols, index) or add_subplot(235).") { f, args, ctx in
            let placement = try PlotArguments.subplotPlacement(args.varPositional, function: "add_subplot", at: args.callSpan)
            let ax = f.axes(at: placement, reuse: false)
            try AxesMethods.applyAxesKeywords(ax, args, ctx)
            return .object(ax)
        }
        .method("gca", doc: "The current axes (made if there is none).") { f, _, _ in .object(f.gca()) }
        .method("suptitle", [.required("t"), .keywordOnly("fontsize"), .keywordOnly("color"), .keywordOnly("fontweight"),
                             .keywordOnly("y")], doc: "A title centred above all axes.") { f, args, ctx in
            f.wasDrawnOn = true
            f.model.suptitle = try args.string("t")
            f.model.suptitleStyle = try PlotArguments.textStyle(args, base: TextStyle(size: 12))
            return .object(TextObject(try args.string("t"), y: "0.98"))
        }
        .method("tight_layout", TightLayout.parameters,
                doc: "Fit the margins and spacing to the labels and titles.") { f, args, _ in
            try TightLayout.apply(&f.model, args); return .none
        }
        .method("subplots_adjust", [.optional("left"), .optional("bottom"), .optional("right"), .optional("top"),
                                    .optional("wspace"), .optional("hspace")], doc: "Set the subplot margins and spacing (figure fractions).") { f, args, _ in
            try PlotArguments.adjust(&f.model, args); return .none
        }
        .method("savefig", saveParameters, doc: "Write the figure as a PNG file: savefig('plot.png', dpi=100, bbox_inches='tight').") { f, args, ctx in
            try f.save(args, ctx)
        }
        .method("colorbar", AxesMethods.colorbarParameters,
                doc: "Add a colorbar for an image (what imshow returned).") { f, args, ctx in
            try AxesMethods.colorbar(f, args, ctx)
        }
        .method("set_size_inches", [.required("w"), .optional("h")], doc: "Set the figure's size in inches.") { f, args, ctx in
            let (w, h) = try PlotArguments.size(args, "w", "h")
            f.model.width = w; f.model.height = h; return .none
        }
        .method("show", doc: "Show the figure now.") { f, _, ctx in
            ctx.display(FigureDisplay.bundle(f.model)); return .none
        }
}

/// A text artist (what title, xlabel, suptitle return).
final class TextObject: FoveaObject {
    let text: String
    let x: String, y: String
    init(_ text: String, x: String = "0.5", y: String = "1.0") { self.text = text; self.x = x; self.y = y }
    var typeName: String { "Text" }
    func repr() -> String { "Text(\(x), \(y), \(Repr.string(text)))" }
    var hostClass: AnyHostClass? { TextObject.binding }
    static let binding = HostClass<TextObject>("Text", module: "matplotlib.text", doc: "A text artist.")
        .method("get_text", doc: "The text.") { t, _, _ in .str(t.text) }
}

/// `tight_layout(pad=)`: margins fitted to the decoration when the figure is drawn.
enum TightLayout {
    static let parameters: [NativeParameter] = [
        .keywordOnly("pad", default: .float(1.08)), .unsupported("h_pad", keywordOnly: true),
        .unsupported("w_pad", keywordOnly: true), .unsupported("rect", keywordOnly: true),
    ]

    static func apply(_ fig: inout PlotFigure, _ args: BoundArguments) throws {
        let pad = try args.double("pad")
        guard pad >= 0 else { throw Diagnostic(.valueError, "tight_layout() pad must be at least 0. Received: pad=\(pad)", at: args.span(of: "pad")) }
        fig.tightPad = pad
        fig.tightLayout = true
    }
}
