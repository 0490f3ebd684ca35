/// An 8-bit image as PIL holds one: width, height, a mode ('L' gray, 'RGB', 'RGBA') and the pixels
/// row by row, channels interleaved. What `load_img` returns and `save_img` writes.
public struct PixelImage: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case L, RGB, RGBA
        public var channels: Int { self == .L ? 1 : self == .RGB ? 3 : 4 }
    }

    public let width: Int
    public let height: Int
    public let mode: Mode
    public var pixels: [UInt8]

    public init(width: Int, height: Int, mode: Mode, pixels: [UInt8]) {
        precondition(pixels.count == width * height * mode.channels, "pixel count does not match the size")
        self.width = width; self.height = height; self.mode = mode; self.pixels = pixels
    }

    /// The image in another mode, as PIL's `convert` does it: gray from color with ITU-R 601-2
    /// luma in PIL's fixed point (L = (19595 R + 38470 G + 7471 B + 0x8000) >> 16), color from gray
    /// by copying, alpha dropped (not composited) or added as opaque.
    public func converted(to target: Mode) -> PixelImage {
        if target == mode { return self }
        let n = width * height, from = mode.channels, to = target.channels
        var out = [UInt8](repeating: 255, count: n * to)
        pixels.withUnsafeBufferPointer { src in
            for i in 0..<n {
                let s = i * from, d = i * to
                if target == .L {
                    let r = Int(src[s]), g = Int(src[s + 1]), b = Int(src[s + 2])
                    out[d] = UInt8((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16)
                } else if mode == .L {
                    out[d] = src[s]; out[d + 1] = src[s]; out[d + 2] = src[s]
                } else {
                    out[d] = src[s]; out[d + 1] = src[s + 1]; out[d + 2] = src[s + 2]
                }
            }
        }
        return PixelImage(width: width, height: height, mode: target, pixels: out)
    }
}
