import Figures
import FoveaLang
import Rendering

/// Titles, labels, ticks, limits, grid, legend, text and axis('off'), as Axes methods and
/// pyplot functions.
enum AxesDecoration {
    static var calls: [AxesCall] {
        [title, label("x"), label("y"), ticks("x"), ticks("y"), tickLabels("x"), tickLabels("y"), limits("x"), limits("y"),
         getLimits("x"), getLimits("y"), grid, legend, axis, text, scale("x"), scale("y")]
    }

    static let textKeywords: [NativeParameter] = [.keywordOnly("fontsize"), .keywordOnly("color"), .keywordOnly("fontweight"), .keywordOnly("size")]

    static var title: AxesCall {
        AxesCall(pyplotName: "title", axesName: "set_title", parameters: [.required("label"), .keywordOnly("loc"), .keywordOnly("pad")] + textKeywords,
                 doc: "Set the axes' title (centred above it), with fontsize=, color=, fontweight=.") { ax, args, ctx, _ in
            if let loc = args["loc"], !loc.isNone, ctx.str(loc) != "center" {
                throw Diagnostic(.notImplementedError, "Fovea centres titles only. Received: loc=\(ctx.repr(loc))", at: args.span(of: "loc"), notes: ["help: leave out loc="])
            }
            let s = ctx.str(args["label"]!)
            var m = ax.model
            if let p = try PlotArguments.optionalDouble(args, "pad") { m.titlePad = p }
            m.title = s
            m.titleStyle = try PlotArguments.textStyle(args, base: TextStyle(size: 12))
            ax.model = m
            return .object(TextObject(s))
        }
    }

    static func label(_ which: String) -> AxesCall {
        AxesCall(pyplotName: which + "label", axesName: "set_\(which)label", parameters: [.required(which + "label"), .keywordOnly("labelpad")] + textKeywords,
                 doc: "Label the \(which) axis.") { ax, args, ctx, _ in
            let s = ctx.str(args[which + "label"]!)
            let style = try PlotArguments.textStyle(args, base: TextStyle(size: 10))
            let pad = try PlotArguments.optionalDouble(args, "labelpad")
            var m = ax.model
            axisOf(&m, which) { $0.label = s; $0.labelStyle = style; if let pad { $0.labelPad = pad } }
            ax.model = m
            return .object(which == "x" ? TextObject(s, x: "0.5", y: "0") : TextObject(s, x: "0", y: "0.5"))
        }
    }

    static func axisOf(_ m: inout PlotAxes, _ which: String, _ change: (inout PlotAxis) -> Void) {
        if which == "x" { change(&m.x) } else { change(&m.y) }
    }

    static func labels(_ v: Value, _ ctx: CallContext) throws -> [String] { try ctx.iterate(v).map { ctx.str($0) } }

    static func ticks(_ which: String) -> AxesCall {
        AxesCall(pyplotName: which + "ticks", axesName: "set_\(which)ticks", parameters: [.optional("ticks"), .optional("labels"),
                                                                                            .keywordOnly("rotation"), .keywordOnly("fontsize"), .keywordOnly("minor", default: .bool(false))],
                 doc: "Set the \(which) ticks (and their labels); \(which)ticks([]) hides them.") { ax, args, ctx, isMethod in
            if args.bool("minor") { throw Diagnostic(.notImplementedError, "Fovea draws major ticks only. Received: minor=True", at: args.span(of: "minor")) }
            var m = ax.model
            if args["fontsize"].map({ !$0.isNone }) ?? false {
                let size = try PlotArguments.textStyle(args, base: TextStyle(size: 10)).size
                axisOf(&m, which) { $0.tickSize = size }
            }
            if let t = args["ticks"], !t.isNone {
                let values = try PlotArguments.vector(t, "ticks", function: args.functionName, at: args.span(of: "ticks"))
                var names: [String]?
                if let l = args["labels"], !l.isNone {
                    names = try labels(l, ctx)
                    guard names!.count == values.count else {
                        throw Diagnostic(.valueError, "The number of FixedLocator locations (\(values.count)), usually from a call to set_ticks, does not match the number of labels (\(names!.count)).", at: args.span(of: "labels"))
                    }
                }
                axisOf(&m, which) { $0.ticks = values; $0.tickLabels = names }
            } else if let l = args["labels"], !l.isNone {
                throw Diagnostic(.typeError, "\(args.functionName)() needs ticks when labels are given", at: args.span(of: "labels"))
            }
            if let r = try PlotArguments.optionalDouble(args, "rotation") { axisOf(&m, which) { $0.tickRotation = r } }
            ax.model = m
            let shown = (which == "x" ? m.x : m.y).ticks ?? []
            if isMethod { return .list(shown.map { .float($0) }) }
            return .tuple([.list(shown.map { .float($0) }), .list(((which == "x" ? m.x : m.y).tickLabels ?? []).map { .object(TextObject($0, x: "0", y: "0")) })])
        }
    }

