/// An RGB raster to draw pictures on, then encode as PNG. (0, 0) is the top-left pixel;
/// drawing outside the canvas is clipped.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major RGB bytes, `width * height * 3`.
    public private(set) var pixels: [UInt8]

    public init(width: Int, height: Int, background: RGB = .white) {
        self.width = max(1, width)
        self.height = max(1, height)
        pixels = [UInt8](repeating: 0, count: self.width * self.height * 3)
        fill(x: 0, y: 0, width: self.width, height: self.height, background)
    }

    public func pixel(x: Int, y: Int) -> RGB {
        let i = (y * width + x) * 3
        return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    public mutating func set(x: Int, y: Int, _ c: RGB) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let i = (y * width + x) * 3
        pixels[i] = c.r; pixels[i + 1] = c.g; pixels[i + 2] = c.b
    }

    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ c: RGB) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 {
            var i = (yy * width + x0) * 3
            for _ in x0..<x1 {
                pixels[i] = c.r; pixels[i + 1] = c.g; pixels[i + 2] = c.b
                i += 3
            }
        }
    }

    /// A rectangle outline `thickness` pixels wide, inside the rectangle.
    public mutating func frame(x: Int, y: Int, width w: Int, height h: Int, _ c: RGB, thickness: Int = 1) {
        fill(x: x, y: y, width: w, height: thickness, c)
        fill(x: x, y: y + h - thickness, width: w, height: thickness, c)
        fill(x: x, y: y, width: thickness, height: h, c)
        fill(x: x + w - thickness, y: y, width: thickness, height: h, c)
    }

    /// A straight line (Bresenham) from (x0, y0) to (x1, y1); `thickness` squares per point;
    /// with `dash`, runs of `dash` pixels drawn then skipped.
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ c: RGB, thickness: Int = 1, dash: Int = 0) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var step = 0
        let half = (thickness - 1) / 2
        while true {
            if dash == 0 || (step / dash) % 2 == 0 {
                fill(x: x - half, y: y - half, width: thickness, height: thickness, c)
            }
            step += 1
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Draws `values` (row-major, `rows` x `cols`, already normalised to 0...1) with each value
    /// a `scale` x `scale` block (nearest neighbour), top-left at (x, y).
    public mutating func image(_ values: [Float], rows: Int, cols: Int, at x: Int, _ y: Int, scale: Int, colors: ColorScale) {
        for r in 0..<rows {
            for c in 0..<cols {
                fill(x: x + c * scale, y: y + r * scale, width: scale, height: scale, colors.color(values[r * cols + c]))
            }
        }
    }

    /// One line of text with its top-left at (x, y); each font pixel is `scale` x `scale`.
    public mutating func text(_ s: String, x: Int, y: Int, _ c: RGB = .ink, scale: Int = 1) {
        var cx = x
        for ch in s {
            let columns = BitmapFont.glyph(ch)
            for (gx, bits) in columns.enumerated() {
                for gy in 0..<BitmapFont.height where bits >> UInt8(gy) & 1 == 1 {
                    fill(x: cx + gx * scale, y: y + gy * scale, width: scale, height: scale, c)
                }
            }
            cx += BitmapFont.advance * scale
        }
    }

    /// Text centred horizontally on `centerX`.
    public mutating func text(_ s: String, centerX: Int, y: Int, _ c: RGB = .ink, scale: Int = 1) {
        text(s, x: centerX - BitmapFont.size(of: s, scale: scale).width / 2, y: y, c, scale: scale)
    }

    /// Text written bottom to top (for a y-axis label), its centre at (centerX, centerY).
    public mutating func verticalText(_ s: String, centerX: Int, centerY: Int, _ c: RGB = .ink, scale: Int = 1) {
        let (w, h) = BitmapFont.size(of: s, scale: scale)
        var glyphs = Canvas(width: max(1, w), height: h, background: .white)
        glyphs.text(s, x: 0, y: 0, .black, scale: scale)
        let left = centerX - h / 2, top = centerY - w / 2
        for gy in 0..<h {
            for gx in 0..<w where glyphs.pixel(x: gx, y: gy) == .black {
                set(x: left + gy, y: top + (w - 1 - gx), c)
            }
        }
    }

    /// The canvas as a PNG file (RGB).
    public func png() -> [UInt8] { PNG.encode(width: width, height: height, colorType: .rgb, pixels: pixels) }
}
