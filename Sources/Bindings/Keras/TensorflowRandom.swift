import FoveaLang
import Tensor

/// `tf.random.uniform`, `normal` and `shuffle` with TF's seeding rules: after
/// `tf.random.set_seed(s)` the same calls give the same numbers again; an op's own `seed=` makes
/// its sequence reproducible (with the global seed, or TF's default one when none is set);
/// with neither, every run differs. The numbers are Fovea's (xoshiro256**), not TF's Philox ones.
final class TFRandomState {
    var globalSeed: Int?
    private var generators: [Int: SeededGenerator] = [:]

    func setSeed(_ seed: Int) {
        globalSeed = seed
        generators = [:]
    }

    /// Runs `body` with the generator for an op with seed `opSeed` (nil: none given).
    func draw<T>(opSeed: Int?, _ body: (inout SeededGenerator) throws -> T) rethrows -> T {
        guard globalSeed != nil || opSeed != nil else {
            var g = SeededGenerator(seed: UInt64.random(in: 0...UInt64.max))
            return try body(&g)
        }
        let key = opSeed ?? -1
        var g = generators[key] ?? SeededGenerator(seed: UInt64(bitPattern: Int64(globalSeed ?? 87654321)) &* 0x9E37_79B9_7F4A_7C15
                                                   ^ UInt64(bitPattern: Int64(opSeed ?? 0x5EED)))
        defer { generators[key] = g }
        return try body(&g)
    }
}

enum TFRandom {
    static func state(_ store: SessionStore) -> TFRandomState { store.shared("tensorflow.random") { TFRandomState() } }

    static func functions(_ store: SessionStore) -> [NativeFunction] {
        let st = state(store)
        let uniform = TFFunctions.fn("uniform", """
            Random values in [minval, maxval) (maxval 1 for floats; required for ints).
            """, [.required("shape"), .optional("minval", default: .int(0)), .optional("maxval", default: Value.none),
                  .optional("dtype", default: .object(TFDTypeObject.of(.float32))), .optional("seed", default: Value.none), TFFunctions.nameParameter]) { a, _ in
            TFFunctions.readName(a)
            let dims = try TF.shape(a["shape"]!, argument: "shape", at: a.span(of: "shape"))
            let type = try TF.dtype(a) ?? .float32
            guard type != .bool && type != .uint8 else {
                throw Diagnostic(.valueError, "Argument `dtype` got invalid value \(TF.dtypeRepr(type)). Accepted dtypes are float32, float64, int32 and int64.", at: a.span(of: "dtype"))
            }
            if !type.isFloat && a["maxval"]!.isNone {
                throw Diagnostic(.valueError, "Must specify maxval for integer dtype \(TF.dtypeRepr(type))", at: a.callSpan)
            }
            let lo = try scalar(a, "minval", type), hi = a["maxval"]!.isNone ? 1 : try scalar(a, "maxval", type)
            let out = try ArrayValues.run(a.span(of: "shape")) { try Tensor(zeros: Shape(dims), dtype: type) }
            let seed = try a.optionalInt("seed")
            try st.draw(opSeed: seed) { g in
                switch type {
                case .float32: for i in 0..<out.count { out.floats[i] = g.uniformFloat(Float(lo), Float(hi)) }
                case .float64: for i in 0..<out.count { out.doubles[i] = lo + (hi - lo) * (Double(g.next() >> 11) / 9_007_199_254_740_992.0) }
                default:
                    let (l, h) = (Int64(lo), Int64(hi))
                    guard l < h else { throw TF.kernelError("RandomUniformInt", "Need minval < maxval: \(l) >= \(h)", at: a.callSpan) }
                    let wide = try Tensor(zeros: out.shape, dtype: .int64)
                    for i in 0..<out.count { wide.int64s[i] = Int64.random(in: l..<h, using: &g) }
                    try out.assign([], wide)
                }
            }
            return TF.wrap(out)
        }
        let normal = TFFunctions.fn("normal", """
            Random values from a normal (Gaussian) distribution.
            """, [.required("shape"), .optional("mean", default: .float(0)), .optional("stddev", default: .float(1)),
                  .optional("dtype", default: .object(TFDTypeObject.of(.float32))), .optional("seed", default: Value.none), TFFunctions.nameParameter]) { a, _ in
            TFFunctions.readName(a)
            let dims = try TF.shape(a["shape"]!, argument: "shape", at: a.span(of: "shape"))
            let type = try TF.dtype(a) ?? .float32
            guard type.isFloat else {
                throw Diagnostic(.valueError, "Argument `dtype` got invalid value \(TF.dtypeRepr(type)). Accepted dtypes are float32 and float64.", at: a.span(of: "dtype"))
            }
            let mean = try scalar(a, "mean", type), std = try scalar(a, "stddev", type)
            let out = try ArrayValues.run(a.span(of: "shape")) { try Tensor(zeros: Shape(dims), dtype: type) }
            let seed = try a.optionalInt("seed")
            st.draw(opSeed: seed) { g in
                if type == .float32 {
                    for i in 0..<out.count { out.floats[i] = g.normalFloat(mean: Float(mean), std: Float(std)) }
                } else {
                    for i in 0..<out.count { out.doubles[i] = mean + std * Double(g.normalFloat(mean: 0, std: 1)) }
                }
            }
            return TF.wrap(out)
        }
        let shuffle = TFFunctions.fn("shuffle", "The tensor with its first axis in random order.",
                                     [.required("value"), .optional("seed", default: Value.none), TFFunctions.nameParameter]) { a, _ in
            TFFunctions.readName(a)
            let t = try TFFunctions.tensor(a, "value")
            let seed = try a.optionalInt("seed")
            guard t.shape.rank > 0 else { return TF.wrap(t) }
            let order = st.draw(opSeed: seed) { g in Array(0..<t.shape.dims[0]).shuffled(using: &g) }
            let index = try Tensor(shape: [order.count], int64s: order.map(Int64.init))
            return TF.wrap(try ArrayValues.run(a.callSpan) { try t.selecting(index) })
        }
        return [uniform, normal, shuffle]
    }

    /// A scalar argument (minval, mean, ...) as a number, converted as TF converts it to `type`.
    static func scalar(_ a: BoundArguments, _ name: String, _ type: DType) throws -> Double {
        let t = try TF.convert(a[name]!, dtype: TF.isTFTensor(a[name]!) ? nil : type, at: a.span(of: name))
        guard t.count == 1 else {
            throw Diagnostic(.valueError, "\(name) must be a single number in Fovea. Received a tensor of shape \(t.shape)", at: a.span(of: name))
        }
        return t.scalar(at: 0)
    }
}
