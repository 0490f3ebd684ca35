import Glibc
import Tensor

/// The affine warp behind Keras 3's RandomRotation, RandomZoom and RandomTranslation:
/// `keras.ops.image.affine_transform`, which on TensorFlow is ImageProjectiveTransformV3.
///
/// Each output pixel (x, y) (column, row) reads the input at
///   x_in = a0 * x + a1 * y + a2,   y_in = b0 * x + b1 * y + b2,
/// first brought inside the image by the fill mode, then interpolated ('bilinear' or 'nearest').
///
/// This follows TensorFlow's definitions, not scipy's (`AffineTransform` in Tensor, which
/// ImageDataGenerator uses), where they differ:
///   - 'reflect' (d c b a | a b c d | d c b a): the reflected coordinate is clamped to
///     [0, len - 1], so interpolation never reads past the edge;
///   - 'wrap' (a b c d | a b c d): period len; scipy's 'wrap' has period len - 1;
///   - 'nearest': the coordinate clamped to [0, len - 1];
///   - 'constant': the coordinate is left as it is and every interpolation tap outside the image
///     reads `fill_value`, so edge pixels blend into it (scipy fills the whole pixel instead).
public struct ImageWarp: Sendable {
    public enum Interpolation: String, CaseIterable, Sendable { case bilinear, nearest }

    public var a0, a1, a2, b0, b1, b2: Double

    public init(a0: Double, a1: Double, a2: Double, b0: Double, b1: Double, b2: Double) {
        self.a0 = a0; self.a1 = a1; self.a2 = a2; self.b0 = b0; self.b1 = b1; self.b2 = b2
    }

    /// Rotation by `angle` radians (counter-clockwise on screen for a positive angle) about the
    /// image's centre ((width - 1) / 2, (height - 1) / 2), as Keras's RandomRotation builds it.
    public static func rotation(_ angle: Double, height: Int, width: Int) -> ImageWarp {
        let c = cos(angle), s = sin(angle)
        let w = Double(width - 1), h = Double(height - 1)
        return ImageWarp(a0: c, a1: -s, a2: (w - (c * w - s * h)) / 2,
                         b0: s, b1: c, b2: (h - (s * w + c * h)) / 2)
    }

    /// Zoom by (zx, zy) about the centre, as Keras's RandomZoom: > 1 zooms out, < 1 zooms in.
    public static func zoom(height zy: Double, width zx: Double, height: Int, width: Int) -> ImageWarp {
        ImageWarp(a0: zx, a1: 0, a2: Double(width - 1) / 2 * (1 - zx),
                  b0: 0, b1: zy, b2: Double(height - 1) / 2 * (1 - zy))
    }

    /// A shift by (dx, dy) pixels, as Keras's RandomTranslation: positive moves the image right / down.
    public static func translation(dx: Double, dy: Double) -> ImageWarp {
        ImageWarp(a0: 1, a1: 0, a2: -dx, b0: 0, b1: 1, b2: -dy)
    }

    /// Warps image `b` of the NHWC float32 batch `x` into the same place of `y`.
    func apply(_ x: Tensor, into y: Tensor, image b: Int, fill: FillMode, interpolation: Interpolation,
               fillValue: Float) {
        let d = x.shape.dims
        let (h, w, c) = (d[1], d[2], d[3])
        let src = UnsafePointer(x.floats.baseAddress! + b * h * w * c)
        let dst = y.floats.baseAddress! + b * h * w * c
        func read(_ i: Int, _ j: Int, _ k: Int) -> Float {
            i < 0 || i >= h || j < 0 || j >= w ? fillValue : src[(i * w + j) * c + k]
        }
        for i in 0..<h {
            for j in 0..<w {
                let o = dst + (i * w + j) * c
                let xIn = ImageWarp.map(a0 * Double(j) + a1 * Double(i) + a2, w, fill)
                let yIn = ImageWarp.map(b0 * Double(j) + b1 * Double(i) + b2, h, fill)
                if interpolation == .nearest {
                    let ii = Int(yIn.rounded()), jj = Int(xIn.rounded())
                    for k in 0..<c { o[k] = read(ii, jj, k) }
                    continue
                }
                let yf = yIn.rounded(.down), xf = xIn.rounded(.down)
                let y0 = Int(yf), x0 = Int(xf)
                let fy = Float(yIn - yf), fx = Float(xIn - xf)
                for k in 0..<c {
                    let top = (1 - fx) * read(y0, x0, k) + fx * read(y0, x0 + 1, k)
                    let bottom = (1 - fx) * read(y0 + 1, x0, k) + fx * read(y0 + 1, x0 + 1, k)
                    o[k] = (1 - fy) * top + fy * bottom
                }
            }
        }
    }

