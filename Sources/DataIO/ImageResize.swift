import Glibc

/// Resizing as Pillow's `Image.resize` does it, so that `load_img(target_size=...)` gives PIL's
/// pixels: 'nearest' samples the source pixel under each output pixel's centre (Pillow's affine
/// scale, positions accumulated step by step as it does); the other filters are Pillow's separable
/// two-pass convolution (horizontal first, rounded to 8 bits between passes) with its filter
/// supports widened when shrinking, and its 22-bit fixed-point weights; RGBA is filtered with its
/// colour premultiplied by alpha, as Pillow does.
public enum ImageResize {
    public enum Filter: String, Sendable, CaseIterable {
        case nearest, box, bilinear, hamming, bicubic, lanczos

        var support: Double {
            switch self {
            case .nearest, .box: return 0.5
            case .bilinear, .hamming: return 1
            case .bicubic: return 2
            case .lanczos: return 3
            }
        }

        func weight(_ v: Double) -> Double {
            let x = abs(v)
            switch self {
            case .nearest, .box: return v > -0.5 && v <= 0.5 ? 1 : 0
            case .bilinear: return x < 1 ? 1 - x : 0
            case .hamming:
                if x == 0 { return 1 }
                if x >= 1 { return 0 }
                let p = x * Double.pi
                return sin(p) / p * (0.54 + 0.46 * cos(p))
            case .bicubic:
                let a = -0.5
                if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
                if x < 2 { return (((x - 5) * x + 8) * x - 4) * a }
                return 0
            case .lanczos:
                func sinc(_ t: Double) -> Double { t == 0 ? 1 : sin(t * Double.pi) / (t * Double.pi) }
                return x < 3 ? sinc(x) * sinc(x / 3) : 0
            }
        }
    }

    /// `image` resized to width x height from the region `box` (left, top, right, bottom) of the
    /// source, the whole image by default.
    public static func resize(_ image: PixelImage, width: Int, height: Int, filter: Filter,
                              box: (Double, Double, Double, Double)? = nil) -> PixelImage {
        let box = box ?? (0, 0, Double(image.width), Double(image.height))
        if filter == .nearest { return nearest(image, width, height, box) }
        // Pillow filters RGBA with the colour premultiplied by alpha ('RGBa'), then divides it out.
        var current = image.mode == .RGBA ? premultiplied(image) : image
        let needHorizontal = width != image.width || box.0 != 0 || box.2 != Double(width)
        let needVertical = height != image.height || box.1 != 0 || box.3 != Double(height)
        var vertical = coefficients(image.height, box.1, box.3, height, filter)
        if needHorizontal {
            // Only the rows the vertical pass reads.
            let first = vertical.bounds[0], last = vertical.bounds[2 * height - 2] + vertical.bounds[2 * height - 1]
            for i in 0..<height { vertical.bounds[2 * i] -= first }
            let horizontal = coefficients(image.width, box.0, box.2, width, filter)
            current = pass(current, rows: first..<last, coefficients: horizontal, horizontal: true, outSize: width)
        }
        if needVertical {
            current = pass(current, rows: 0..<current.height, coefficients: vertical, horizontal: false, outSize: height)
        }
        return image.mode == .RGBA ? unpremultiplied(current) : current
    }

    /// PIL's RGBA -> RGBa: each colour times alpha / 255, rounded as its MULDIV255 does.
    static func premultiplied(_ image: PixelImage) -> PixelImage {
        var p = image.pixels
        for i in stride(from: 0, to: p.count, by: 4) {
            let alpha = Int(p[i + 3])
            for c in 0..<3 {
                let t = Int(p[i + c]) * alpha + 128
                p[i + c] = UInt8(((t >> 8) + t) >> 8)
            }
        }
        return PixelImage(width: image.width, height: image.height, mode: .RGBA, pixels: p)
    }

    /// PIL's RGBa -> RGBA: each colour times 255 / alpha, truncated and clipped; kept as is when
    /// alpha is 0 or 255.
    static func unpremultiplied(_ image: PixelImage) -> PixelImage {
        var p = image.pixels
        for i in stride(from: 0, to: p.count, by: 4) {
            let alpha = Int(p[i + 3])
            guard alpha != 0, alpha != 255 else { continue }
            for c in 0..<3 { p[i + c] = UInt8(clamping: 255 * Int(p[i + c]) / alpha) }
        }
        return PixelImage(width: image.width, height: image.height, mode: .RGBA, pixels: p)
    }

