import FoveaLang
import Glibc
import Tensor

/// A `width_shift_range` / `height_shift_range` as Keras reads it: a float (a fraction of the
/// side when below 1, else pixels, drawn uniformly in [-r, r)), an int (whole pixels drawn from
/// range(r), with a random sign), or a list of values (one drawn, with a random sign).
enum ShiftRange {
    case none
    case uniform(Double)
    case pixels(Int)
    case choice([Double])

    /// np.max(range) < 1: the drawn value is a fraction of the image's side.
    var isFraction: Bool {
        switch self {
        case .none: return false
        case .uniform(let r): return r < 1
        case .pixels(let n): return n < 1
        case .choice(let v): return (v.max() ?? 0) < 1
        }
    }

    var value: Value {
        switch self {
        case .none: return .float(0)
        case .uniform(let r): return .float(r)
        case .pixels(let n): return .int(n)
        case .choice(let v): return .list(v.map { .float($0) })
        }
    }
}

/// One image's random transform, the dict Keras's `get_random_transform` returns.
struct ImageTransform {
    var theta = 0.0, tx = 0.0, ty = 0.0, shear = 0.0, zx = 1.0, zy = 1.0
    var flipHorizontal = false, flipVertical = false
    var channelShift: Double?

    var dict: Value {
        let d = DictBox()
        let items: [(String, Value)] = [
            ("theta", .float(theta)), ("tx", .float(tx)), ("ty", .float(ty)), ("shear", .float(shear)), ("zx", .float(zx)), ("zy", .float(zy)),
            ("flip_horizontal", .int(flipHorizontal ? 1 : 0)), ("flip_vertical", .int(flipVertical ? 1 : 0)),
            ("channel_shift_intensity", channelShift.map(Value.float) ?? .none), ("brightness", .none),
        ]
        for (k, v) in items { d.set(.str(k), .str(k), v) }
        return .dict(d)
    }

    /// The parameters of `apply_transform(x, transform_parameters)`: a dict whose missing keys
    /// keep their neutral values, as Keras's `.get(key, default)` reads them.
    init(_ value: Value, at span: Span) throws {
        guard case .dict(let d) = value else {
            throw Diagnostic(.typeError, "transform_parameters must be a dict such as {'theta': 90, 'flip_horizontal': True}. Received: \(Repr.repr(value))", at: span)
        }
        func number(_ key: String) throws -> Double? {
            guard let v = d.get(.str(key)), !v.isNone else { return nil }
            guard let x = v.asDouble else {
                throw Diagnostic(.typeError, "transform_parameters['\(key)'] must be a number. Received: \(Repr.repr(v))", at: span)
            }
            return x
        }
        theta = try number("theta") ?? 0; tx = try number("tx") ?? 0; ty = try number("ty") ?? 0
        shear = try number("shear") ?? 0; zx = try number("zx") ?? 1; zy = try number("zy") ?? 1
        flipHorizontal = d.get(.str("flip_horizontal"))?.isTruthy ?? false
        flipVertical = d.get(.str("flip_vertical"))?.isTruthy ?? false
        channelShift = try number("channel_shift_intensity")
        if let b = d.get(.str("brightness")), !b.isNone {
            throw Diagnostic(.notImplementedError, "Fovea's ImageDataGenerator has no brightness shift (Keras does it with PIL's ImageEnhance)", at: span)
        }
    }

    init() {}
}

/// ImageDataGenerator's per-image work, as Keras does it: drawing a random transform from
/// numpy's global generator, applying it (affine warp, channel shift, flips), and the
/// standardization (rescale, centring, normalization).
struct ImageAugmentation {
    var rotationRange = 0.0, shearRange = 0.0, channelShiftRange = 0.0
    var widthShift = ShiftRange.none, heightShift = ShiftRange.none
    var zoomRange = (1.0, 1.0)
    var horizontalFlip = false, verticalFlip = false
    var fillMode = FillMode.nearest
    var cval = 0.0
    var rescale: Double?
    var samplewiseCenter = false, samplewiseStd = false, featurewiseCenter = false, featurewiseStd = false
    /// Per-channel statistics from `fit`.
    var mean: [Float]?, std: [Float]?

