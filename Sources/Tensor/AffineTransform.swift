import Glibc

/// How an affine transform fills output pixels whose source lies outside the image: the
/// scipy.ndimage modes that Keras's `fill_mode` passes on.
///   - constant: `cval` outside the image (no interpolation beyond the edges);
///   - nearest:  the edge pixel repeated (aaaa|abcd|dddd);
///   - reflect:  mirrored about the edge (dcba|abcd|dcba);
///   - wrap:     wrapped round, scipy's 'wrap', whose first and last pixels overlap (bcd|abcd|abc... with period n-1).
public enum FillMode: String, CaseIterable, Sendable {
    case constant, nearest, reflect, wrap
}

/// An affine map from output pixel coordinates (row, col) to input coordinates, as
/// scipy.ndimage.affine_transform takes it: input = matrix · output + offset.
public struct AffineMap: Equatable, Sendable {
    public var matrix: (Double, Double, Double, Double)   // [[m.0, m.1], [m.2, m.3]]
    public var offset: (Double, Double)

    public init(matrix: (Double, Double, Double, Double), offset: (Double, Double)) {
        self.matrix = matrix; self.offset = offset
    }

    public static func == (l: AffineMap, r: AffineMap) -> Bool {
        l.matrix == r.matrix && l.offset == r.offset
    }

    /// The map Keras's `apply_affine_transform` builds for a (height, width, channels) image:
    /// rotation by theta degrees, shift (tx, ty), shear degrees, zoom (zx, zy), composed in that
    /// order, centred with `transform_matrix_offset_center`, then with rows and columns swapped as
    /// Keras does for channels-last images. nil when every parameter is neutral (Keras leaves the
    /// image untouched then).
    public static func keras(theta: Double, tx: Double, ty: Double, shear: Double, zx: Double, zy: Double,
                             height: Int, width: Int) -> AffineMap? {
        var m: [[Double]]? = nil
        func then(_ n: [[Double]]) { m = m.map { product($0, n) } ?? n }
        if theta != 0 {
            let t = theta * Double.pi / 180
            then([[cos(t), -sin(t), 0], [sin(t), cos(t), 0], [0, 0, 1]])
        }
        if tx != 0 || ty != 0 { then([[1, 0, tx], [0, 1, ty], [0, 0, 1]]) }
        if shear != 0 {
            let s = shear * Double.pi / 180
            then([[1, -sin(s), 0], [0, cos(s), 0], [0, 0, 1]])
        }
        if zx != 1 || zy != 1 { then([[zx, 0, 0], [0, zy, 0], [0, 0, 1]]) }
        guard let transform = m else { return nil }
        let ox = Double(height) / 2 - 0.5, oy = Double(width) / 2 - 0.5
        let centred = product(product([[1, 0, ox], [0, 1, oy], [0, 0, 1]], transform), [[1, 0, -ox], [0, 1, -oy], [0, 0, 1]])
        // Keras swaps the first two columns, then the first two rows (its matrix is built in x, y order).
        let c = centred
        return AffineMap(matrix: (c[1][1], c[1][0], c[0][1], c[0][0]), offset: (c[1][2], c[0][2]))
    }

    private static func product(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        (0..<3).map { i in (0..<3).map { j in (0..<3).reduce(0.0) { $0 + a[i][$1] * b[$1][j] } } }
    }
}

/// scipy.ndimage.affine_transform with order=1 (bilinear) on a (height, width, channels) float32
/// image, channel by channel, as Keras's ImageDataGenerator applies it. The fast kernel works
/// out each output pixel's source once for all channels, over raw buffers, rows split across
/// cores; `naive` is its twin, one channel value at a time, which the tests hold it against.
public enum AffineTransform {
    public static func apply(_ image: Tensor, _ map: AffineMap, fill: FillMode, cval: Float) throws -> Tensor {
        let (h, w, ch) = try dims(image)
        let source = image.dtype == .float32 ? image : image.converted(to: .float32)
        let out = try Tensor(zeros: image.shape)
        let (m0, m1, m2, m3) = map.matrix
        let (r0, c0) = map.offset
        let src = UnsafePointer(source.floats.baseAddress!), dst = out.floats.baseAddress!
        let cv = Double(cval)
        withExtendedLifetime(source) {
            Parallel.forRanges(h, work: h * w * ch * 16) { rows in
                for i in rows {
                    for j in 0..<w {
                        let o = dst + (i * w + j) * ch
                        let y = m0 * Double(i) + m1 * Double(j) + r0
                        let x = m2 * Double(i) + m3 * Double(j) + c0
                        guard let (y0, y1, fy) = taps(y, h, fill), let (x0, x1, fx) = taps(x, w, fill) else {
                            for k in 0..<ch { o[k] = Float(cv) }
                            continue
                        }
                        let p00 = src + (y0 * w + x0) * ch, p01 = src + (y0 * w + x1) * ch
                        let p10 = src + (y1 * w + x0) * ch, p11 = src + (y1 * w + x1) * ch
                        let w00 = (1 - fy) * (1 - fx), w01 = (1 - fy) * fx, w10 = fy * (1 - fx), w11 = fy * fx
                        for k in 0..<ch {
                            var t = Double(p00[k]) * w00
                            t += Double(p01[k]) * w01
                            t += Double(p10[k]) * w10
                            t += Double(p11[k]) * w11
                            o[k] = Float(t)
                        }
                    }
                }
            }
        }
        return out
    }

