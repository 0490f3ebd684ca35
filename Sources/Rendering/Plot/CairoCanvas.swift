import Figures

/// A Cairo image surface and its context, with the few drawing operations plots need, in
/// pixels, y down. Text is DejaVu Sans through Cairo's FreeType backend, antialiased.
final class CairoCanvas {
    let cairo: Cairo
    let surface: OpaquePointer
    let cr: OpaquePointer
    let width: Int, height: Int

    init(width: Int, height: Int) throws {
        let cairo = try Cairo.library()
        guard let s = cairo.imageSurfaceCreate(Cairo.formatARGB32, Int32(width), Int32(height)), let c = cairo.create(s) else {
            throw CairoError(message: "Cairo could not make a \(width)x\(height) image")
        }
        self.cairo = cairo; surface = s; cr = c; self.width = width; self.height = height
    }

    deinit { cairo.destroy(cr); cairo.surfaceDestroy(surface) }

    func color(_ c: PlotColor) { cairo.setSourceRGBA(cr, c.r, c.g, c.b, c.a) }

    func paint(_ c: PlotColor) { color(c); cairo.paint(cr) }

    func fillRect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ c: PlotColor) {
        color(c); cairo.rectangle(cr, x, y, w, h); cairo.fill(cr)
    }

    /// Strokes a polyline; `dash` lengths in pixels (empty: solid).
    func polyline(_ points: [(Double, Double)], color c: PlotColor, width: Double, dash: [Double] = [],
                  cap: Int32 = Cairo.capButt, join: Int32 = Cairo.joinRound) {
        guard points.count > 1 else { return }
        color(c)
        cairo.setLineWidth(cr, width)
        cairo.setLineCap(cr, cap)
        cairo.setLineJoin(cr, join)
        dash.withUnsafeBufferPointer { cairo.setDash(cr, $0.baseAddress, Int32(dash.count), 0) }
        cairo.moveTo(cr, points[0].0, points[0].1)
        var started = true
        for p in points.dropFirst() {
            if !p.0.isFinite || !p.1.isFinite { started = false; continue }
            if started { cairo.lineTo(cr, p.0, p.1) } else { cairo.moveTo(cr, p.0, p.1); started = true }
        }
        cairo.stroke(cr)
        cairo.setDash(cr, nil, 0, 0)
    }

    func strokeRect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, color c: PlotColor, width: Double) {
        color(c); cairo.setLineWidth(cr, width); cairo.rectangle(cr, x, y, w, h); cairo.stroke(cr)
    }

    func circle(_ x: Double, _ y: Double, radius: Double, fill: PlotColor) {
        color(fill); cairo.newPath(cr); cairo.arc(cr, x, y, radius, 0, 2 * Double.pi); cairo.fill(cr)
    }

    func polygon(_ points: [(Double, Double)], fill: PlotColor) {
        guard let first = points.first else { return }
        color(fill); cairo.newPath(cr); cairo.moveTo(cr, first.0, first.1)
        for p in points.dropFirst() { cairo.lineTo(cr, p.0, p.1) }
        cairo.closePath(cr); cairo.fill(cr)
    }

    func clip(_ x: Double, _ y: Double, _ w: Double, _ h: Double) { cairo.rectangle(cr, x, y, w, h); cairo.clip(cr) }
    func save() { cairo.save(cr) }
    func restore() { cairo.restore(cr) }

    /// Draws RGBA rows (top to bottom) stretched over the rectangle, nearest neighbour.
    func image(_ rgba: [UInt8], width w: Int, height h: Int, into x: Double, _ y: Double, _ dw: Double, _ dh: Double) {
        let stride = Int(cairo.formatStrideForWidth(Cairo.formatARGB32, Int32(w)))
        var data = [UInt8](repeating: 0, count: stride * h)
        for row in 0..<h {
            for col in 0..<w {
                let s = (row * w + col) * 4, d = row * stride + col * 4
                let a = UInt16(rgba[s + 3])
                // premultiplied, native-endian ARGB (B, G, R, A in memory on little-endian)
                data[d] = UInt8(UInt16(rgba[s + 2]) * a / 255)
                data[d + 1] = UInt8(UInt16(rgba[s + 1]) * a / 255)
                data[d + 2] = UInt8(UInt16(rgba[s]) * a / 255)
                data[d + 3] = UInt8(a)
            }
        }
        data.withUnsafeMutableBufferPointer { buf in
            guard let img = cairo.imageSurfaceCreateForData(buf.baseAddress!, Cairo.formatARGB32, Int32(w), Int32(h), Int32(stride)) else { return }
            save()
            cairo.rectangle(cr, x, y, dw, dh); cairo.clip(cr)
            cairo.translate(cr, x, y)
            cairo.scale(cr, dw / Double(w), dh / Double(h))
            cairo.setSourceSurface(cr, img, 0, 0)
            cairo.patternSetFilter(cairo.getSource(cr), Cairo.filterNearest)
            cairo.paint(cr)
            restore()
            cairo.surfaceDestroy(img)
        }
    }

    /// Draws text with its baseline starting at (x, y), turned `degrees` counter-clockwise.
    func text(_ s: String, x: Double, y: Double, sizePixels: Double, bold: Bool, color c: PlotColor, degrees: Double = 0) {
        save()
        color(c)
        TextMeasure.font(cairo, cr, sizePixels: sizePixels, bold: bold)
        cairo.translate(cr, x, y)
        if degrees != 0 { cairo.rotate(cr, -degrees * Double.pi / 180) }
        cairo.moveTo(cr, 0, 0)
        cairo.showText(cr, s)
        restore()
    }

    /// The surface as a PNG file (libpng through Cairo).
    func png() -> [UInt8] {
        cairo.surfaceFlush(surface)
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let writer: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt32) -> Int32 = { closure, data, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            if let data { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length))) }
            return 0
        }
        _ = cairo.writeToPNGStream(surface, writer, Unmanaged.passUnretained(sink).toOpaque())
        return sink.bytes
    }
}

