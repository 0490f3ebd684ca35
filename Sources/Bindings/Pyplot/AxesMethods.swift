import Figures
import FoveaLang

/// Figure-level calls shared by pyplot and Figure methods: colorbars, subplot grids, and the
/// keywords add_subplot takes.
enum AxesMethods {
    static let colorbarParameters: [NativeParameter] = [
        .optional("mappable"), .keywordOnly("ax"), .keywordOnly("label"),
        .unsupported("fraction", keywordOnly: true), .unsupported("shrink", keywordOnly: true), .unsupported("orientation", keywordOnly: true),
    ]

    /// `colorbar(im)`: a colour scale beside the image's axes, taking room from it as matplotlib does.
    static func colorbar(_ fig: FigureObject, _ args: BoundArguments, _ ctx: CallContext) throws -> Value {
        var scale: ColorScaleRange?
        var parent: AxesObject?
        if let m = args["mappable"], !m.isNone {
            if case .object(let o) = m, let im = o as? AxesImageObject { scale = im.scale; parent = im.axes }
            else if case .object(let o) = m, let pc = o as? PathCollectionObject { scale = pc.scale }
            else { throw Diagnostic(.typeError, "colorbar() takes what imshow() or scatter() returned. Received a value of type '\(m.typeName)'", at: args.span(of: "mappable")) }
        } else if let im = fig.currentImage {
            scale = im.scale; parent = fig.axesObject(im.axes)
        } else {
            throw Diagnostic(.runtimeError, "No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).",
                             at: args.callSpan, notes: ["help: im = plt.imshow(image); plt.colorbar(im)"])
        }
        if let a = args["ax"], !a.isNone {
            guard case .object(let o) = a, let ax = o as? AxesObject else {
                throw Diagnostic(.typeError, "colorbar() ax must be an Axes. Received a value of type '\(a.typeName)'", at: args.span(of: "ax"))
            }
            parent = ax
        }
        guard let scale else {
            throw Diagnostic(.valueError, "colorbar() needs an image coloured by a colormap; an RGB image has no colour scale", at: args.span(of: "mappable"))
        }
        let owner = parent ?? fig.gca()
        let keep = owner.figure.currentAxes
        let cax = owner.figure.axes(at: .colorbar(of: owner.index), reuse: false)
        owner.figure.currentAxes = keep
        var m = cax.model
        m.colorbar = scale
        if let l = args["label"], !l.isNone { m.y.label = ctx.str(l) }
        cax.model = m
        return .object(ColorbarObject(axes: cax))
    }

    /// `add_subplot(..., xticks=[], yticks=[], title=...)`.
    static func applyAxesKeywords(_ ax: AxesObject, _ args: BoundArguments, _ ctx: CallContext) throws {
        var m = ax.model
        if let t = args["xticks"], !t.isNone { m.x.ticks = try PlotArguments.vector(t, "xticks", function: args.functionName, at: args.span(of: "xticks")) }
        if let t = args["yticks"], !t.isNone { m.y.ticks = try PlotArguments.vector(t, "yticks", function: args.functionName, at: args.span(of: "yticks")) }
        if let t = args["title"], !t.isNone { m.title = ctx.str(t) }
        ax.model = m
    }

    /// `subplots(nrows, ncols, ...)`: a new figure with a grid of axes.
    static func subplots(_ state: PyplotState, _ args: BoundArguments, _ ctx: CallContext) throws -> Value {
        let rows = try args.int("nrows"), cols = try args.int("ncols")
        guard rows > 0, cols > 0 else {
            throw Diagnostic(.valueError, "Number of rows and columns must be positive integers, not \(rows) and \(cols)", at: args.callSpan)
        }
        for n in ["sharex", "sharey"] {
            if let v = args[n], v.isTruthy, !(v.asInt == 1 || ctx.str(v) == "all" || ctx.str(v) == "True") {
                throw Diagnostic(.notImplementedError, "Fovea's subplots() takes \(n)=True or False. Received: \(n)=\(ctx.repr(v))", at: args.span(of: n))
            }
        }
        let fig = try PyplotModule.makeFigure(state, args)
        var items: [AxesObject] = []
        for i in 0..<(rows * cols) { items.append(fig.axes(at: .grid(rows: rows, columns: cols, first: i, last: i), reuse: false)) }
        fig.currentAxes = items.last
        for n in ["subplot_kw"] {
            if let kw = args[n], !kw.isNone {
                guard case .dict(let d) = kw else { throw Diagnostic(.typeError, "subplot_kw must be a dict", at: args.span(of: n)) }
                for ax in items {
                    for (k, v) in d.entries {
                        switch ctx.str(k) {
                        case "xticks": ax.model.x.ticks = try PlotArguments.vector(v, "xticks", function: "subplots", at: args.span(of: n))
                        case "yticks": ax.model.y.ticks = try PlotArguments.vector(v, "yticks", function: "subplots", at: args.span(of: n))
                        default: throw Diagnostic(.notImplementedError, "Fovea's subplot_kw takes xticks and yticks. Received: \(ctx.repr(k))", at: args.span(of: n))
                        }
                    }
                }
            }
        }
        fig.wasDrawnOn = true
        let squeeze = args["squeeze"].map(\.isTruthy) ?? true
        let axes: Value
        if squeeze && rows == 1 && cols == 1 { axes = .object(items[0]) }
        else if squeeze && (rows == 1 || cols == 1) { axes = .object(AxesArray(items, shape: [items.count])) }
        else { axes = .object(AxesArray(items, shape: [rows, cols])) }
        return .tuple([.object(fig), axes])
    }
}