    /// The adjoint of `apply` for image `b`: every output pixel's gradient in `g` is added to the
    /// input pixels it was interpolated from, with the same weights, into `dx` (zeros beforehand).
    /// Taps outside the image (fill_value) take no gradient.
    func applyAdjoint(_ g: Tensor, into dx: Tensor, image b: Int, fill: FillMode, interpolation: Interpolation) {
        let d = g.shape.dims
        let (h, w, c) = (d[1], d[2], d[3])
        let src = UnsafePointer(g.floats.baseAddress! + b * h * w * c)
        let dst = dx.floats.baseAddress! + b * h * w * c
        func add(_ i: Int, _ j: Int, _ k: Int, _ v: Float) {
            if i >= 0 && i < h && j >= 0 && j < w { dst[(i * w + j) * c + k] += v }
        }
        for i in 0..<h {
            for j in 0..<w {
                let o = src + (i * w + j) * c
                let xIn = ImageWarp.map(a0 * Double(j) + a1 * Double(i) + a2, w, fill)
                let yIn = ImageWarp.map(b0 * Double(j) + b1 * Double(i) + b2, h, fill)
                if interpolation == .nearest {
                    let ii = Int(yIn.rounded()), jj = Int(xIn.rounded())
                    for k in 0..<c { add(ii, jj, k, o[k]) }
                    continue
                }
                let yf = yIn.rounded(.down), xf = xIn.rounded(.down)
                let y0 = Int(yf), x0 = Int(xf)
                let fy = Float(yIn - yf), fx = Float(xIn - xf)
                for k in 0..<c {
                    add(y0, x0, k, (1 - fy) * (1 - fx) * o[k])
                    add(y0, x0 + 1, k, (1 - fy) * fx * o[k])
                    add(y0 + 1, x0, k, fy * (1 - fx) * o[k])
                    add(y0 + 1, x0 + 1, k, fy * fx * o[k])
                }
            }
        }
    }

    /// TensorFlow's MapCoordinate for one axis of length `n`.
    static func map(_ v: Double, _ n: Int, _ fill: FillMode) -> Double {
        let len = Double(n)
        switch fill {
        case .constant:
            return v
        case .nearest:
            return min(max(v, 0), len - 1)
        case .reflect:
            var x = v
            if n <= 1 { return 0 }
            let period = 2 * len
            if x < 0 {
                if x < period { x += period * (-x / period).rounded(.towardZero) }
                x = x < -len ? x + period : -x - 1
            } else if x > len - 1 {
                x -= period * (x / period).rounded(.towardZero)
                if x >= len { x = period - x - 1 }
            }
            return min(max(x, 0), len - 1)
        case .wrap:
            var x = v
            if n <= 1 { return 0 }
            let span = len - 1
            if x < 0 {
                x += len * ((-x / span).rounded(.towardZero) + 1)
            } else if x > len - 1 {
                x -= len * (x / span).rounded(.towardZero)
            }
            return min(max(x, 0), len - 1)
        }
    }
}

/// The checks and the warp the three geometric augmentation layers share.
extension AugmentationLayer {
    /// Keras's fill_mode and interpolation checks (NotImplementedError, as Keras raises).
    static func parseWarpOptions(fillMode: String, interpolation: String) throws -> (FillMode, ImageWarp.Interpolation) {
        let modes = "('reflect', 'wrap', 'constant', 'nearest')"
        guard let fill = FillMode(rawValue: fillMode) else {
            throw LayerError(.notImplementedError, "Unknown `fill_mode` \(fillMode). Expected of one \(modes).",
                             argument: "fill_mode")
        }
        guard let interp = ImageWarp.Interpolation(rawValue: interpolation) else {
            throw LayerError(.notImplementedError,
                             "Unknown `interpolation` \(interpolation). Expected of one ('nearest', 'bilinear').",
                             argument: "interpolation")
        }
        return (fill, interp)
    }

    /// Warps every image of the batch with the transform `warp(b)` draws for it (drawn in order,
    /// image by image, before any pixel is computed), the images spread over the cores. The
    /// transforms are kept for backward.
    func warpBatch(_ x: Tensor, fill: FillMode, interpolation: ImageWarp.Interpolation, fillValue: Float,
                   _ warp: (Int) -> ImageWarp) throws -> Tensor {
        let source = x.dtype == .float32 ? x : x.converted(to: .float32)
        let n = source.shape[0]
        let warps = (0..<n).map(warp)
        let y = try Tensor(zeros: source.shape, what: "the output of \(name)")
        withExtendedLifetime(source) {
            Parallel.forRanges(n, work: source.shape.count * 16) { images in
                for b in images {
                    warps[b].apply(source, into: y, image: b, fill: fill, interpolation: interpolation, fillValue: fillValue)
                }
            }
        }
        core.trainingState = warps
        return y
    }

    /// dL/dx through the adjoint of the warps the training pass drew.
    func warpBackward(_ gradOutput: Tensor, needInputGradient: Bool, fill: FillMode,
                      interpolation: ImageWarp.Interpolation) throws -> Tensor? {
        try augmentationBackward(gradOutput, needInputGradient: needInputGradient, [ImageWarp].self) { warps in
            let dx = try Tensor(zeros: gradOutput.shape, what: "the input gradient of \(name)")
            withExtendedLifetime(gradOutput) {
                Parallel.forRanges(warps.count, work: gradOutput.shape.count * 16) { images in
                    for b in images {
                        warps[b].applyAdjoint(gradOutput, into: dx, image: b, fill: fill, interpolation: interpolation)
                    }
                }
            }
            return dx
        }
    }
}
