import Figures
import FoveaLang
import Tensor

/// `imshow`: grey images coloured through a colormap, RGB and RGBA images as they are.
enum ImageShowing {
    static func imshow(_ ax: AxesObject, _ args: BoundArguments, _ ctx: CallContext) throws -> Value {
        let span = args.span(of: "X")
        let a = try PlotArguments.numbers(args["X"]!, "X", function: "imshow", at: span)
        var d = a.dims
        if d.count == 3 && d[2] == 1 { d = [d[0], d[1]] }
        guard (d.count == 2 || (d.count == 3 && (d[2] == 3 || d[2] == 4))), d[0] > 0, d[1] > 0 else {
            var notes = ["help: imshow shows (height, width) grey images or (height, width, 3 or 4) colour images"]
            if d.count == 4 || (d.count == 3 && d[0] > 4) { notes.append("help: to show one image of a batch, pass images[0]") }
            throw Diagnostic(.typeError, "Invalid shape \(PlotArguments.formatDims(a.dims)) for image data", at: span, notes: notes)
        }
        if let i = args["interpolation"], !i.isNone {
            guard case .str(let s) = i, ["nearest", "none", "antialiased", "auto"].contains(s) else {
                throw Diagnostic(.notImplementedError, "Fovea's imshow() draws pixels as squares only (interpolation='nearest'). Received: interpolation=\(ctx.repr(i))",
                                 at: args.span(of: "interpolation"), notes: ["help: use interpolation='nearest'"])
            }
        }
        if let o = args["origin"], !o.isNone, !(ctx.str(o) == "upper" || ctx.str(o) == "lower") {
            throw Diagnostic(.valueError, "origin must be 'upper' or 'lower'. Received: \(ctx.repr(o))", at: args.span(of: "origin"))
        }
        let lower = args["origin"].map { ctx.str($0) == "lower" } ?? false
        let h = d[0], w = d[1]
        var rgba: [UInt8]
        var scale: ColorScaleRange?
        if d.count == 2 {
            let cmap = try ColormapObject.colormap(args, "cmap") ?? Colormap.viridis
            let finite = a.values.filter(\.isFinite)
            let lo = try PlotArguments.optionalDouble(args, "vmin") ?? finite.min() ?? 0
            let hi = try PlotArguments.optionalDouble(args, "vmax") ?? finite.max() ?? 1
            rgba = cmap.rgbaBytes(a.values, vmin: lo, vmax: hi)
            scale = ColorScaleRange(colormap: cmap, vmin: lo, vmax: hi)
        } else {
            _ = args["cmap"]; _ = args["vmin"]; _ = args["vmax"]
            let channels = d[2]
            let isInt = a.dtype.map(\.isInteger) ?? a.values.allSatisfy { $0 == $0.rounded() && $0 > 1 }
            rgba = [UInt8](repeating: 255, count: h * w * 4)
            for p in 0..<(h * w) {
                for ch in 0..<channels {
                    let v = a.values[p * channels + ch]
                    let byte = isInt ? min(max(v, 0), 255) : (min(max(v.isNaN ? 0 : v, 0), 1) * 255).rounded()
                    rgba[p * 4 + ch] = UInt8(byte)
                }
            }
        }
        if let al = try PlotArguments.optionalDouble(args, "alpha") {
            for p in 0..<(h * w) { rgba[p * 4 + 3] = UInt8(Double(rgba[p * 4 + 3]) * min(max(al, 0), 1)) }
        }
        var extent = (-0.5, Double(w) - 0.5, Double(h) - 0.5, -0.5)
        if lower { extent = (-0.5, Double(w) - 0.5, -0.5, Double(h) - 0.5) }
        if let e = args["extent"], !e.isNone {
            let v = try PlotArguments.vector(e, "extent", function: "imshow", at: args.span(of: "extent"))
            guard v.count == 4 else { throw Diagnostic(.valueError, "extent must be (left, right, bottom, top)", at: args.span(of: "extent")) }
            extent = (v[0], v[1], v[2], v[3])
        }
        if lower {   // row 0 at the bottom: flip the rows so the model keeps top-to-bottom rows
            var flipped = rgba
            for r in 0..<h { for c in 0..<(w * 4) { flipped[r * w * 4 + c] = rgba[(h - 1 - r) * w * 4 + c] } }
            rgba = flipped
        }
        var equal = true
        if let asp = args["aspect"], !asp.isNone {
            switch asp {
            case .str("auto"): equal = false
            case .str("equal"): equal = true
            default:
                if asp.asDouble == 1 { equal = true } else {
                    throw Diagnostic(.notImplementedError, "Fovea's imshow() takes aspect='equal' or 'auto'. Received: aspect=\(ctx.repr(asp))", at: args.span(of: "aspect"))
                }
            }
        }
        var m = ax.model
        m.images.append(PlotImage(width: w, height: h, rgba: rgba, extent: extent, scale: scale))
        m.equalAspect = equal
        ax.model = m
        let image = AxesImageObject(axes: ax, scale: scale)
        ax.figure.currentImage = (ax.index, scale)
        return .object(image)
    }
}