/// Text sizes from the font's real metrics, as matplotlib lays text out: a line's box is its
/// ink width across, and at least as tall as "lp" (ascent of l, descent of p).
final class TextMeasure {
    struct Extents { var width: Double; var ascent: Double; var descent: Double; var height: Double { ascent + descent } }

    let cairo: Cairo
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private var cache: [String: Extents] = [:]

    init() throws {
        let cairo = try Cairo.library()
        guard let s = cairo.imageSurfaceCreate(Cairo.formatARGB32, 1, 1), let c = cairo.create(s) else {
            throw CairoError(message: "Cairo could not make a surface to measure text")
        }
        self.cairo = cairo; surface = s; cr = c
    }

    deinit { cairo.destroy(cr); cairo.surfaceDestroy(surface) }

    static func font(_ cairo: Cairo, _ cr: OpaquePointer, sizePixels: Double, bold: Bool) {
        cairo.selectFontFace(cr, "DejaVu Sans", 0, bold ? 1 : 0)
        cairo.setFontSize(cr, sizePixels)
    }

    private func raw(_ s: String, _ size: Double, _ bold: Bool) -> (xb: Double, yb: Double, w: Double, h: Double, adv: Double) {
        TextMeasure.font(cairo, cr, sizePixels: size, bold: bold)
        var e = [Double](repeating: 0, count: 6)
        e.withUnsafeMutableBufferPointer { cairo.textExtents(cr, s, $0.baseAddress!) }
        return (e[0], e[1], e[2], e[3], e[4])
    }

    /// How far the pen moves over `s` (its advance, spaces included), in pixels.
    func advance(_ s: String, sizePixels: Double, bold: Bool = false) -> Double {
        s.isEmpty ? 0 : raw(s, sizePixels, bold).adv
    }

    func measure(_ s: String, sizePixels: Double, bold: Bool = false) -> Extents {
        let key = "\(sizePixels)|\(bold)|\(s)"
        if let e = cache[key] { return e }
        let lp = raw("lp", sizePixels, bold)
        let t = s.isEmpty ? (xb: 0, yb: 0, w: 0, h: 0, adv: 0) : raw(s, sizePixels, bold)
        let e = Extents(width: max(t.w, 0), ascent: max(-lp.yb, -t.yb), descent: max(lp.h + lp.yb, t.h + t.yb))
        cache[key] = e
        return e
    }
}
