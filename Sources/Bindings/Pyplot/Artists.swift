import Figures
import FoveaLang

/// Python's default repr, `<matplotlib.lines.Line2D object at 0x7f...>`.
func defaultRepr(_ qualified: String, _ o: AnyObject) -> String {
    "<\(qualified) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(o).hashValue) & 0xffff_ffff_ffff, radix: 16))>"
}

/// A line that `plot` drew; its colour, label and width can still be changed.
final class Line2DObject: FoveaObject {
    let axes: AxesObject, index: Int
    init(axes: AxesObject, index: Int) { self.axes = axes; self.index = index }
    var typeName: String { "Line2D" }
    func repr() -> String { defaultRepr("matplotlib.lines.Line2D", self) }
    var hostClass: AnyHostClass? { Line2DObject.binding }
    static let binding = HostClass<Line2DObject>("Line2D", module: "matplotlib.lines", doc: "A line drawn by plot().")
        .method("set_color", [.required("color")], doc: "Change the line's colour.") { l, args, _ in
            l.axes.model.lines[l.index].color = try PlotArguments.color(args, "color") ?? .black; return .none
        }
        .method("set_label", [.required("s")], doc: "Change the legend label.") { l, args, _ in
            l.axes.model.lines[l.index].label = try args.string("s"); return .none
        }
        .method("set_linewidth", [.required("w")], doc: "Change the width in points.") { l, args, _ in
            l.axes.model.lines[l.index].width = try args.double("w"); return .none
        }
        .method("get_label", doc: "The legend label.") { l, _, _ in .str(l.axes.model.lines[l.index].label ?? "_child\(l.index)") }
        .method("get_color", doc: "The colour as '#rrggbb'.") { l, _, _ in .str(hex(l.axes.model.lines[l.index].color)) }
}

func hex(_ c: PlotColor) -> String {
    func h(_ v: Double) -> String { let s = String(Int((v * 255).rounded()), radix: 16); return s.count == 1 ? "0" + s : s }
    return "#" + h(c.r) + h(c.g) + h(c.b)
}

/// What `imshow` returns: `colorbar(im)` takes it.
final class AxesImageObject: FoveaObject {
    let axes: AxesObject
    let scale: ColorScaleRange?
    init(axes: AxesObject, scale: ColorScaleRange?) { self.axes = axes; self.scale = scale }
    var typeName: String { "AxesImage" }
    func repr() -> String { defaultRepr("matplotlib.image.AxesImage", self) }
    var hostClass: AnyHostClass? { AxesImageObject.binding }
    static let binding = HostClass<AxesImageObject>("AxesImage", module: "matplotlib.image", doc: "An image drawn by imshow().")
        .method("get_clim", doc: "The (vmin, vmax) the colours were scaled between.") { im, _, _ in
            guard let s = im.scale else { return .none }
            return .tuple([.float(s.vmin), .float(s.vmax)])
        }
}

/// One bar of a `bar` or `hist` call.
final class RectangleObject: FoveaObject {
    let axes: AxesObject, group: Int, index: Int
    init(axes: AxesObject, group: Int, index: Int) { self.axes = axes; self.group = group; self.index = index }
    var rect: PlotRectangle { axes.model.bars[group].rectangles[index] }
    var typeName: String { "Rectangle" }
    func repr() -> String {
        let r = rect
        return "Rectangle(xy=(\(Repr.repr(.float(r.x))), \(Repr.repr(.float(r.y)))), width=\(Repr.repr(.float(r.width))), height=\(Repr.repr(.float(r.height))), angle=0)"
    }
    var hostClass: AnyHostClass? { RectangleObject.binding }
    static let binding = HostClass<RectangleObject>("Rectangle", module: "matplotlib.patches", doc: "A bar.")
        .method("set_color", [.required("c")], doc: "Change the bar's colour.") { r, args, _ in
            r.axes.model.bars[r.group].rectangles[r.index].color = try PlotArguments.color(args, "c") ?? .black; return .none
        }
        .method("set_facecolor", [.required("color")], doc: "Change the bar's fill colour.") { r, args, _ in
            r.axes.model.bars[r.group].rectangles[r.index].color = try PlotArguments.color(args, "color") ?? .black; return .none
        }
        .method("set_edgecolor", [.required("color")], doc: "Change the bar's edge colour.") { r, args, _ in
            r.axes.model.bars[r.group].rectangles[r.index].edgeColor = try PlotArguments.color(args, "color") ?? .none; return .none
        }
        .method("get_height", doc: "The bar's height.") { r, _, _ in .float(r.rect.height) }
        .method("get_x", doc: "The bar's left edge.") { r, _, _ in .float(r.rect.x) }
        .method("get_width", doc: "The bar's width.") { r, _, _ in .float(r.rect.width) }
}

/// What `bar` returns (and `hist` as its third item): the bars, indexable and iterable.
final class BarContainerObject: FoveaObject {
    let bars: [RectangleObject]
    init(_ bars: [RectangleObject]) { self.bars = bars }
    var typeName: String { "BarContainer" }
    func repr() -> String { "<BarContainer object of \(bars.count) artists>" }
    func length() -> Int? { bars.count }
    func getItem(_ index: Value, context: CallContext) throws -> Value? {
        guard let i = index.asInt else { return nil }
        let k = i < 0 ? i + bars.count : i
        guard k >= 0 && k < bars.count else { throw Diagnostic(.indexError, "index \(i) is out of range for \(bars.count) bars", at: context.span) }
        return .object(bars[k])
    }
    func makeIterator(context: CallContext) throws -> IteratorBox? {
        var i = 0
        return IteratorBox("list_iterator") { [bars] in
            defer { i += 1 }
            return i < bars.count ? .object(bars[i]) : nil
        }
    }
}

/// What `scatter` returns.
final class PathCollectionObject: FoveaObject {
    let scale: ColorScaleRange?
    let kind: String
    init(scale: ColorScaleRange?, kind: String = "PathCollection") { self.scale = scale; self.kind = kind }
    var typeName: String { kind }
    func repr() -> String { defaultRepr("matplotlib.collections.\(kind)", self) }
}

/// What `colorbar` returns.
final class ColorbarObject: FoveaObject {
    let axes: AxesObject
    init(axes: AxesObject) { self.axes = axes }
    var typeName: String { "Colorbar" }
    func repr() -> String { defaultRepr("matplotlib.colorbar.Colorbar", self) }
    var hostClass: AnyHostClass? { ColorbarObject.binding }
    static let binding = HostClass<ColorbarObject>("Colorbar", module: "matplotlib.colorbar", doc: "A colorbar.")
        .property("ax", doc: "The colorbar's axes.") { c, _ in .object(c.axes) }
        .method("set_label", [.required("label")], doc: "Label the colorbar.") { c, args, _ in
            c.axes.model.y.label = try args.string("label"); return .none
        }
}