    static func tickLabels(_ which: String) -> AxesCall {
        AxesCall(pyplotName: nil, axesName: "set_\(which)ticklabels", parameters: [.required("labels"), .keywordOnly("rotation"), .keywordOnly("fontsize")],
                 doc: "Set the labels of the \(which) ticks set with set_\(which)ticks.") { ax, args, ctx, _ in
            let names = try labels(args["labels"]!, ctx)
            var m = ax.model
            if args["fontsize"].map({ !$0.isNone }) ?? false {
                let size = try PlotArguments.textStyle(args, base: TextStyle(size: 10)).size
                axisOf(&m, which) { $0.tickSize = size }
            }
            let r = try PlotArguments.optionalDouble(args, "rotation")
            axisOf(&m, which) { a in
                if a.ticks == nil { a.ticks = names.indices.map(Double.init) }
                a.tickLabels = Array(names.prefix(a.ticks!.count)) + Array(repeating: "", count: max(0, a.ticks!.count - names.count))
                if let r { a.tickRotation = r }
            }
            ax.model = m
            return .list(names.map { .object(TextObject($0, x: "0", y: "0")) })
        }
    }

    static func limits(_ which: String) -> AxesCall {
        AxesCall(pyplotName: which + "lim", axesName: "set_\(which)lim", parameters: [.optional("left"), .optional("right")],
                 doc: "Set the \(which) limits: \(which)lim(0, 10) or \(which)lim((0, 10)); \(which)lim() gives them.") { ax, args, ctx, _ in
            var m = ax.model
            let current = PlotRendering.limits(m)
            var pair = which == "x" ? current.x : current.y
            if let l = args["left"], !l.isNone {
                if let seq = KerasArguments.sequence(l) {
                    guard seq.count == 2, let a = seq[0].asDouble, let b = seq[1].asDouble else {
                        throw Diagnostic(.valueError, "\(args.functionName)() takes (min, max). Received: \(ctx.repr(l))", at: args.span(of: "left"))
                    }
                    pair = (a, b)
                } else { pair.0 = try args.double("left") }
            }
            if let r = args["right"], !r.isNone { pair.1 = try args.double("right") }
            if args.isGiven("left") || args.isGiven("right") {
                guard pair.0 != pair.1 else {
                    throw Diagnostic(.valueError, "Attempting to set identical low and high \(which)lims makes transformation singular", at: args.callSpan)
                }
                axisOf(&m, which) { $0.limits = pair }
                ax.model = m
            }
            return .tuple([.float(pair.0), .float(pair.1)])
        }
    }

    static func getLimits(_ which: String) -> AxesCall {
        AxesCall(pyplotName: nil, axesName: "get_\(which)lim", parameters: [], doc: "The \(which) limits (min, max).") { ax, _, _, _ in
            let l = PlotRendering.limits(ax.model)
            let pair = which == "x" ? l.x : l.y
            return .tuple([.float(pair.0), .float(pair.1)])
        }
    }

    static var grid: AxesCall {
        AxesCall(pyplotName: "grid", axesName: "grid", parameters: [.optional("visible"), .optional("which", default: .str("major")), .optional("axis", default: .str("both"))],
                 doc: "Show (grid(True)) or hide (grid(False)) grid lines at the major ticks; grid() toggles them.") { ax, args, ctx, _ in
            guard ctx.str(args["which"]!) == "major", ctx.str(args["axis"]!) == "both" else {
                throw Diagnostic(.notImplementedError, "Fovea draws grid lines at the major ticks of both axes only", at: args.callSpan, notes: ["help: use grid(True)"])
            }
            var m = ax.model
            if let v = args["visible"], !v.isNone { m.grid = v.isTruthy } else { m.grid.toggle() }
            ax.model = m
            return .none
        }
    }

    static var legend: AxesCall {
        AxesCall(pyplotName: "legend", axesName: "legend", parameters: [.optional("labels"), .keywordOnly("loc"), .keywordOnly("fontsize")],
                 doc: "Show a legend of the labelled lines and bars: legend(), legend(['train', 'validation']), legend(loc='upper left').") { ax, args, ctx, _ in
            var m = ax.model
            if args["fontsize"].map({ !$0.isNone }) ?? false {
                m.legendFontSize = try PlotArguments.textStyle(args, base: TextStyle(size: 10)).size
            }
            if let l = args["labels"], !l.isNone {
                let names = try labels(l, ctx)
                var k = 0
                for i in m.lines.indices where k < names.count { m.lines[i].label = names[k]; k += 1 }
                for i in m.bars.indices where k < names.count { m.bars[i].label = names[k]; k += 1 }
                for i in m.scatters.indices where k < names.count { m.scatters[i].label = names[k]; k += 1 }
            }
            if let loc = args["loc"], !loc.isNone {
                let codes = ["best", "upper right", "upper left", "lower left", "lower right", "right", "center left", "center right",
                             "lower center", "upper center", "center"]
                let name = loc.asInt.flatMap { $0 >= 0 && $0 < codes.count ? codes[$0] : nil } ?? ctx.str(loc)
                guard codes.contains(name) else {
                    throw Diagnostic(.valueError, "\(ctx.repr(loc)) is not a valid value for loc; supported values are " + codes.map { "'\($0)'" }.joined(separator: ", "), at: args.span(of: "loc"))
                }
                m.legendLocation = name
            }
            m.legend = true
            ax.model = m
            return .object(LegendObject())
        }
    }

