import Figures
import FoveaLang

/// Lines across the axes (axhline, axvline), filled areas (fill_between) and horizontal bars
/// (barh), as Axes methods and pyplot functions.
enum AxesShapes {
    static var calls: [AxesCall] { [across("h"), across("v"), fillBetween, barh] }

    static func across(_ which: String) -> AxesCall {
        let value = which == "h" ? "y" : "x", lo = which == "h" ? "xmin" : "ymin", hi = which == "h" ? "xmax" : "ymax"
        return AxesCall(pyplotName: "ax\(which)line", axesName: "ax\(which)line",
                        parameters: [.optional(value, default: .int(0)), .optional(lo, default: .int(0)), .optional(hi, default: .int(1))]
                            + AxesPlotting.lineKeywords.filter { $0.name != "marker" && $0.name != "markersize" && $0.name != "ms" },
                        doc: "A \(which == "h" ? "horizontal" : "vertical") line at \(value) across the axes (from \(lo) to \(hi), fractions of the axes).") { ax, args, _, _ in
            let v = try args.double(value), a = try args.double(lo), b = try args.double(hi)
            var line = which == "h" ? PlotLine(x: [a, b], y: [v, v], color: .black) : PlotLine(x: [v, v], y: [a, b], color: .black)
            line.span = which == "h" ? .horizontal : .vertical
            line.color = try AxesPlotting.lineColor(args) ?? ax.nextColor()
            try AxesPlotting.applyLineKeywords(&line, args)
            var m = ax.model
            m.add(line)
            ax.model = m
            return .object(Line2DObject(axes: ax, index: m.lines.count - 1))
        }
    }

    static var fillBetween: AxesCall {
        AxesCall(pyplotName: "fill_between", axesName: "fill_between", parameters: [
            .required("x"), .required("y1"), .optional("y2", default: .int(0)), .keywordOnly("color"), .keywordOnly("alpha"),
            .keywordOnly("label"), .keywordOnly("facecolor"),
        ], doc: "Fill the area between y1 and y2 (0 unless given) along x; alpha= makes it see-through.") { ax, args, ctx, _ in
            let xs = try PlotArguments.vector(args["x"]!, "x", function: "fill_between", at: args.span(of: "x"))
            func curve(_ name: String) throws -> [Double] {
                let v = try PlotArguments.numbers(args[name]!, name, function: "fill_between", at: args.span(of: name)).values
                if v.count == 1 { return Array(repeating: v[0], count: xs.count) }
                guard v.count == xs.count else {
                    throw Diagnostic(.valueError, "fill_between() \(name) has \(v.count) values for \(xs.count) x values", at: args.span(of: name))
                }
                return v
            }
            var color = try PlotArguments.color(args, "color") ?? PlotArguments.color(args, "facecolor") ?? ax.nextColor()
            if let a = try PlotArguments.optionalDouble(args, "alpha") { color = color.with(alpha: a) }
            var f = PlotFill(x: xs, y1: try curve("y1"), y2: try curve("y2"), color: color)
            if let l = args["label"], !l.isNone { f.label = ctx.str(l) }
            ax.model.add(f)
            return .object(PathCollectionObject(scale: nil, kind: "FillBetweenPolyCollection"))
        }
    }

    static var barh: AxesCall {
        AxesCall(pyplotName: "barh", axesName: "barh", parameters: [
            .required("y"), .required("width"), .optional("height", default: .float(0.8)), .optional("left"),
            .keywordOnly("color"), .keywordOnly("label"), .keywordOnly("alpha"), .keywordOnly("edgecolor"),
        ], doc: "Horizontal bars of the given widths at y (numbers, or names for a categorical axis). Returns a BarContainer.") { ax, args, ctx, _ in
            let yv = args["y"]!
            var ys: [Double]
            var names: [String]?
            if let seq = KerasArguments.sequence(yv), !seq.isEmpty, seq.allSatisfy(AxesPlotting.isString) {
                names = seq.map { ctx.str($0) }
                ys = seq.indices.map(Double.init)
            } else {
                ys = try PlotArguments.vector(yv, "y", function: "barh", at: args.span(of: "y"))
            }
            let widths = try PlotArguments.vector(args["width"]!, "width", function: "barh", at: args.span(of: "width"))
            guard widths.count == ys.count || widths.count == 1 else {
                throw Diagnostic(.valueError, "shape mismatch: objects cannot be broadcast to a single shape: y has \(ys.count) values and width \(widths.count)", at: args.span(of: "width"))
            }
            let h = try args.double("height")
            var lefts = [0.0]
            if let l = args["left"], !l.isNone { lefts = try PlotArguments.vector(l, "left", function: "barh", at: args.span(of: "left")) }
            var color = try PlotArguments.color(args, "color") ?? ax.nextColor()
            if let a = try PlotArguments.optionalDouble(args, "alpha") { color = color.with(alpha: a) }
            let edge = try PlotArguments.color(args, "edgecolor") ?? .none
            let rects = ys.indices.map { i -> PlotRectangle in
                var r = PlotRectangle(x: lefts[i % lefts.count], y: ys[i] - h / 2, width: widths[i % widths.count], height: h, color: color)
                r.edgeColor = edge
                return r
            }
            return AxesPlotting.add(ax, rects, label: args["label"].flatMap { $0.isNone ? nil : ctx.str($0) },
                                    categories: names.map { (ys, $0) }, horizontal: true)
        }
    }
}
