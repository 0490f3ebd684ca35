import Figures
import FoveaLang
import Tensor

/// A colormap seen from the language (`plt.cm.binary`, `matplotlib.colormaps['viridis']`):
/// passed as cmap=, and callable as matplotlib's are (`cmap(0.5)`, `cmap(np.arange(256))`).
final class ColormapObject: FoveaObject {
    let colormap: Colormap
    init(_ c: Colormap) { colormap = c }
    var typeName: String { colormap.isListed ? "ListedColormap" : "LinearSegmentedColormap" }
    func repr() -> String { "<matplotlib.colors.\(typeName) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(self).hashValue) & 0xffff_ffff_ffff, radix: 16))>" }
    var hostClass: AnyHostClass? { ColormapObject.binding }
    var isCallable: Bool { true }

    static let binding = HostClass<ColormapObject>("Colormap", module: "matplotlib.colors", doc: "A colormap.")
        .property("name", doc: "The colormap's name.") { c, _ in .str(c.colormap.name) }
        .property("N", doc: "The number of colours.") { c, _ in .int(c.colormap.count) }
        .method("reversed", doc: "The colormap reversed (name_r).") { c, _, _ in
            .object(ColormapObject(Colormap.named(c.colormap.name.hasSuffix("_r") ? String(c.colormap.name.dropLast(2)) : c.colormap.name + "_r")!))
        }

    /// `cmap(x)`: floats in 0...1 are normalised values, ints index the table; one RGBA tuple for
    /// a number, an array of RGBA rows for an array.
    func call(_ arguments: [CallArgument], context: CallContext) throws -> Value {
        let args = try BoundArguments.bind(functionName: colormap.name, parameters: [.required("X"), .optional("alpha"), .optional("bytes", default: .bool(false))],
                                           arguments: arguments, callSpan: context.span)
        let x = args["X"]!
        let asBytes = args.bool("bytes")
        let alpha = try PlotArguments.optionalDouble(args, "alpha")
        func entry(_ v: Double, integer: Bool) -> PlotColor {
            var c: PlotColor
            if integer { c = colormap.lut[min(max(Int(v), 0), colormap.count - 1)] } else { c = colormap.color(normalized: v) }
            if let alpha { c.a = alpha }
            return c
        }
        if case .int(let i) = x { return tuple(entry(Double(i), integer: true), asBytes) }
        if case .float(let f) = x { return tuple(entry(f, integer: false), asBytes) }
        let a = try PlotArguments.numbers(x, "X", function: colormap.name, at: args.span(of: "X"))
        let integer = a.dtype.map(\.isInteger) ?? false
        var out: [Double] = []
        for v in a.values {
            let c = entry(v, integer: integer)
            if asBytes { let b = Colormap.bytes(c); out += [Double(b.0), Double(b.1), Double(b.2), Double(b.3)] } else { out += [c.r, c.g, c.b, c.a] }
        }
        let t = try Tensor(shape: Shape(a.dims + [4]), doubles: out)
        return ArrayValues.wrap(asBytes ? t.converted(to: .uint8) : t)
    }

    private func tuple(_ c: PlotColor, _ asBytes: Bool) -> Value {
        if asBytes { let b = Colormap.bytes(c); return .tuple([.int(Int(b.0)), .int(Int(b.1)), .int(Int(b.2)), .int(Int(b.3))]) }
        // numpy float64 scalars, as matplotlib's tuple of np.float64
        guard let t = try? Tensor(shape: Shape([4]), doubles: [c.r, c.g, c.b, c.a]) else { return .none }
        return .tuple((0..<4).map { ArrayValues.scalar(t, at: $0) })
    }

    /// A cmap= argument: a name or a colormap object; nil when absent or None.
    static func colormap(_ args: BoundArguments, _ name: String) throws -> Colormap? {
        guard let v = args[name], !v.isNone else { return nil }
        return try colormap(v, at: args.span(of: name))
    }

    static func colormap(_ v: Value, at span: Span) throws -> Colormap {
        if case .object(let o) = v, let c = o as? ColormapObject { return c.colormap }
        guard case .str(let s) = v else { throw Diagnostic(.typeError, "cmap must be a colormap name or a colormap. Received a value of type '\(v.typeName)'", at: span) }
        if let c = Colormap.named(s) { return c }
        throw Diagnostic(.valueError, "\(Repr.string(s)) is not a valid value for cmap; Fovea has " + Colormap.names.map { "'\($0)'" }.joined(separator: ", ") + " (and each with _r)",
                         at: span)
    }

    /// `matplotlib.cm` / `plt.cm`: each colormap as an attribute, and get_cmap.
    static func cmModule(_ name: String) -> ModuleValue {
        let m = ModuleValue(name, doc: "Colormaps: plt.cm.viridis, plt.cm.binary, plt.cm.gray, plt.cm.jet, ...; get_cmap(name).")
        for n in Colormap.names { m.add(n, .object(ColormapObject(Colormap.named(n)!))); m.add(n + "_r", .object(ColormapObject(Colormap.named(n + "_r")!))) }
        m.add(getCmap)
        return m
    }

    static var getCmap: NativeFunction {
        NativeFunction("get_cmap", doc: "The colormap with this name (viridis when None); lut= is not supported.",
                       parameters: [.optional("name"), .unsupported("lut")]) { args, _ in
            guard let v = args["name"], !v.isNone else { return .object(ColormapObject(Colormap.viridis)) }
            return .object(ColormapObject(try colormap(v, at: args.span(of: "name"))))
        }
    }

    /// `matplotlib.colormaps`: `colormaps['viridis']`, `colormaps.get_cmap('gray')`, `list(colormaps)`.
    final class Registry: FoveaObject {
        var typeName: String { "ColormapRegistry" }
        func repr() -> String { "ColormapRegistry; available colormaps:\n" + Colormap.names.map { "'\($0)'" }.joined(separator: ", ") }
        func getItem(_ index: Value, context: CallContext) throws -> Value? {
            guard case .str(let s) = index else { return nil }
            guard let c = Colormap.named(s) else { throw Diagnostic(.keyError, "'\(s) is not a known colormap name'", at: context.span) }
            return .object(ColormapObject(c))
        }
        func length() -> Int? { Colormap.names.count }
        func makeIterator(context: CallContext) throws -> IteratorBox? {
            var names = Colormap.names[...]
            return IteratorBox("dict_keyiterator") { names.popFirst().map { .str($0) } }
        }
        var hostClass: AnyHostClass? { Registry.binding }
        static let binding = HostClass<Registry>("ColormapRegistry", module: "matplotlib.cm", doc: "The colormaps by name.")
            .method("get_cmap", [.required("cmap")], doc: "The colormap with this name.") { _, args, _ in
                .object(ColormapObject(try ColormapObject.colormap(args["cmap"]!, at: args.span(of: "cmap"))))
            }
    }
}
