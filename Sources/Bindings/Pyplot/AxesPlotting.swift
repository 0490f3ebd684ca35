import Figures
import FoveaLang
import Tensor

/// plot, scatter, bar, hist and imshow, as Axes methods and pyplot functions.
enum AxesPlotting {
    static var calls: [AxesCall] { [plot, scatter, bar, hist, imshow] }

    static let lineKeywords: [NativeParameter] = [
        .keywordOnly("color"), .keywordOnly("c"), .keywordOnly("label"), .keywordOnly("linewidth"), .keywordOnly("lw"),
        .keywordOnly("linestyle"), .keywordOnly("ls"), .keywordOnly("marker"), .keywordOnly("markersize"), .keywordOnly("ms"),
        .keywordOnly("alpha"),
    ]

    static var plot: AxesCall {
        AxesCall(pyplotName: "plot", axesName: "plot", parameters: [.varPositional("args")] + lineKeywords, doc: """
            Plot y against x as lines and/or markers: plot(y), plot(x, y), plot(x, y, 'r--'), with color=, label=, \
            linewidth=, linestyle=, marker=. Returns a list of Line2D.
            """) { ax, args, ctx, _ in
            var groups: [(x: Value?, y: (Value, Span), fmt: (String, Span)?)] = []
            var rest = args.varPositional
            while !rest.isEmpty {
                let a = rest.removeFirst()
                if case .str = a.value { throw Diagnostic(.valueError, "plot() expects data before a format string. Received: \(ctx.repr(a.value))", at: a.span) }
                var x: Value?, y = (a.value, a.span)
                if let b = rest.first, !isString(b.value) { rest.removeFirst(); x = a.value; y = (b.value, b.span) }
                var fmt: (String, Span)?
                if let f = rest.first, case .str(let s) = f.value { rest.removeFirst(); fmt = (s, f.span) }
                groups.append((x, y, fmt))
            }
            if groups.isEmpty { return .list([]) }
            var lines: [Value] = []
            for g in groups {
                let ya = try PlotArguments.numbers(g.y.0, "y", function: "plot", at: g.y.1)
                let columns = ya.dims.count == 2 ? ya.dims[1] : 1
                let rows = ya.dims.count == 2 ? ya.dims[0] : ya.values.count
                guard ya.dims.count <= 2 else { throw Diagnostic(.valueError, "plot() takes 1-D or 2-D data. Received shape \(PlotArguments.formatDims(ya.dims))", at: g.y.1) }
                let xs = try g.x.map { try PlotArguments.vector($0, "x", function: "plot", at: args.callSpan) } ?? (0..<rows).map(Double.init)
                guard xs.count == rows else {
                    throw Diagnostic(.valueError, "x and y must have same first dimension, but have shapes (\(xs.count),) and \(PlotArguments.formatDims(ya.dims))", at: g.y.1)
                }
                let f = try g.fmt.map { try PlotArguments.format($0.0, at: $0.1) }
                for c in 0..<columns {
                    let ys = (0..<rows).map { ya.values[$0 * columns + c] }
                    var line = PlotLine(x: xs, y: ys, color: .black)
                    line.color = try lineColor(args) ?? f?.color ?? ax.nextColor()
                    if let m = f?.marker { line.marker = m }
                    if let s = f?.style { line.style = s }
                    try applyLineKeywords(&line, args)
                    var m = ax.model
                    m.add(line)
                    ax.model = m
                    lines.append(.object(Line2DObject(axes: ax, index: m.lines.count - 1)))
                }
            }
            return .list(lines)
        }
    }

    static func isString(_ v: Value) -> Bool { if case .str = v { return true }; return false }

    static func lineColor(_ args: BoundArguments) throws -> PlotColor? {
        let c = try PlotArguments.color(args, "color") ?? PlotArguments.color(args, "c")
        if let a = args["alpha"], !a.isNone { return (c ?? nil)?.with(alpha: try args.double("alpha")) }
        return c
    }