    /// Keras's `get_random_transform(img_shape, seed)`, drawing from `random` in Keras's order.
    func randomTransform(height: Int, width: Int, random: LegacyRandomState, seed: Int?) -> ImageTransform {
        if let seed { random.seed(UInt32(truncatingIfNeeded: seed)) }
        func uniform(_ lo: Double, _ hi: Double) -> Double { random.uniform(low: lo, high: hi, count: 1)[0] }
        func shift(_ r: ShiftRange, _ side: Int) -> Double {
            var v: Double
            switch r {
            case .none: return 0
            case .uniform(let x): v = uniform(-x, x)
            case .pixels(let n):
                v = Double(random.choice(population: n, count: 1, replace: true, p: nil)[0])
                v *= [-1.0, 1.0][random.choice(population: 2, count: 1, replace: true, p: nil)[0]]
            case .choice(let values):
                v = values[random.choice(population: values.count, count: 1, replace: true, p: nil)[0]]
                v *= [-1.0, 1.0][random.choice(population: 2, count: 1, replace: true, p: nil)[0]]
            }
            return r.isFraction ? v * Double(side) : v
        }
        var t = ImageTransform()
        if rotationRange != 0 { t.theta = uniform(-rotationRange, rotationRange) }
        t.tx = shift(heightShift, height)
        t.ty = shift(widthShift, width)
        if shearRange != 0 { t.shear = uniform(-shearRange, shearRange) }
        if !(zoomRange.0 == 1 && zoomRange.1 == 1) {
            let z = random.uniform(low: zoomRange.0, high: zoomRange.1, count: 2)
            t.zx = z[0]; t.zy = z[1]
        }
        t.flipHorizontal = random.randomSample(1)[0] < 0.5 && horizontalFlip
        t.flipVertical = random.randomSample(1)[0] < 0.5 && verticalFlip
        if channelShiftRange != 0 { t.channelShift = uniform(-channelShiftRange, channelShiftRange) }
        return t
    }

    /// Keras's `apply_transform`: the affine warp (scipy's order-1 interpolation), the channel
    /// shift, then the flips, on one float32 image (height, width, channels).
    func apply(_ t: ImageTransform, to image: Tensor) throws -> Tensor {
        let d = image.shape.dims
        let (h, w, c) = (d[0], d[1], d[2])
        var x = image.dtype == .float32 ? image : image.converted(to: .float32)
        if let map = AffineMap.keras(theta: t.theta, tx: t.tx, ty: t.ty, shear: t.shear, zx: t.zx, zy: t.zy, height: h, width: w) {
            x = try AffineTransform.apply(x, map, fill: fillMode, cval: Float(cval))
        }
        guard t.channelShift != nil || t.flipHorizontal || t.flipVertical else { return x }
        var v = x.floatArray
        if let s = t.channelShift, let lo = v.min(), let hi = v.max() {
            for i in v.indices { v[i] = min(max(v[i] + Float(s), lo), hi) }
        }
        if t.flipHorizontal || t.flipVertical {
            let src = v
            for i in 0..<h {
                for j in 0..<w {
                    let si = t.flipVertical ? h - 1 - i : i, sj = t.flipHorizontal ? w - 1 - j : j
                    for k in 0..<c { v[(i * w + j) * c + k] = src[(si * w + sj) * c + k] }
                }
            }
        }
        return try Tensor(shape: image.shape, floats: v)
    }

    /// Keras's `standardize` after the preprocessing function: rescale, sample-wise centring and
    /// normalization, then the feature-wise statistics from `fit`. `warn` receives Keras's
    /// warnings (feature-wise options without `fit`).
    func standardize(_ image: Tensor, warn: (String) -> Void) throws -> Tensor {
        var v = image.floatArray
        let c = image.shape.dims.last ?? 1
        if let r = rescale, r != 0 { for i in v.indices { v[i] *= Float(r) } }
        if samplewiseCenter, !v.isEmpty {
            let m = Float(v.reduce(0.0) { $0 + Double($1) } / Double(v.count))
            for i in v.indices { v[i] -= m }
        }
        if samplewiseStd, !v.isEmpty {
            let s = Float(Self.std(v)) + 1e-6
            for i in v.indices { v[i] /= s }
        }
        if featurewiseCenter {
            if let mean, mean.count == c {
                for i in v.indices { v[i] -= mean[i % c] }
            } else {
                warn("This ImageDataGenerator specifies `featurewise_center`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.")
            }
        }
        if featurewiseStd {
            if let std, std.count == c {
                for i in v.indices { v[i] /= std[i % c] + 1e-6 }
            } else {
                warn("This ImageDataGenerator specifies `featurewise_std_normalization`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.")
            }
        }
        return try Tensor(shape: image.shape, floats: v)
    }

    static func std(_ v: [Float]) -> Double {
        let m = v.reduce(0.0) { $0 + Double($1) } / Double(v.count)
        return (v.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(v.count)).squareRoot()
    }

    /// Keras's `fit`: per-channel mean (and standard deviation, after centring) over a batch of
    /// images (n, height, width, channels), after rescaling as Keras 3 does.
    mutating func fit(_ x: Tensor) {
        let c = x.shape.dims[3]
        var v = x.floatArray
        if let r = rescale, r != 0 { for i in v.indices { v[i] *= Float(r) } }
        let count = Double(max(v.count / max(c, 1), 1))
        if featurewiseCenter {
            var sums = [Double](repeating: 0, count: c)
            for i in v.indices { sums[i % c] += Double(v[i]) }
            let m = sums.map { Float($0 / count) }
            mean = m
            for i in v.indices { v[i] -= m[i % c] }
        }
        if featurewiseStd {
            var sums = [Double](repeating: 0, count: c), squares = [Double](repeating: 0, count: c)
            for i in v.indices { sums[i % c] += Double(v[i]) }
            for i in v.indices { let d = Double(v[i]) - sums[i % c] / count; squares[i % c] += d * d }
            std = squares.map { Float(($0 / count).squareRoot()) }
        }
    }
}
