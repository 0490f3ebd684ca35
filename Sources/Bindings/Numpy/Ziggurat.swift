import Glibc

/// The ziggurat behind the Generator's `standard_normal` and `normal`: numpy's algorithm
/// (`random_standard_normal`: 256 layers, 52-bit uniforms, the tail beyond r by Marsaglia's
/// exponential method), over tables built here from the documented recipe instead of copied.
///
/// Not bit-identical to numpy. numpy's tables were computed once, with some other platform's
/// `exp` and `log`, and the recurrence that builds them amplifies the last-bit differences of
/// those functions in the top layers (small x). Built here with glibc's, the widths of the top
/// 37 layers differ from numpy's by up to 1e-14 relative, so about one draw in seven differs
/// from numpy's in its last bits (by about 1e-14 relative at most); the others, and the words
/// drawn, are numpy's. Printed at numpy's 8 digits, the numbers agree.
public enum Ziggurat {
    static let r = 3.6541528853610087963519472518
    static let inverseR = 0.27366123732975827203338247596
    /// The area of each layer (and of the base layer with its tail).
    static let layerArea = 0.0049286732339746519

    struct Tables {
        var k = [UInt64](repeating: 0, count: 256)
        var w = [Double](repeating: 0, count: 256)
        var f = [Double](repeating: 0, count: 256)
    }

    /// x[255] = r down to x[1], each layer's top edge from the one below it so that every layer
    /// has the same area; x[0] = 0. w = x / 2**52 (a 52-bit uniform times w is a point in the
    /// layer), k = the fraction of a layer inside the one above it, times 2**52; f = exp(-x²/2).
    static let tables: Tables = {
        func pdf(_ x: Double) -> Double { exp(-0.5 * x * x) }
        let scale = 4_503_599_627_370_496.0  // 2**52
        var x = [Double](repeating: 0, count: 256)
        x[255] = r
        for i in stride(from: 254, through: 1, by: -1) {
            x[i] = (-2 * log(pdf(x[i + 1]) + layerArea / x[i + 1])).squareRoot()
        }
        var t = Tables()
        for i in 1..<256 { t.k[i] = UInt64((x[i - 1] / x[i] * scale).rounded(.toNearestOrEven)) }
        t.k[0] = UInt64((r * pdf(r) / layerArea * scale).rounded(.toNearestOrEven))
        for i in 0..<256 { t.w[i] = x[i] / scale; t.f[i] = pdf(x[i]) }
        t.w[0] = layerArea / pdf(r) / scale
        return t
    }()

    /// One standard normal value.
    public static func standardNormal(_ g: NumpyBitGenerator) -> Double {
        let t = tables
        while true {
            var bits = g.nextUInt64()
            let layer = Int(bits & 0xff)
            bits >>= 8
            let negative = bits & 1 == 1
            let rabs = (bits >> 1) & 0x000f_ffff_ffff_ffff
            var x = Double(rabs) * t.w[layer]
            if negative { x = -x }
            if rabs < t.k[layer] { return x }
            if layer == 0 {
                // The tail beyond r.
                while true {
                    let xx = -inverseR * log1p(-g.nextDouble())
                    let yy = -log1p(-g.nextDouble())
                    if yy + yy > xx * xx { return (rabs >> 8) & 1 == 1 ? -(r + xx) : r + xx }
                }
            }
            if (t.f[layer - 1] - t.f[layer]) * g.nextDouble() + t.f[layer] < exp(-0.5 * x * x) { return x }
        }
    }
}