    static func applyLineKeywords(_ line: inout PlotLine, _ args: BoundArguments) throws {
        if let lw = args["linewidth"] ?? args["lw"], !lw.isNone {
            guard let w = lw.asDouble, w >= 0 else { throw Diagnostic(.valueError, "linewidth must be a number of points. Received: \(Repr.repr(lw))", at: args.span(of: "linewidth")) }
            line.width = w
        }
        if let ls = args["linestyle"] ?? args["ls"], !ls.isNone { line.style = try PlotArguments.lineStyle(ls, at: args.span(of: "linestyle")) }
        if let mk = args["marker"], !mk.isNone {
            line.marker = try PlotArguments.marker(mk, at: args.span(of: "marker"))
        }
        if let ms = args["markersize"] ?? args["ms"], !ms.isNone, let d = ms.asDouble { line.markerSize = d }
        if let l = args["label"], !l.isNone { line.label = Repr.str(l) }
        if let a = args["alpha"], !a.isNone, args["color"] == nil || args["color"]!.isNone, args["c"] == nil || args["c"]!.isNone {
            line.color = line.color.with(alpha: try args.double("alpha"))
        }
    }

    static var scatter: AxesCall {
        AxesCall(pyplotName: "scatter", axesName: "scatter", parameters: [
            .required("x"), .required("y"), .optional("s"), .optional("c"), .optional("marker"), .optional("cmap"),
            .keywordOnly("vmin"), .keywordOnly("vmax"), .keywordOnly("alpha"), .keywordOnly("label"), .keywordOnly("color"),
        ], doc: "Markers at (x, y): s= area in points², c= a colour or numbers coloured by cmap.") { ax, args, ctx, _ in
            let xs = try PlotArguments.vector(args["x"]!, "x", function: "scatter", at: args.span(of: "x"))
            let ys = try PlotArguments.vector(args["y"]!, "y", function: "scatter", at: args.span(of: "y"))
            guard xs.count == ys.count else { throw Diagnostic(.valueError, "x and y must be the same size", at: args.span(of: "y")) }
            var sizes = [36.0]
            if let s = args["s"], !s.isNone { sizes = try PlotArguments.vector(s, "s", function: "scatter", at: args.span(of: "s")) }
            var colors: [PlotColor]
            var scale: ColorScaleRange?
            if let c = args["c"], !c.isNone, PlotArguments.color(c) == nil {
                let values = try PlotArguments.vector(c, "c", function: "scatter", at: args.span(of: "c"))
                let cmap = try ColormapObject.colormap(args, "cmap") ?? Colormap.viridis
                let finite = values.filter(\.isFinite)
                let lo = try PlotArguments.optionalDouble(args, "vmin") ?? finite.min() ?? 0
                let hi = try PlotArguments.optionalDouble(args, "vmax") ?? finite.max() ?? 1
                colors = values.map { cmap.color(normalized: hi == lo ? 0 : ($0 - lo) / (hi - lo)) }
                scale = ColorScaleRange(colormap: cmap, vmin: lo, vmax: hi)
            } else {
                _ = args["cmap"]; _ = args["vmin"]; _ = args["vmax"]
                colors = [try PlotArguments.color(args, "c") ?? PlotArguments.color(args, "color") ?? ax.nextColor()]
            }
            if let a = args["alpha"], !a.isNone { let al = try args.double("alpha"); colors = colors.map { $0.with(alpha: al) } }
            var s = PlotScatter(x: xs, y: ys, colors: colors, sizes: sizes)
            if let m = args["marker"], !m.isNone { s.marker = try PlotArguments.marker(m, at: args.span(of: "marker")) ?? .circle }
            if let l = args["label"], !l.isNone { s.label = ctx.str(l) }
            ax.model.add(s)
            return .object(PathCollectionObject(scale: scale))
        }
    }