    static var axis: AxesCall {
        AxesCall(pyplotName: "axis", axesName: "axis", parameters: [.optional("arg")],
                 doc: "axis('off') hides the axes' frame, ticks and labels; axis('on') shows them; axis('equal'), axis('tight'), axis([xmin, xmax, ymin, ymax]).") { ax, args, ctx, _ in
            var m = ax.model
            if let a = args["arg"], !a.isNone {
                switch a {
                case .str("off"), .bool(false): m.axisOn = false
                case .str("on"), .bool(true): m.axisOn = true
                case .str("equal"), .str("scaled"), .str("image"): m.equalAspect = true
                case .str("tight"): break
                case .str("auto"): m.equalAspect = false
                default:
                    if let seq = KerasArguments.sequence(a), seq.count == 4, let v = Optional(seq.compactMap(\.asDouble)), v.count == 4 {
                        m.x.limits = (v[0], v[1]); m.y.limits = (v[2], v[3])
                    } else {
                        throw Diagnostic(.valueError, "Unrecognized string \(ctx.repr(a)) to axis; try 'on' or 'off'", at: args.span(of: "arg"))
                    }
                }
            }
            ax.model = m
            let l = PlotRendering.limits(m)
            return .tuple([.float(l.x.0), .float(l.x.1), .float(l.y.0), .float(l.y.1)])
        }
    }

    static var text: AxesCall {
        AxesCall(pyplotName: "text", axesName: "text", parameters: [.required("x"), .required("y"), .required("s"),
                                                                     .keywordOnly("ha"), .keywordOnly("va"),
                                                                     .keywordOnly("horizontalalignment"), .keywordOnly("verticalalignment")] + textKeywords,
                 doc: "Write text s at data point (x, y): ha= 'left' (default), 'center' or 'right'; va= 'baseline' (default), 'top', 'center' or 'bottom'.") { ax, args, ctx, _ in
            let s = ctx.str(args["s"]!)
            let style = try PlotArguments.textStyle(args, base: TextStyle(size: 10))
            var t = PlotText(x: try args.double("x"), y: try args.double("y"), text: s, style: style)
            let haName = args["ha"].flatMap { $0.isNone ? nil : $0 } ?? args["horizontalalignment"]
            if let h = haName, !h.isNone {
                let options = ["left": 0.0, "center": 0.5, "right": 1.0]
                guard let v = options[ctx.str(h)] else {
                    throw Diagnostic(.valueError, "\(ctx.repr(h)) is not a valid value for horizontalalignment; supported values are 'left', 'center', 'right'", at: args.span(of: "ha"))
                }
                t.horizontal = v
            }
            let vaName = args["va"].flatMap { $0.isNone ? nil : $0 } ?? args["verticalalignment"]
            if let vv = vaName, !vv.isNone {
                let options: [String: Double?] = ["baseline": nil, "top": 0.0, "center": 0.5, "center_baseline": 0.5, "bottom": 1.0]
                guard let v = options[ctx.str(vv)] else {
                    throw Diagnostic(.valueError, "\(ctx.repr(vv)) is not a valid value for verticalalignment; supported values are 'baseline', 'top', 'center', 'center_baseline', 'bottom'", at: args.span(of: "va"))
                }
                t.vertical = v
            }
            ax.model.texts.append(t)
            return .object(TextObject(s, x: Repr.repr(args["x"]!), y: Repr.repr(args["y"]!)))
        }
    }

    static func scale(_ which: String) -> AxesCall {
        AxesCall(pyplotName: which + "scale", axesName: "set_\(which)scale", parameters: [.required("value")],
                 doc: "The \(which) axis scale: Fovea draws 'linear' only.") { _, args, ctx, _ in
            guard ctx.str(args["value"]!) == "linear" else {
                throw Diagnostic(.notImplementedError, "Fovea draws linear axes only. Received: \(ctx.repr(args["value"]!))", at: args.span(of: "value"),
                                 notes: ["help: plot the logarithm instead, e.g. plt.plot(np.log10(values))"])
            }
            return .none
        }
    }
}

/// What `legend` returns.
final class LegendObject: FoveaObject {
    var typeName: String { "Legend" }
    func repr() -> String { "<matplotlib.legend.Legend object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue) & 0xffff_ffff_ffff, radix: 16))>" }
}