    /// The twin of `apply`: every output value computed on its own from scipy's definition.
    public static func naive(_ image: Tensor, _ map: AffineMap, fill: FillMode, cval: Float) throws -> Tensor {
        let (h, w, ch) = try dims(image)
        let values = image.floatArray
        var out = [Float](repeating: 0, count: h * w * ch)
        for i in 0..<h {
            for j in 0..<w {
                for k in 0..<ch {
                    let y = map.matrix.0 * Double(i) + map.matrix.1 * Double(j) + map.offset.0
                    let x = map.matrix.2 * Double(i) + map.matrix.3 * Double(j) + map.offset.1
                    guard let yy = mapped(y, h, fill), let xx = mapped(x, w, fill) else {
                        out[(i * w + j) * ch + k] = cval
                        continue
                    }
                    var t = 0.0
                    for (dy, wy) in [(0, 1 - (yy - yy.rounded(.down))), (1, yy - yy.rounded(.down))] {
                        for (dx, wx) in [(0, 1 - (xx - xx.rounded(.down))), (1, xx - xx.rounded(.down))] {
                            let r = edge(Int(yy.rounded(.down)) + dy, h), c = edge(Int(xx.rounded(.down)) + dx, w)
                            t += Double(values[(r * w + c) * ch + k]) * wy * wx
                        }
                    }
                    out[(i * w + j) * ch + k] = Float(t)
                }
            }
        }
        return try Tensor(shape: image.shape, floats: out)
    }

    private static func dims(_ image: Tensor) throws -> (Int, Int, Int) {
        guard image.shape.rank == 3 else {
            throw TensorError("an affine transform takes one image (height, width, channels); got shape \(image.shape)")
        }
        let d = image.shape.dims
        return (d[0], d[1], d[2])
    }

    /// The two source indices along one axis and the weight of the second; nil for `cval`.
    @inline(__always)
    private static func taps(_ v: Double, _ n: Int, _ fill: FillMode) -> (Int, Int, Double)? {
        guard let m = mapped(v, n, fill) else { return nil }
        let f = m.rounded(.down)
        let i = Int(f)
        return (edge(i, n), edge(i + 1, n), m - f)
    }

    /// scipy's `map_coordinate`: a coordinate outside [0, n - 1] brought inside by the mode;
    /// nil for 'constant' (the pixel takes cval).
    static func mapped(_ v: Double, _ n: Int, _ fill: FillMode) -> Double? {
        let last = Double(n - 1)
        guard v < 0 || v > last else { return v }
        if n <= 1 { return fill == .constant ? nil : 0 }
        switch fill {
        case .constant: return nil
        case .nearest: return v < 0 ? 0 : last
        case .reflect:
            let period = Double(2 * n)
            if v < 0 {
                var x = v
                if x < -period { x = period * (-x / period).rounded(.towardZero) + x }
                return x < -Double(n) ? x + period : -x - 1
            }
            var x = v - period * (v / period).rounded(.towardZero)
            if x >= Double(n) { x = period - x - 1 }
            return x
        case .wrap:
            if v < 0 { return v + last * ((-v / last).rounded(.towardZero) + 1) }
            return v - last * (v / last).rounded(.towardZero)
        }
    }

    /// An interpolation tap past the edge, reflected back inside about the edge (dcba|abcd), as
    /// scipy reads the footprint. Only 'reflect' reaches such taps with a non-zero weight.
    @inline(__always)
    static func edge(_ i: Int, _ n: Int) -> Int {
        if i >= 0 && i < n { return i }
        let period = 2 * n
        var k = i % period
        if k < 0 { k += period }
        return k >= n ? period - 1 - k : k
    }
}