    static var bar: AxesCall {
        AxesCall(pyplotName: "bar", axesName: "bar", parameters: [
            .required("x"), .required("height"), .optional("width", default: .float(0.8)), .optional("bottom"),
            .keywordOnly("align", default: .str("center")), .keywordOnly("color"), .keywordOnly("edgecolor"),
            .keywordOnly("label"), .keywordOnly("alpha"), .keywordOnly("tick_label"),
        ], doc: "Bars of the given heights at x (numbers, or names for a categorical axis). Returns a BarContainer.") { ax, args, ctx, _ in
            let xv = args["x"]!
            var xs: [Double]
            var names: [String]?
            if let seq = KerasArguments.sequence(xv), !seq.isEmpty, seq.allSatisfy(isString) {
                names = seq.map { ctx.str($0) }
                xs = seq.indices.map(Double.init)
            } else {
                xs = try PlotArguments.vector(xv, "x", function: "bar", at: args.span(of: "x"))
            }
            var heights = try PlotArguments.vector(args["height"]!, "height", function: "bar", at: args.span(of: "height"))
            if xs.count == 1 && heights.count > 1 { xs = Array(repeating: xs[0], count: heights.count) }
            if heights.count == 1 && xs.count > 1 { heights = Array(repeating: heights[0], count: xs.count) }
            guard xs.count == heights.count else {
                throw Diagnostic(.valueError, "shape mismatch: objects cannot be broadcast to a single shape: x has \(xs.count) values and height \(heights.count)", at: args.span(of: "height"))
            }
            let width = try args.double("width")
            var bottoms = [0.0]
            if let b = args["bottom"], !b.isNone { bottoms = try PlotArguments.vector(b, "bottom", function: "bar", at: args.span(of: "bottom")) }
            let align = try args.string("align")
            guard align == "center" || align == "edge" else {
                throw Diagnostic(.valueError, "align must be 'center' or 'edge'. Received: \(Repr.string(align))", at: args.span(of: "align"))
            }
            var colors: [PlotColor] = []
            if let c = args["color"], !c.isNone {
                if let one = PlotArguments.color(c) { colors = [one] }
                else if let seq = KerasArguments.sequence(c) {
                    colors = try seq.map { v in guard let col = PlotArguments.color(v) else { throw PlotArguments.invalidColor(v, at: args.span(of: "color")) }; return col }
                } else { throw PlotArguments.invalidColor(c, at: args.span(of: "color")) }
            }
            if colors.isEmpty { colors = [ax.nextColor()] }
            if let a = args["alpha"], !a.isNone { let al = try args.double("alpha"); colors = colors.map { $0.with(alpha: al) } }
            let edge = try PlotArguments.color(args, "edgecolor") ?? .none
            let rects = xs.indices.map { i -> PlotRectangle in
                let left = align == "center" ? xs[i] - width / 2 : xs[i]
                var r = PlotRectangle(x: left, y: bottoms[i % bottoms.count], width: width, height: heights[i], color: colors[i % colors.count])
                r.edgeColor = edge
                return r
            }
            if let t = args["tick_label"], !t.isNone { names = try ctx.iterate(t).map { ctx.str($0) } }
            return add(ax, rects, label: args["label"].flatMap { $0.isNone ? nil : ctx.str($0) }, categories: names.map { (xs, $0) })
        }
    }

    static func add(_ ax: AxesObject, _ rects: [PlotRectangle], label: String?, categories: ([Double], [String])? = nil,
                    horizontal: Bool = false) -> Value {
        var m = ax.model
        var bars = PlotBars(rectangles: rects, label: label)
        bars.horizontal = horizontal
        m.add(bars)
        if let (ticks, names) = categories {
            if horizontal { m.y.ticks = ticks; m.y.tickLabels = names } else { m.x.ticks = ticks; m.x.tickLabels = names }
        }
        ax.model = m
        let g = m.bars.count - 1
        return .object(BarContainerObject(rects.indices.map { RectangleObject(axes: ax, group: g, index: $0) }))
    }