    private struct Coefficients {
        var bounds: [Int]   // per output pixel: first source index, count
        var weights: [Int32]
        var size: Int
    }

    private static let precisionBits = 32 - 8 - 2

    private static func coefficients(_ inSize: Int, _ in0: Double, _ in1: Double, _ outSize: Int, _ filter: Filter) -> Coefficients {
        let scale = (in1 - in0) / Double(outSize)
        let filterScale = max(scale, 1)
        let support = filter.support * filterScale
        let ksize = Int(ceil(support)) * 2 + 1
        var bounds = [Int](repeating: 0, count: 2 * outSize)
        var weights = [Int32](repeating: 0, count: outSize * ksize)
        var k = [Double](repeating: 0, count: ksize)
        for xx in 0..<outSize {
            let center = in0 + (Double(xx) + 0.5) * scale
            let ss = 1 / filterScale
            let xmin = max(Int(center - support + 0.5), 0)
            let xmax = min(Int(center + support + 0.5), inSize) - xmin
            var total = 0.0
            for x in 0..<ksize { k[x] = 0 }
            for x in 0..<max(xmax, 0) {
                let w = filter.weight((Double(x + xmin) - center + 0.5) * ss)
                k[x] = w
                total += w
            }
            for x in 0..<max(xmax, 0) {
                if total != 0 { k[x] /= total }
                let scaled = k[x] * Double(1 << precisionBits)
                weights[xx * ksize + x] = Int32(k[x] < 0 ? Int(-0.5 + scaled) : Int(0.5 + scaled))
            }
            bounds[2 * xx] = xmin
            bounds[2 * xx + 1] = max(xmax, 0)
        }
        return Coefficients(bounds: bounds, weights: weights, size: ksize)
    }

    private static func pass(_ image: PixelImage, rows: Range<Int>, coefficients c: Coefficients, horizontal: Bool, outSize: Int) -> PixelImage {
        let channels = image.mode.channels
        let outWidth = horizontal ? outSize : image.width, outHeight = horizontal ? rows.count : outSize
        var out = [UInt8](repeating: 0, count: outWidth * outHeight * channels)
        let half = 1 << (precisionBits - 1)
        image.pixels.withUnsafeBufferPointer { src in
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    let o = horizontal ? x : y
                    let start = c.bounds[2 * o], count = c.bounds[2 * o + 1]
                    for ch in 0..<channels {
                        var sum = half
                        for i in 0..<count {
                            let pixel = horizontal ? src[((rows.lowerBound + y) * image.width + start + i) * channels + ch]
                                                   : src[((start + i) * image.width + x) * channels + ch]
                            sum += Int(pixel) * Int(c.weights[o * c.size + i])
                        }
                        out[(y * outWidth + x) * channels + ch] = UInt8(clamping: sum >> precisionBits)
                    }
                }
            }
        }
        return PixelImage(width: outWidth, height: outHeight, mode: image.mode, pixels: out)
    }

    private static func nearest(_ image: PixelImage, _ width: Int, _ height: Int, _ box: (Double, Double, Double, Double)) -> PixelImage {
        let channels = image.mode.channels
        func table(_ size: Int, _ start: Double, _ end: Double, _ limit: Int) -> [Int] {
            let step = (end - start) / Double(size)
            var position = start + step * 0.5
            var out: [Int] = []
            for _ in 0..<size {
                out.append(min(max(position < 0 ? -1 : Int(position), 0), limit - 1))
                position += step
            }
            return out
        }
        let xs = table(width, box.0, box.2, image.width), ys = table(height, box.1, box.3, image.height)
        var out = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                let s = (ys[y] * image.width + xs[x]) * channels, d = (y * width + x) * channels
                for ch in 0..<channels { out[d + ch] = image.pixels[s + ch] }
            }
        }
        return PixelImage(width: width, height: height, mode: image.mode, pixels: out)
    }
}
