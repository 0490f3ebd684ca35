import Figures
import FoveaLang

/// `matplotlib.pyplot`: the state-machine interface over the current figure and axes, and the
/// inline backend's display of figures at the end of each cell.
enum PyplotModule {
    static func module(_ state: PyplotState) -> ModuleValue {
        let m = ModuleValue("matplotlib.pyplot", doc: """
            matplotlib's pyplot as Fovea draws it (with Cairo, in matplotlib's default look): figure, subplot, subplots, plot, \
            imshow, bar, hist, scatter, title, xlabel, ylabel, xticks, legend, colorbar, savefig, show. Figures drawn in a cell \
            are shown at its end.
            """)
        for f in functions(state) { m.add(f) }
        for call in AxesCalls.all {
            guard let name = call.pyplotName else { continue }
            m.add(NativeFunction(name, doc: call.doc, parameters: call.parameters) { args, ctx in
                try call.body(state.currentFigure().gca(), &args, ctx, false)
            })
        }
        m.add("cm", .module(ColormapObject.cmModule("matplotlib.cm")))
        m.add(ColormapObject.getCmap)
        for f in Unsupported.pyplot { m.add(f) }
        return m
    }

    static func makeFigure(_ state: PyplotState, _ args: BoundArguments) throws -> FigureObject {
        var w: Double?, h: Double?
        if let fs = args["figsize"], !fs.isNone { (w, h) = try PlotArguments.size(args, "figsize", nil) }
        let dpi = try PlotArguments.optionalDouble(args, "dpi")
        if let dpi, dpi <= 0 { throw Diagnostic(.valueError, "dpi must be positive. Received: dpi=\(dpi)", at: args.span(of: "dpi")) }
        let fig = state.newFigure(width: w, height: h, dpi: dpi)
        if let fc = try PlotArguments.color(args, "facecolor") { fig.model.facecolor = fc }
        return fig
    }

    static let figureKeywords: [NativeParameter] = [.keywordOnly("figsize"), .keywordOnly("dpi"), .keywordOnly("facecolor")]