    static var hist: AxesCall {
        AxesCall(pyplotName: "hist", axesName: "hist", parameters: [
            .required("x"), .optional("bins", default: .int(10)), .optional("range"), .optional("density", default: .bool(false)),
            .keywordOnly("color"), .keywordOnly("label"), .keywordOnly("alpha"), .keywordOnly("edgecolor"), .keywordOnly("rwidth"),
        ], doc: "A histogram of x in bins (a count, or the edges). Returns (counts, edges, bars).") { ax, args, ctx, _ in
            let values = try PlotArguments.numbers(args["x"]!, "x", function: "hist", at: args.span(of: "x")).values.filter(\.isFinite)
            var lo = values.min() ?? 0, hi = values.max() ?? 1
            if let r = args["range"], !r.isNone {
                guard let s = KerasArguments.sequence(r), s.count == 2, let a = s[0].asDouble, let b = s[1].asDouble, a < b else {
                    throw Diagnostic(.valueError, "hist() range must be (min, max) with min < max. Received: \(ctx.repr(r))", at: args.span(of: "range"))
                }
                lo = a; hi = b
            }
            if lo == hi { lo -= 0.5; hi += 0.5 }
            var edges: [Double]
            let b = args["bins"]!
            if let n = b.asInt {
                guard n > 0 else { throw Diagnostic(.valueError, "`bins` must be positive, when an integer. Received: \(n)", at: args.span(of: "bins")) }
                edges = (0...n).map { lo + (hi - lo) * Double($0) / Double(n) }
            } else {
                edges = try PlotArguments.vector(b, "bins", function: "hist", at: args.span(of: "bins"))
                guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
                    throw Diagnostic(.valueError, "bins must increase monotonically, when an array", at: args.span(of: "bins"))
                }
            }
            var counts = [Double](repeating: 0, count: edges.count - 1)
            for v in values where v >= edges.first! && v <= edges.last! {
                var k = 0
                while k < counts.count - 1 && v >= edges[k + 1] { k += 1 }
                counts[k] += 1
            }
            if args.bool("density") {
                let total = counts.reduce(0, +)
                counts = counts.indices.map { total > 0 ? counts[$0] / total / (edges[$0 + 1] - edges[$0]) : 0 }
            }
            var color = try PlotArguments.color(args, "color") ?? ax.nextColor()
            if let a = args["alpha"], !a.isNone { color = color.with(alpha: try args.double("alpha")) }
            let edge = try PlotArguments.color(args, "edgecolor") ?? .none
            let rw = try PlotArguments.optionalDouble(args, "rwidth") ?? 1
            let rects = counts.indices.map { i -> PlotRectangle in
                let w = edges[i + 1] - edges[i]
                var r = PlotRectangle(x: edges[i] + w * (1 - rw) / 2, y: 0, width: w * rw, height: counts[i], color: color)
                r.edgeColor = edge
                return r
            }
            let bars = add(ax, rects, label: args["label"].flatMap { $0.isNone ? nil : ctx.str($0) })
            let n = try Tensor(shape: Shape([counts.count]), doubles: counts)
            let e = try Tensor(shape: Shape([edges.count]), doubles: edges)
            return .tuple([ArrayValues.wrap(n), ArrayValues.wrap(e), bars])
        }
    }

    static var imshow: AxesCall {
        AxesCall(pyplotName: "imshow", axesName: "imshow", parameters: [
            .required("X"), .optional("cmap"), .keywordOnly("vmin"), .keywordOnly("vmax"), .keywordOnly("interpolation"),
            .keywordOnly("aspect"), .keywordOnly("alpha"), .keywordOnly("origin"), .keywordOnly("extent"),
        ], doc: """
            Show an image: a 2-D array coloured by cmap (viridis unless given; 'gray', plt.cm.binary, ...) between vmin and vmax, \
            or an RGB(A) array of shape (h, w, 3) or (h, w, 4), uint8 (0-255) or float (0-1). Returns an AxesImage for colorbar().
            """) { ax, args, ctx, _ in
            try ImageShowing.imshow(ax, args, ctx)
        }
    }
}