    static func functions(_ state: PyplotState) -> [NativeFunction] {
        [
            NativeFunction("figure", doc: "Start a new figure (figsize=(width, height) in inches, dpi=), or make figure num current.",
                           parameters: [.optional("num")] + figureKeywords) { args, ctx in
                if let n = args["num"], !n.isNone {
                    if case .object(let o) = n, let f = o as? FigureObject { state.current = f; return n }
                    guard let k = n.asInt else { throw Diagnostic(.typeError, "figure() num must be an int or a Figure", at: args.span(of: "num")) }
                    if let f = state.figures.first(where: { $0.model.number == k }) { state.current = f; return .object(f) }
                    let f = try makeFigure(state, args)
                    f.model.number = k
                    return .object(f)
                }
                return .object(try makeFigure(state, args))
            },
            NativeFunction("subplot", doc: "Make the axes in a grid cell current (made if new): subplot(nrows, ncols, index) or subplot(235).",
                           parameters: [.varPositional("args"), .keywordOnly("xticks"), .keywordOnly("yticks"), .keywordOnly("title")]) { args, ctx in
                let placement = try PlotArguments.subplotPlacement(args.varPositional, function: "subplot", at: args.callSpan)
                let ax = state.currentFigure().axes(at: placement)
                try AxesMethods.applyAxesKeywords(ax, args, ctx)
                return .object(ax)
            },
            NativeFunction("subplots", doc: "A new figure with a grid of axes: fig, axes = plt.subplots(2, 3, figsize=(9, 6)); axes[0, 1].plot(...).",
                           parameters: [.optional("nrows", default: .int(1)), .optional("ncols", default: .int(1)),
                                        .keywordOnly("sharex", default: .bool(false)), .keywordOnly("sharey", default: .bool(false)),
                                        .keywordOnly("squeeze", default: .bool(true)), .keywordOnly("subplot_kw")] + figureKeywords) { args, ctx in
                try AxesMethods.subplots(state, args, ctx)
            },
            NativeFunction("gcf", doc: "The current figure (made if there is none).") { _, _ in .object(state.currentFigure()) },
            NativeFunction("gca", doc: "The current axes (made if there is none).") { _, _ in .object(state.currentFigure().gca()) },
            NativeFunction("show", doc: "Show every open figure now (they are closed after).", parameters: [.keywordOnly("block")]) { args, ctx in
                _ = args["block"]
                state.flush { ctx.display(FigureDisplay.bundle($0.model)) }
                return .none
            },
            NativeFunction("close", doc: "Close the current figure, a figure, figure number n, or 'all'.", parameters: [.optional("fig")]) { args, ctx in
                guard let v = args["fig"], !v.isNone else { if let f = state.current { state.close(f) }; return .none }
                if case .str("all") = v { state.closeAll(); return .none }
                if case .object(let o) = v, let f = o as? FigureObject { state.close(f); return .none }
                if let n = v.asInt { state.figures.filter { $0.model.number == n }.forEach(state.close); return .none }
                throw Diagnostic(.typeError, "close() argument must be a Figure, an int, 'all' or None. Received: \(ctx.repr(v))", at: args.span(of: "fig"))
            },
            NativeFunction("clf", doc: "Clear the current figure.") { _, _ in
                let f = state.currentFigure()
                f.clear()
                return .none
            },
            NativeFunction("savefig", doc: "Write the current figure as a PNG file: savefig('plot.png', dpi=100, bbox_inches='tight').",
                           parameters: FigureObject.saveParameters) { args, ctx in try state.currentFigure().save(args, ctx) },
            NativeFunction("suptitle", doc: "A title centred above all axes of the current figure.",
                           parameters: [.required("t"), .keywordOnly("fontsize"), .keywordOnly("color"), .keywordOnly("fontweight")]) { args, ctx in
                let f = state.currentFigure()
                f.wasDrawnOn = true
                f.model.suptitle = ctx.str(args["t"]!)
                f.model.suptitleStyle = try PlotArguments.textStyle(args, base: TextStyle(size: 12))
                return .object(TextObject(ctx.str(args["t"]!), y: "0.98"))
            },
            NativeFunction("tight_layout", doc: "Fit the current figure's margins and spacing to its labels and titles.",
                           parameters: TightLayout.parameters) { args, _ in
                try TightLayout.apply(&state.currentFigure().model, args)
                return .none
            },
            NativeFunction("subplots_adjust", doc: "Set the current figure's subplot margins and spacing (figure fractions).",
                           parameters: [.optional("left"), .optional("bottom"), .optional("right"), .optional("top"), .optional("wspace"), .optional("hspace")]) { args, _ in
                try PlotArguments.adjust(&state.currentFigure().model, args); return .none
            },
            NativeFunction("colorbar", doc: "Add a colour scale beside an image: im = plt.imshow(a); plt.colorbar(im).",
                           parameters: AxesMethods.colorbarParameters) { args, ctx in
                try AxesMethods.colorbar(state.currentFigure(), args, ctx)
            },
        ]
    }
}

/// `matplotlib`: the package, with `pyplot`, `cm`, `colormaps`, `use` and `__version__`.
enum MatplotlibModule {
    static func module() -> ModuleValue {
        let m = ModuleValue("matplotlib", doc: "matplotlib as Fovea provides it: matplotlib.pyplot, matplotlib.cm, matplotlib.colormaps.")
        m.add("__version__", .str("3.10.0+fovea"))
        m.add("colormaps", .object(ColormapObject.Registry()))
        m.add(NativeFunction("use", doc: "Choose a backend: Fovea always draws inline with Cairo; accepted and nothing else to do.",
                             parameters: [.required("backend"), .optional("force", default: .bool(true))]) { args, _ in
            _ = args["backend"]; _ = args["force"]; return .none
        })
        return m
    }

    static func install(into session: Session) {
        let state = PyplotState()
        session.modules.register("matplotlib") { store in store.shared("module:matplotlib") { module() } }
        session.modules.register("matplotlib.pyplot") { store in store.shared("module:matplotlib.pyplot") { PyplotModule.module(state) } }
        session.modules.register("matplotlib.cm") { store in store.shared("module:matplotlib.cm") { ColormapObject.cmModule("matplotlib.cm") } }
        session.modules.registerImportHint("plt", "import matplotlib.pyplot as plt")
        // The inline backend: figures drawn on in a cell are shown at its end, then closed.
        session.addCellEndHook { [unowned session] in
            state.flush { f in session.output(.display(.rich(FigureDisplay.bundle(f.model)), displayID: nil)) }
        }
    }
}
